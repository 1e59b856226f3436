// The behaviour every BlobStore driver must show. Each driver's test file runs it against a real
// backend (a temporary directory, a real S3-compatible server).
import { type Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BlobStore, StoredBlob, StoredPack } from './blob-store.js';
import { sha256, type Digest } from './digest.js';

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

async function* chunked(data: Buffer, size: number): AsyncIterable<Uint8Array> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

async function entryOf(blobs: AsyncIterable<StoredBlob>, digest: Digest): Promise<StoredBlob | undefined> {
  for await (const blob of blobs) if (blob.digest === digest) return blob;
  return undefined;
}

export interface ContractOptions {
  /**
   * The driver's batches write packs (the filesystem store): a batch put writes the bytes again
   * (`created: true`) into a new pack instead of refreshing a stored blob, and packed blobs are
   * listed by `listPacks`, not `listStored`.
   */
  packs: boolean;
}

export function describeBlobStoreContract(
  name: string,
  openStore: () => Promise<BlobStore>,
  { packs }: ContractOptions,
  suite: jest.Describe = describe,
): void {
  suite(`BlobStore contract: ${name}`, () => {
    let store: BlobStore;
    beforeAll(async () => {
      store = await openStore();
    });
    afterAll(async () => {
      await store.close();
    });
    /** The pack holding `digest`, newest first, if any. */
    const packOf = async (digest: Digest) => {
      let found: StoredPack | undefined;
      for await (const pack of store.listPacks()) {
        if (pack.blobs.some((blob) => blob.digest === digest && blob.newest)) found = pack;
      }
      return found;
    };

    it('returns the SHA-256 of the bytes and reads them back exactly', async () => {
      const data = randomBytes(100_000);
      const put = await store.put(chunked(data, 7_000));
      expect(put).toEqual({ digest: sha256(data), size: data.length, created: true });
      expect((await bytesOf(await store.get(put.digest))).equals(data)).toBe(true);
      expect(await store.stat(put.digest)).toEqual({ size: data.length });
    });

    it('stores nothing new for bytes it already holds', async () => {
      const data = randomBytes(4096);
      expect((await store.put(data)).created).toBe(true);
      expect(await store.put(chunked(data, 100))).toEqual({ digest: sha256(data), size: 4096, created: false });
    });

    it('stores the empty blob', async () => {
      const put = await store.put(new Uint8Array(0));
      expect(put.digest).toBe(sha256(''));
      expect(await text(await store.get(put.digest))).toBe('');
    });

    it('serves byte ranges, clamping the end and refusing a start past the end', async () => {
      const data = Buffer.from('0123456789abcdef');
      const { digest } = await store.put(data);
      expect((await bytesOf(await store.get(digest, { start: 3, end: 6 }))).toString()).toBe('3456');
      expect((await bytesOf(await store.get(digest, { start: 10 }))).toString()).toBe('abcdef');
      expect((await bytesOf(await store.get(digest, { start: 14, end: 999 }))).toString()).toBe('ef');
      await expect(store.get(digest, { start: 16 })).rejects.toMatchObject({ code: 'blob.range_not_satisfiable' });
    });

    it("reads into the caller's buffers, in order and out of order, and reports absent blobs", async () => {
      const data = randomBytes(300_000);
      const { digest } = await store.put(data);
      const reader = await store.open(digest);
      try {
        expect(reader.size).toBe(data.length);
        const buffer = new Uint8Array(65_536);
        const read: Buffer[] = [];
        for (let position = 0; ;) {
          const count = await reader.read(buffer, position);
          if (count === 0) break;
          read.push(Buffer.from(buffer.subarray(0, count)));
          position += count;
        }
        expect(Buffer.concat(read).equals(data)).toBe(true);
        const back = new Uint8Array(10);
        expect(await reader.read(back, 123_456)).toBe(10);
        expect(Buffer.from(back).equals(data.subarray(123_456, 123_466))).toBe(true);
        expect(await reader.read(back, 299_995)).toBe(5);
        expect(Buffer.from(back.subarray(0, 5)).equals(data.subarray(299_995))).toBe(true);
        expect(await reader.read(back, 300_000)).toBe(0);
      } finally {
        await reader.close();
      }
      await expect(store.open(sha256(Buffer.from('never stored')))).rejects.toMatchObject({ code: 'blob.not_found' });
    });

    it('refuses bytes that do not match the expected digest and keeps nothing', async () => {
      const data = randomBytes(1000);
      const wrong = sha256('something else');
      await expect(store.put(data, { expectedDigest: wrong })).rejects.toMatchObject({ code: 'blob.digest_mismatch' });
      expect(await store.stat(sha256(data))).toBeUndefined();
      expect(await store.stat(wrong)).toBeUndefined();
    });

    it('keeps nothing when the source stream fails midway', async () => {
      const data = randomBytes(50_000);
      async function* failing(): AsyncIterable<Uint8Array> {
        yield data.subarray(0, 10_000);
        throw new Error('client went away');
      }
      await expect(store.put(failing())).rejects.toThrow('client went away');
      expect(await store.stat(sha256(data))).toBeUndefined();
      expect(await store.stat(sha256(data.subarray(0, 10_000)))).toBeUndefined();
    });

    it('reports absent blobs as not found', async () => {
      const absent = sha256(randomBytes(16));
      expect(await store.stat(absent)).toBeUndefined();
      await expect(store.get(absent)).rejects.toMatchObject({ code: 'blob.not_found', kind: 'not_found' });
      await expect(store.get(absent, { start: 0 })).rejects.toMatchObject({ code: 'blob.not_found' });
      expect(await store.delete(absent)).toBe(false);
    });

    it('lists and deletes', async () => {
      const a = await store.put(randomBytes(10));
      const b = await store.put(randomBytes(10));
      const listed = new Set<Digest>();
      for await (const digest of store.list()) listed.add(digest);
      expect(listed.has(a.digest) && listed.has(b.digest)).toBe(true);
      expect(await store.delete(a.digest)).toBe(true);
      expect(await store.stat(a.digest)).toBeUndefined();
      expect(await store.stat(b.digest)).toEqual({ size: 10 });
    });

    it('takes concurrent puts of the same bytes', async () => {
      const data = randomBytes(200_000);
      const results = await Promise.all(Array.from({ length: 8 }, () => store.put(chunked(data, 16_384))));
      expect(new Set(results.map((r) => r.digest))).toEqual(new Set([sha256(data)]));
      expect((await bytesOf(await store.get(sha256(data)))).equals(data)).toBe(true);
    });

    it('takes a chunk buffer the caller reuses once the store asks for the next', async () => {
      const data = randomBytes(3 * 65_536);
      const reused = Buffer.alloc(65_536);
      async function* throughOneBuffer(): AsyncIterable<Uint8Array> {
        for (let i = 0; i < data.length; i += reused.length) {
          data.copy(reused, 0, i, i + reused.length);
          yield reused;
        }
      }
      const put = await store.put(throughOneBuffer());
      expect(put.digest).toBe(sha256(data));
      expect((await bytesOf(await store.get(put.digest))).equals(data)).toBe(true);
    });

    it('puts through a batch: readable at once, durable at sync, and sync waits for puts still running', async () => {
      const batch = store.batch();
      const first = randomBytes(5_000);
      const second = randomBytes(70_000);
      const put = await batch.put(first);
      expect(put).toEqual({ digest: sha256(first), size: 5_000, created: true });
      expect((await bytesOf(await store.get(put.digest))).equals(first)).toBe(true);
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      async function* slow(): AsyncIterable<Uint8Array> {
        yield second.subarray(0, 1_000);
        await held;
        yield second.subarray(1_000);
      }
      const running = batch.put(slow());
      let synced = false;
      const sync = batch.sync().then(() => (synced = true));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(synced).toBe(false);
      release();
      await sync;
      expect(await running).toEqual({ digest: sha256(second), size: 70_000, created: true });
      expect(await store.stat(sha256(second))).toEqual({ size: 70_000 });
      // Usable after its sync: a packing batch writes the bytes again, into a new pack.
      expect(await batch.put(first)).toEqual({ digest: sha256(first), size: 5_000, created: packs });
      await batch.sync();
      await batch.close();
      const empty = store.batch();
      await expect(empty.sync()).resolves.toBeUndefined();
      await empty.close();
    });

    it('puts a stream of a declared size through a batch, and refuses one of another size', async () => {
      const batch = store.batch();
      const data = randomBytes(50_000);
      expect(await batch.put(chunked(data, 4_096), { size: data.length })).toEqual({
        digest: sha256(data),
        size: data.length,
        created: true,
      });
      const short = randomBytes(1_000);
      await expect(batch.put(chunked(short, 100), { size: 1_001 })).rejects.toMatchObject({
        code: 'blob.size_mismatch',
      });
      await expect(batch.put(chunked(short, 100), { size: 999 })).rejects.toMatchObject({ code: 'blob.size_mismatch' });
      await batch.sync();
      await batch.close();
      expect((await bytesOf(await store.get(sha256(data)))).equals(data)).toBe(true);
      expect(await store.stat(sha256(short))).toBeUndefined();
    });

    it('keeps nothing a batch put and closed without syncing', async () => {
      const batch = store.batch();
      const data = randomBytes(3_000);
      await batch.put(data);
      expect(await store.stat(sha256(data))).toEqual({ size: 3_000 });
      await batch.close();
      await expect(batch.put(randomBytes(10))).rejects.toThrow('closed');
      if (packs) expect(await store.stat(sha256(data))).toBeUndefined();
    });

    it('keeps a batch usable after one of its puts fails', async () => {
      const batch = store.batch();
      async function* failing(): AsyncIterable<Uint8Array> {
        yield randomBytes(100);
        throw new Error('source gone');
      }
      await expect(batch.put(failing())).rejects.toThrow('source gone');
      const good = randomBytes(100);
      await batch.put(good);
      async function* failingSized(): AsyncIterable<Uint8Array> {
        yield randomBytes(100);
        throw new Error('source gone');
      }
      await expect(batch.put(failingSized(), { size: 200 })).rejects.toThrow('source gone');
      const after = randomBytes(100);
      await batch.put(after);
      await batch.sync();
      await batch.close();
      expect(await store.stat(sha256(good))).toEqual({ size: 100 });
      expect(await store.stat(sha256(after))).toEqual({ size: 100 });
    });

    it('lists stored blobs with their size and modification time', async () => {
      const before = Date.now();
      const { digest } = await store.put(randomBytes(321));
      const entry = await entryOf(store.listStored(), digest);
      expect(entry).toMatchObject({ digest, size: 321 });
      // S3 keeps LastModified to the second.
      expect(entry?.modifiedAt.getTime()).toBeGreaterThan(before - 2_000);
      expect(entry?.modifiedAt.getTime()).toBeLessThan(Date.now() + 2_000);
    });

    it('refreshes the modification time of a blob a put finds already stored, through put and batch', async () => {
      const [one, two] = [randomBytes(2_000), randomBytes(2_000)];
      await store.put(one);
      await store.put(two);
      const stored = async (data: Buffer) => (await entryOf(store.listStored(), sha256(data)))?.modifiedAt.getTime();
      const [oneBefore, twoBefore] = [await stored(one), await stored(two)];
      await sleep(1_100);
      expect((await store.put(one)).created).toBe(false);
      const batch = store.batch();
      expect((await batch.put(two)).created).toBe(packs);
      await batch.sync();
      await batch.close();
      expect(await stored(one)).toBeGreaterThan(oneBefore ?? Infinity);
      if (packs) {
        // Written again into a pack of its own: the new copy is the recent one.
        expect((await packOf(sha256(two)))?.modifiedAt.getTime()).toBeGreaterThan(twoBefore ?? Infinity);
      } else {
        expect(await stored(two)).toBeGreaterThan(twoBefore ?? Infinity);
      }
    });

    it('moves a blob to the trash, reporting its modification time, and back', async () => {
      const data = randomBytes(300);
      const { digest } = await store.put(data);
      const listed = await entryOf(store.listStored(), digest);
      const moved = await store.trash(digest);
      expect(Math.abs((moved?.getTime() ?? 0) - (listed?.modifiedAt.getTime() ?? Infinity))).toBeLessThan(1_000);
      expect(await store.stat(digest)).toBeUndefined();
      await expect(store.get(digest)).rejects.toMatchObject({ code: 'blob.not_found' });
      expect(await entryOf(store.listStored(), digest)).toBeUndefined();
      expect(await entryOf(store.listTrash(), digest)).toMatchObject({ digest, size: 300 });
      expect(await store.restore(digest)).toBe(true);
      expect((await bytesOf(await store.get(digest))).equals(data)).toBe(true);
      expect(await entryOf(store.listTrash(), digest)).toBeUndefined();
      expect(await store.restore(digest)).toBe(false);
      const absent = sha256(randomBytes(16));
      expect(await store.trash(absent)).toBeUndefined();
      expect(await store.deleteTrashed(absent)).toBe(false);
    });

    it('stores again the bytes of a trashed blob when they are put, and deletes from the trash', async () => {
      const data = randomBytes(300);
      const { digest } = await store.put(data);
      await store.trash(digest);
      expect(await store.put(data)).toEqual({ digest, size: 300, created: true });
      await store.trash(digest);
      const batch = store.batch();
      expect(await batch.put(data)).toEqual({ digest, size: 300, created: true });
      await batch.sync();
      await batch.close();
      expect((await bytesOf(await store.get(digest))).equals(data)).toBe(true);
      // Restoring over the copy written again keeps the blob.
      expect(await store.restore(digest)).toBe(true);
      expect((await bytesOf(await store.get(digest))).equals(data)).toBe(true);
      await store.trash(digest);
      expect(await store.deleteTrashed(digest)).toBe(true);
      expect(await store.deleteTrashed(digest)).toBe(false);
      expect(await entryOf(store.listTrash(), digest)).toBeUndefined();
      // The batch's copy is in a pack, which gc handles as a whole.
      expect(await store.stat(digest)).toEqual(packs ? { size: 300 } : undefined);
    });

    it('is writable', async () => {
      await expect(store.checkWritable()).resolves.toBeUndefined();
    });
  });
}
