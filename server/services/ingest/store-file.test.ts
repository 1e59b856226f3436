import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FilesystemBlobStore, sha256, type BlobStore } from '@strata/modules/blob';
import { storeFileParts } from './store-file.js';

let dir: string;
let store: BlobStore;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'strata-store-file-'));
  store = await FilesystemBlobStore.open(join(dir, 'blobs'));
});
afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function bytesOf(digest: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await store.get(digest as never)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('storeFileParts', () => {
  it('cuts a file into parts whose concatenation is the file, and ids it by its whole bytes', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 17);
    const path = join(dir, 'instance.dcm');
    await writeFile(path, data);
    const record = await storeFileParts(store, path, [1000, 2_500_000]);
    expect(record.id).toBe(sha256(data));
    expect(record.size).toBe(data.length);
    expect(record.parts).toEqual([
      sha256(data.subarray(0, 1000)),
      sha256(data.subarray(1000, 2_500_000)),
      sha256(data.subarray(2_500_000)),
    ]);
    const rebuilt = Buffer.concat(await Promise.all(record.parts.map(bytesOf)));
    expect(rebuilt.equals(data)).toBe(true);
  });

  it('shares the pixel part between two files that differ only in their header', async () => {
    const pixels = randomBytes(100_000);
    const a = join(dir, 'a.dcm');
    const b = join(dir, 'b.dcm');
    await writeFile(a, Buffer.concat([Buffer.from('header of A...'), pixels]));
    await writeFile(b, Buffer.concat([Buffer.from('header B'), pixels]));
    const first = await storeFileParts(store, a, [14]);
    const second = await storeFileParts(store, b, [8]);
    expect(first.parts[1]).toBe(second.parts[1]);
    expect(first.id).not.toBe(second.id);
  });

  it('stores an empty file and ignores cuts outside the file', async () => {
    const path = join(dir, 'empty');
    await writeFile(path, '');
    expect(await storeFileParts(store, path, [0, 10])).toEqual({ id: sha256(''), size: 0, parts: [sha256('')] });
  });
});
