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

  it('a batch fsyncs no directory until sync, then each one once, before sync resolves', async () => {
    const root = await tempRoot();
    const { store, synced } = await watchedStore(root);
    synced.length = 0;
    const batch = store.batch();
    const puts = await Promise.all(['a', 'b', 'c', 'a'].map((text) => batch.put(Buffer.from(text))));
    expect(synced).toEqual([]);
    await batch.sync();
    const leaves = puts.map((put) => leafOf(root, put.digest));
    const expected = new Set([...leaves, ...leaves.map((leaf) => dirname(leaf)), join(root, 'objects')]);
    expect(new Set(synced)).toEqual(expected);
    expect(synced).toHaveLength(expected.size);
    synced.length = 0;
    await batch.sync();
    expect(synced).toEqual([]);
  });

  it('a failed directory fsync fails the sync, and the next sync retries it', async () => {
    const root = await tempRoot();
    const { store, synced, failing } = await watchedStore(root);
    const batch = store.batch();
    const { digest } = await batch.put(Buffer.from('retry me'));
    failing.add(leafOf(root, digest));
    await expect(batch.sync()).rejects.toThrow('EIO');
    failing.clear();
    synced.length = 0;
    await batch.sync();
    expect(synced).toContain(leafOf(root, digest));
  });
});
