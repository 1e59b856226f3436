import { randomBytes } from 'node:crypto';
import { mkdtemp, open, readFile, readdir, rm, stat, writeFile, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { sha256, type Digest } from './digest.js';
import { PackWriter, readPackIndexAt } from './pack-file.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'strata-pack-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A pack of `blobs`, put concurrently; its path and what finish returned. */
async function packOf(blobs: Buffer[]) {
  const path = join(dir, 'p.pack');
  const writer = await PackWriter.create(path);
  const puts = await Promise.all(blobs.map((blob) => writer.put(blob)));
  return { path, puts, index: await writer.finish() };
}

/** Rewrites the index of the pack at `path` with `edit` and fixes its footer's hash (of header and index), so that only `edit` is wrong. */
async function editIndex(path: string, edit: (index: Buffer) => void): Promise<void> {
  const bytes = await readFile(path);
  const footerAt = bytes.length - 48;
  const indexOffset = Number(bytes.readBigUInt64BE(footerAt));
  const index = bytes.subarray(indexOffset, footerAt);
  edit(index);
  createHash('sha256')
    .update(bytes.subarray(0, 28))
    .update(index)
    .digest()
    .copy(bytes, footerAt + 8);
  await writeFile(path, bytes);
}

describe('pack files', () => {
  it('hold every blob put, concurrently, where their index says, and read back the same index', async () => {
    const blobs = [randomBytes(70_000), randomBytes(3), Buffer.alloc(0), randomBytes(1 << 20), randomBytes(511)];
    const { path, puts, index } = await packOf(blobs);
    expect(puts.map((put) => put.digest)).toEqual(blobs.map((blob) => sha256(blob)));
    const bytes = await readFile(path);
    for (const [i, put] of puts.entries()) {
      expect(put.created).toBe(true);
      expect(bytes.subarray(put.offset, put.offset + put.size).equals(blobs[i] ?? Buffer.alloc(1))).toBe(true);
    }
    expect(index.entries.map((entry) => entry.digest)).toEqual(blobs.map((blob) => sha256(blob)).sort());
    expect(index.indexOffset).toBe(28 + blobs.reduce((sum, blob) => sum + blob.length, 0));
    expect(await readPackIndexAt(path, index.id)).toEqual(index);
    const headerAndIndex = Buffer.concat([bytes.subarray(0, 28), bytes.subarray(index.indexOffset, bytes.length - 48)]);
    expect(index.id).toBe(sha256(headerAndIndex));
  });

  it('store bytes put twice once', async () => {
    const blob = randomBytes(1000);
    const { path, puts, index } = await packOf([blob, Buffer.from(blob), randomBytes(10)]);
    expect(puts[1]).toEqual({ ...puts[0], created: false });
    expect(index.entries).toHaveLength(2);
    expect((await stat(path)).size).toBe(28 + 1010 + 4 + 2 * 48 + 48);
  });

  it('may be empty', async () => {
    const { path, index } = await packOf([]);
    expect(index.entries).toEqual([]);
    expect(await readPackIndexAt(path)).toEqual(index);
  });

  it('are never written over, take no puts once finished, and abort leaves nothing', async () => {
    const { path } = await packOf([randomBytes(10)]);
    await expect(PackWriter.create(path)).rejects.toMatchObject({ code: 'EEXIST' });
    const other = join(dir, 'q.pack');
    const writer = await PackWriter.create(other);
    await writer.put(randomBytes(100));
    await writer.abort();
    await expect(writer.put(randomBytes(1))).rejects.toThrow(/closed/);
    expect(await readdir(dir)).toEqual(['p.pack']);
  });

  it('refuse to finish when a write failed', async () => {
    const writer = await PackWriter.create(join(dir, 'r.pack'));
    await writer.put(randomBytes(10));
    // The file closed under the writer (as a disk error would fail it): the next write fails, and so must the pack.
    await (writer as unknown as { file: FileHandle }).file.close();
    await expect(writer.put(randomBytes(8))).rejects.toMatchObject({ code: 'EBADF' });
    await expect(writer.finish()).rejects.toMatchObject({ code: 'EBADF' });
  });
});

describe('reading a pack index', () => {
  const corrupt = (reason: RegExp): unknown =>
    expect.objectContaining({ code: 'blob.pack_corrupt', message: expect.stringMatching(reason) as unknown });

  it('refuses a truncated pack, a wrong header, a damaged index and a name that is not its id', async () => {
    const { path, index } = await packOf([randomBytes(500), randomBytes(20)]);
    const good = await readFile(path);
    await writeFile(path, good.subarray(0, good.length - 1));
    await expect(readPackIndexAt(path)).rejects.toEqual(corrupt(/footer is missing|does not fit/));
    const wrongMagic = Buffer.from(good);
    wrongMagic[0] = 0x58;
    await writeFile(path, wrongMagic);
    await expect(readPackIndexAt(path)).rejects.toEqual(corrupt(/does not start as a pack/));
    const flipped = Buffer.from(good);
    flipped[index.indexOffset + 10] = (flipped[index.indexOffset + 10] ?? 0) ^ 1;
    await writeFile(path, flipped);
    await expect(readPackIndexAt(path)).rejects.toEqual(corrupt(/do not hash to the id/));
    const otherNonce = Buffer.from(good);
    otherNonce[20] = (otherNonce[20] ?? 0) ^ 1;
    await writeFile(path, otherNonce);
    await expect(readPackIndexAt(path)).rejects.toEqual(corrupt(/do not hash to the id/));
    await writeFile(path, good);
    await expect(readPackIndexAt(path, sha256('another pack'))).rejects.toEqual(corrupt(/hash to [0-9a-f]{64}/));
    await writeFile(join(dir, 'short.pack'), Buffer.from('STRATAPK'));
    await expect(readPackIndexAt(join(dir, 'short.pack'))).rejects.toEqual(corrupt(/shorter than an empty pack/));
  });

  it('refuses an index (hashing right) whose entries are unsorted, out of bounds or overlapping', async () => {
    const blobs = [randomBytes(100), randomBytes(100)];
    const { path } = await packOf(blobs);
    const good = await readFile(path);
    await editIndex(path, (index) => {
      const first = Buffer.from(index.subarray(4, 36));
      index.copy(index, 4, 52, 84);
      first.copy(index, 52);
    });
    await expect(readPackIndexAt(path)).rejects.toEqual(corrupt(/not sorted/));
    await writeFile(path, good);
    await editIndex(path, (index) => index.writeBigUInt64BE(10_000n, 4 + 40));
    await expect(readPackIndexAt(path)).rejects.toEqual(corrupt(/outside the blob bytes/));
    await writeFile(path, good);
    await editIndex(path, (index) => {
      index.writeBigUInt64BE(28n, 4 + 32);
      index.writeBigUInt64BE(28n, 52 + 32);
    });
    await expect(readPackIndexAt(path)).rejects.toEqual(corrupt(/overlap/));
    await writeFile(path, good);
    await editIndex(path, (index) => index.writeUInt32BE(3, 0));
    await expect(readPackIndexAt(path)).rejects.toEqual(corrupt(/3 entries/));
  });

  it('reads a pack it did not write itself, byte for byte as the format says', async () => {
    const blob = Buffer.from('pixel data');
    const digest = sha256(blob);
    const header = Buffer.concat([Buffer.from('STRATAPK', 'latin1'), Buffer.from([0, 0, 0, 1]), randomBytes(16)]);
    const entry = Buffer.alloc(48);
    entry.write(digest, 0, 'hex');
    entry.writeBigUInt64BE(28n, 32);
    entry.writeBigUInt64BE(BigInt(blob.length), 40);
    const index = Buffer.concat([Buffer.from([0, 0, 0, 1]), entry]);
    const footer = Buffer.alloc(48);
    footer.writeBigUInt64BE(BigInt(28 + blob.length), 0);
    const id = createHash('sha256').update(header).update(index).digest();
    id.copy(footer, 8);
    footer.write('STRATAPK', 40, 'latin1');
    const path = join(dir, 'hand.pack');
    await writeFile(path, Buffer.concat([header, blob, index, footer]));
    const read = await readPackIndexAt(path, id.toString('hex') as Digest);
    expect(read.entries).toEqual([{ digest, offset: 28, size: blob.length }]);
    const handle = await open(path, 'r');
    const target = Buffer.alloc(blob.length);
    await handle.read(target, 0, blob.length, 28);
    await handle.close();
    expect(target.equals(blob)).toBe(true);
  });

  it('names two packs of the same blobs at the same offsets differently', async () => {
    const blobs = [randomBytes(100), randomBytes(200)];
    const ids = [];
    for (const name of ['one.pack', 'two.pack']) {
      const writer = await PackWriter.create(join(dir, name));
      for (const blob of blobs) await writer.put(blob);
      ids.push((await writer.finish()).id);
    }
    expect(ids[0]).not.toBe(ids[1]);
  });
});
