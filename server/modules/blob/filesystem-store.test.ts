import { mkdtemp, readdir, rm, writeFile, utimes, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeBlobStoreContract } from './blob-store.contract.js';
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

describeBlobStoreContract('filesystem', async () => FilesystemBlobStore.open(await tempRoot()));

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

  it('reads back what another store instance on the same directory wrote', async () => {
    const root = await tempRoot();
    const { digest } = await (await FilesystemBlobStore.open(root)).put(Buffer.from('shared'));
    const other = await FilesystemBlobStore.open(root);
    expect(digest).toBe(sha256('shared'));
    expect(await other.stat(digest)).toEqual({ size: 6 });
  });
});
