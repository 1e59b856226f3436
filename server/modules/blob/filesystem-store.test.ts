import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile, utimes, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { StoredBlob } from './blob-store.js';
import { describeBlobStoreContract } from './blob-store.contract.js';
import { fsyncDirectory } from './directory-syncs.js';
import { FilesystemBlobStore } from './filesystem-store.js';
import { sha256 } from './digest.js';

const roots: string[] = [];
async function tempRoot(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'strata-blobs-'));
  roots.push(root);
  return root;
}
afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

describeBlobStoreContract('filesystem', async () => FilesystemBlobStore.open(await tempRoot()), { packs: true });

describe('FilesystemBlobStore', () => {
  it('lays blobs out by digest fan-out and leaves no temporary files', async () => {
    const root = await tempRoot();
    const store = await FilesystemBlobStore.open(root);
    const { digest } = await store.put(Buffer.from('hello'));
    expect(await readdir(join(root, 'objects', digest.slice(0, 2), digest.slice(2, 4)))).toEqual([digest]);
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
  });

  it('removes stale temporary files of a crashed put at open, but not recent ones', async () => {
    const root = await tempRoot();
    await mkdir(join(root, 'tmp'), { recursive: true });
    await writeFile(join(root, 'tmp', 'old.tmp'), 'half');
    const old = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    await utimes(join(root, 'tmp', 'old.tmp'), old, old);
    await writeFile(join(root, 'tmp', 'inflight.tmp'), 'half');
    await FilesystemBlobStore.open(root);
    expect(await readdir(join(root, 'tmp'))).toEqual(['inflight.tmp']);
  });

  it('fails to open an unwritable location with an actionable message', async () => {
    const root = await tempRoot();
    await writeFile(join(root, 'a-file'), 'not a directory');
    await expect(FilesystemBlobStore.open(join(root, 'a-file', 'blobs'))).rejects.toMatchObject({
      code: 'blob.unavailable',
      message: expect.stringMatching(/not writable \(ENOTDIR\).*BLOB_STORE/),
    });
  });

  it('a put of bytes stored long ago makes them recent again, and trash keeps the time a blob had', async () => {
    const root = await tempRoot();
    const store = await FilesystemBlobStore.open(root);
    const { digest } = await store.put(Buffer.from('old part'));
    const path = join(root, 'objects', digest.slice(0, 2), digest.slice(2, 4), digest);
    const longAgo = new Date(Date.now() - 48 * 3600 * 1000);
    await utimes(path, longAgo, longAgo);
    expect(await store.trash(digest)).toEqual(longAgo);
    expect(await store.restore(digest)).toBe(true);
    const before = Date.now();
    expect((await store.put(Buffer.from('old part'))).created).toBe(false);
    let stored: StoredBlob | undefined;
    for await (const blob of store.listStored()) stored = blob;
    expect(stored?.modifiedAt.getTime()).toBeGreaterThanOrEqual(before - 1);
    expect((await store.trash(digest))?.getTime()).toBe(stored?.modifiedAt.getTime());
  });

  it('reads back what another store instance on the same directory wrote', async () => {
    const root = await tempRoot();
    const { digest } = await (await FilesystemBlobStore.open(root)).put(Buffer.from('shared'));
    const other = await FilesystemBlobStore.open(root);
    expect(digest).toBe(sha256('shared'));
    expect(await other.stat(digest)).toEqual({ size: 6 });
  });
});

describe('FilesystemBlobStore durability', () => {
  /** A store whose directory fsyncs (real ones) are recorded, and can be made to fail. */
  async function watchedStore(root: string) {
    const synced: string[] = [];
    const failing = new Set<string>();
    const store = await FilesystemBlobStore.open(root, {
      syncDirectory: async (path) => {
        if (failing.has(path)) throw Object.assign(new Error(`EIO: ${path}`), { code: 'EIO' });
        await fsyncDirectory(path);
        synced.push(path);
      },
    });
    return { store, synced, failing };
  }
  const leafOf = (root: string, digest: string) => join(root, 'objects', digest.slice(0, 2), digest.slice(2, 4));

  it('fsyncs every directory above a new store it had to make', async () => {
    const parent = await tempRoot();
    const { synced } = await watchedStore(join(parent, 'data', 'blobs'));
    expect(synced).toEqual([join(parent, 'data', 'blobs'), join(parent, 'data'), parent]);
  });

  it("put returns with the blob named durably: its directory and the new fan-out directories fsync'd", async () => {
    const root = await tempRoot();
    const { store, synced } = await watchedStore(root);
    synced.length = 0;
    const { digest } = await store.put(Buffer.from('one'));
    const leaf = leafOf(root, digest);
    expect(new Set(synced)).toEqual(new Set([leaf, dirname(leaf), join(root, 'objects')]));
    // Bytes already there: the name is fsync'd again (whoever wrote it may not have yet), its parents not.
    synced.length = 0;
    expect((await store.put(Buffer.from('one'))).created).toBe(false);
    expect(synced).toEqual([leaf]);
  });

  it('a batch packs what it puts: no fsync until sync, then the pack and packs/ once each', async () => {
    const root = await tempRoot();
    const { store, synced } = await watchedStore(root);
    synced.length = 0;
    const batch = store.batch();
    const texts = ['a', 'b', 'c', 'a'];
    const puts = await Promise.all(texts.map((text) => batch.put(Buffer.from(text))));
    expect(puts.map((put) => put.digest)).toEqual(texts.map((text) => sha256(text)));
    expect(synced).toEqual([]);
    expect(await readdir(join(root, 'packs'))).toEqual([]);
    await batch.sync();
    expect(synced).toEqual([join(root, 'packs')]);
    const [pack] = await readdir(join(root, 'packs'));
    expect(pack).toMatch(/^[0-9a-f]{64}\.pack$/);
    expect(await readdir(join(root, 'objects'))).toEqual([]);
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
    synced.length = 0;
    await batch.sync();
    expect(synced).toEqual([]);
    await batch.close();
  });

  it("a batch writes a stream of unknown size loose, its directories fsync'd at sync", async () => {
    const root = await tempRoot();
    const { store, synced } = await watchedStore(root);
    synced.length = 0;
    const batch = store.batch();
    async function* stream() {
      yield Buffer.from('loose');
    }
    const { digest } = await batch.put(stream());
    expect(synced).toEqual([]);
    await batch.sync();
    const leaf = leafOf(root, digest);
    expect(new Set(synced)).toEqual(new Set([leaf, dirname(leaf), join(root, 'objects')]));
    await batch.close();
  });

  it('a failed directory fsync fails the sync, and the next sync retries it', async () => {
    const root = await tempRoot();
    const { store, synced, failing } = await watchedStore(root);
    const batch = store.batch();
    const { digest } = await batch.put(Buffer.from('retry me'));
    failing.add(join(root, 'packs'));
    await expect(batch.sync()).rejects.toThrow('EIO');
    failing.clear();
    synced.length = 0;
    await batch.sync();
    expect(synced).toEqual([join(root, 'packs')]);
    expect(await store.stat(digest)).toEqual({ size: 8 });
    await batch.close();
  });
});

describe('FilesystemBlobStore packs', () => {
  async function bytesOf(stream: AsyncIterable<unknown>): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
  async function packed(store: FilesystemBlobStore, blobs: Buffer[]): Promise<void> {
    const batch = store.batch();
    await Promise.all(blobs.map((blob) => batch.put(blob)));
    await batch.sync();
    await batch.close();
  }

  it('serves a batch blob before sync, in ranges and through open, and after sync through the same reader', async () => {
    const store = await FilesystemBlobStore.open(await tempRoot());
    const data = randomBytes(3_000_000);
    const batch = store.batch();
    const { digest } = await batch.put(data);
    await batch.put(randomBytes(10));
    expect(await store.stat(digest)).toEqual({ size: data.length });
    expect((await bytesOf(await store.get(digest))).equals(data)).toBe(true);
    expect(
      (await bytesOf(await store.get(digest, { start: 5, end: 1_500_004 }))).equals(data.subarray(5, 1_500_005)),
    ).toBe(true);
    const reader = await store.open(digest);
    const head = Buffer.alloc(100);
    expect(await reader.read(head, 0)).toBe(100);
    await batch.sync();
    const tail = Buffer.alloc(200);
    expect(await reader.read(tail, data.length - 100)).toBe(100);
    expect(head.equals(data.subarray(0, 100))).toBe(true);
    expect(tail.subarray(0, 100).equals(data.subarray(data.length - 100))).toBe(true);
    await reader.close();
    await batch.close();
    await expect(store.get(digest, { start: data.length })).rejects.toMatchObject({
      code: 'blob.range_not_satisfiable',
    });
    await store.close();
  });

  it('finds packs another store wrote, before and after it opened, and lists packed blobs', async () => {
    const root = await tempRoot();
    const writer = await FilesystemBlobStore.open(root);
    const [one, two] = [randomBytes(1_000), randomBytes(1_000)];
    await packed(writer, [one]);
    const reader = await FilesystemBlobStore.open(root);
    expect(await reader.stat(sha256(one))).toEqual({ size: 1_000 });
    await packed(writer, [two]);
    // Not known at open: found once a miss reads packs/ again.
    expect((await bytesOf(await reader.get(sha256(two)))).equals(two)).toBe(true);
    const listed: string[] = [];
    for await (const digest of reader.list()) listed.push(digest);
    expect(listed.sort()).toEqual([sha256(one), sha256(two)].sort());
    await Promise.all([writer.close(), reader.close()]);
  });

  it('keeps reading a blob whose pack another store rewrote, from the new pack or the open one', async () => {
    const root = await tempRoot();
    const gcStore = await FilesystemBlobStore.open(root);
    const [kept, dropped] = [randomBytes(40_000), randomBytes(40_000)];
    await packed(gcStore, [kept, dropped]);
    const store = await FilesystemBlobStore.open(root);
    const reader = await store.open(sha256(kept));
    const first = Buffer.alloc(10);
    await reader.read(first, 0);
    // Knows where the blob was, but has no handle on its pack.
    const located = await FilesystemBlobStore.open(root);
    const lateReader = await located.open(sha256(kept));

    const [pack] = await listPacks(gcStore);
    expect(pack?.blobs.map((blob) => blob.newest)).toEqual([true, true]);
    expect(await gcStore.rewritePack(pack?.id ?? '', [sha256(kept)])).toBe(true);
    expect(await gcStore.stat(sha256(dropped))).toBeUndefined();

    // The reader holds the old pack open (now in the trash); a new lookup finds the new pack.
    const rest = Buffer.alloc(kept.length - 10);
    expect(await reader.read(rest, 10)).toBe(rest.length);
    expect(Buffer.concat([first, rest]).equals(kept)).toBe(true);
    await reader.close();
    await store.close();
    const late = Buffer.alloc(kept.length);
    expect(await lateReader.read(late, 0)).toBe(kept.length);
    expect(late.equals(kept)).toBe(true);
    await lateReader.close();
    expect((await bytesOf(await located.get(sha256(kept)))).equals(kept)).toBe(true);
    await located.close();
    const fresh = await FilesystemBlobStore.open(root);
    expect((await bytesOf(await fresh.get(sha256(kept)))).equals(kept)).toBe(true);
    expect(await fresh.stat(sha256(dropped))).toBeUndefined();
    const trashed = [];
    for await (const trashedPack of fresh.listTrashedPacks()) trashed.push(trashedPack.id);
    expect(trashed).toEqual([pack?.id]);
    expect(await fresh.restorePack(pack?.id ?? '')).toBe(true);
    expect((await bytesOf(await fresh.get(sha256(dropped)))).equals(dropped)).toBe(true);
    expect(await gcStore.rewritePack(pack?.id ?? '', [])).toBe(true);
    expect(await gcStore.deleteTrashedPack(pack?.id ?? '')).toBe(true);
    expect(await gcStore.deleteTrashedPack(pack?.id ?? '')).toBe(false);
    expect(await gcStore.rewritePack(pack?.id ?? '', [])).toBe(false);
    await Promise.all([gcStore.close(), fresh.close()]);
  });

  it('a pack store reopened reads every blob of many packs, the newest copy of one packed twice listed as such', async () => {
    const root = await tempRoot();
    const store = await FilesystemBlobStore.open(root);
    const blobs = Array.from({ length: 3_000 }, (_, i) => Buffer.from(`blob ${i}`));
    for (let i = 0; i < blobs.length; i += 500) await packed(store, blobs.slice(i, i + 500));
    await packed(store, [blobs[7] as Buffer, Buffer.from('another')]);
    await store.close();
    const reopened = await FilesystemBlobStore.open(root);
    for (const blob of blobs) expect(await reopened.stat(sha256(blob))).toEqual({ size: blob.length });
    const packs = await listPacks(reopened);
    expect(packs).toHaveLength(7);
    const copies = packs.flatMap((pack) => pack.blobs.filter((blob) => blob.digest === sha256(blobs[7] as Buffer)));
    expect(copies.map((copy) => copy.newest).sort()).toEqual([false, true]);
    await reopened.close();
  });

  it('starts a new pack once one holds the target size, and publishes them all at sync', async () => {
    const root = await tempRoot();
    const store = await FilesystemBlobStore.open(root, { packTarget: 10_000 });
    const blobs = Array.from({ length: 7 }, () => randomBytes(4_000));
    const batch = store.batch();
    await Promise.all(blobs.map((blob) => batch.put(blob)));
    await batch.sync();
    await batch.close();
    const packs = await listPacks(store);
    // 12-byte header, then two 4,000-byte blobs per pack at most.
    expect(packs.map((pack) => pack.blobs.length).sort()).toEqual([1, 2, 2, 2]);
    for (const blob of blobs) expect(await store.stat(sha256(blob))).toEqual({ size: 4_000 });
    await store.close();
  });

  it('opens with a damaged pack left out, its blobs absent and the damage reported', async () => {
    const root = await tempRoot();
    const store = await FilesystemBlobStore.open(root);
    await packed(store, [Buffer.from('x')]);
    await packed(store, [Buffer.from('y')]);
    await store.close();
    const [name] = await readdir(join(root, 'packs'));
    await writeFile(join(root, 'packs', name ?? ''), 'not a pack at all, but named as one. '.repeat(10));
    const reopened = await FilesystemBlobStore.open(root);
    const damaged = reopened.damagedPacks();
    expect(damaged).toEqual([{ id: name?.slice(0, 64), reason: expect.stringContaining('does not start as a pack') }]);
    const present = [await reopened.stat(sha256('x')), await reopened.stat(sha256('y'))];
    expect(present.filter((stat) => stat !== undefined)).toEqual([{ size: 1 }]);
    await reopened.close();
  });
});

async function listPacks(store: FilesystemBlobStore) {
  const packs = [];
  for await (const pack of store.listPacks()) packs.push(pack);
  return packs;
}
