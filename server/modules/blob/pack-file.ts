// The pack file of docs/design/blob-packs.md: many blobs in one file, written with one fsync.
//
//   "STRATAPK" u32 version, 16 random bytes    header
//   blob bytes, back to back                   data
//   u32 count, count × (digest 32 B, offset u64, size u64), sorted by digest
//   u64 index offset, SHA-256 of header and index, "STRATAPK"
//
// Numbers are big-endian. A pack's id is the SHA-256 of its header and index: the name checks the
// index, and the index checks every blob. The header's random bytes make every pack's id its own,
// even where two packs hold the same blobs at the same offsets: a pack written again never takes
// the name of one gc may be moving to the trash. A pack is never changed after `finish`.
import { createHash, randomBytes } from 'node:crypto';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { StrataError } from '../errors/index.js';
import { sizeMismatch } from './blob-errors.js';
import { sha256, type Digest } from './digest.js';

const MAGIC = Buffer.from('STRATAPK', 'latin1');
const VERSION = 1;
const NONCE_BYTES = 16;
const HEADER_BYTES = MAGIC.length + 4 + NONCE_BYTES;
/** An index entry: digest, offset, size. */
export const ENTRY_BYTES = 32 + 8 + 8;
const FOOTER_BYTES = 8 + 32 + MAGIC.length;
/** Offsets and sizes are u64 in the file and exact integers here: below 2^53 bytes (8 PiB). */
const MAX_OFFSET = Number.MAX_SAFE_INTEGER;

/** Where one blob's bytes are in a pack. */
export interface PackEntry {
  digest: Digest;
  offset: number;
  size: number;
}

/** A pack's index, read back and checked. */
export interface PackIndex {
  /** The SHA-256 of the header and index bytes, hex: the pack's name. */
  id: Digest;
  /** Sorted by digest, one per blob. */
  entries: PackEntry[];
  /** The index as stored: u32 count, then the entries (see ENTRY_BYTES). */
  index: Buffer;
  /** Where the blob bytes end and the index begins. */
  indexOffset: number;
}

/** What a put into a pack did: where the blob is, and whether its bytes were new to the pack. */
export interface PackPut extends PackEntry {
  created: boolean;
}

/**
 * Writes a pack at `path` (created, never overwritten). Puts may run concurrently: each reserves
 * its bytes' place before writing them, so they land at distinct offsets in any order. `finish`
 * waits for the puts under way, writes the index and footer and fsyncs the file; `abort` removes it.
 */
export class PackWriter {
  private position = HEADER_BYTES;
  /** Blobs whose bytes are (being) written, by digest; `done` once they are. */
  private readonly entries = new Map<Digest, { entry: PackEntry; written: Promise<void>; done: boolean }>();
  /** Puts under way, settled or not: `finish` and `abort` wait for them. */
  private readonly running = new Set<Promise<unknown>>();
  private state: 'open' | 'finishing' | 'closed' = 'open';
  /** The first write that failed: the pack's bytes are then incomplete, and `finish` refuses. */
  private failure: { error: unknown } | undefined;

  private constructor(
    readonly path: string,
    private readonly file: FileHandle,
    private readonly header: Buffer,
  ) {}

  static async create(path: string): Promise<PackWriter> {
    const file = await open(path, 'wx');
    const header = Buffer.alloc(HEADER_BYTES);
    try {
      MAGIC.copy(header);
      header.writeUInt32BE(VERSION, MAGIC.length);
      randomBytes(NONCE_BYTES).copy(header, MAGIC.length + 4);
      await writeFully(file, header, 0);
    } catch (error) {
      await file.close();
      await rm(path, { force: true });
      throw error;
    }
    return new PackWriter(path, file, header);
  }

  /** Bytes reserved so far, header included: what the pack will hold before its index. */
  get size(): number {
    return this.position;
  }

  /** Whether no put has reserved bytes yet. */
  get isEmpty(): boolean {
    return this.position === HEADER_BYTES;
  }

  /** Whether puts are still taken. */
  get isOpen(): boolean {
    return this.state === 'open' && this.failure === undefined;
  }

  /** Where a blob put here is, once its bytes are written (readable through another handle on `path`). */
  find(digest: Digest): PackEntry | undefined {
    const known = this.entries.get(digest);
    return known?.done === true ? known.entry : undefined;
  }

  /**
   * Adds `bytes` (whose SHA-256 is `digest`, computed if not given) and returns where they are once
   * written. Bytes this pack already holds are not written again (`created: false`, the first
   * copy's place). The caller may reuse `bytes`' buffer once the promise settles.
   */
  async put(bytes: Uint8Array, digest: Digest = sha256(bytes)): Promise<PackPut> {
    this.checkOpen();
    const known = this.entries.get(digest);
    if (known !== undefined) {
      await known.written;
      return { ...known.entry, created: false };
    }
    const entry: PackEntry = { digest, offset: this.reserve(bytes.byteLength), size: bytes.byteLength };
    const written = this.track(this.write(bytes, entry.offset));
    const record = { entry, written, done: false };
    this.entries.set(digest, record);
    await written;
    record.done = true;
    return { ...entry, created: true };
  }

  /**
   * Adds the `size` bytes `chunks` yields, writing each chunk before asking for the next (so the
   * caller may reuse its buffer), and hashing them as they pass. `check` sees the digest before the
   * blob joins the index and may refuse it by throwing. A source that fails, yields a size other
   * than `size` or is refused leaves its reserved bytes unused (no index entry names them) and the
   * pack usable; a failed write fails the pack.
   */
  async putStream(chunks: AsyncIterable<Uint8Array>, size: number, check?: (digest: Digest) => void): Promise<PackPut> {
    this.checkOpen();
    const offset = this.reserve(size);
    return this.track(
      (async () => {
        const hash = createHash('sha256');
        let done = 0;
        for await (const chunk of chunks) {
          if (done + chunk.byteLength > size) throw sizeMismatch(size, done + chunk.byteLength);
          hash.update(chunk);
          await this.write(chunk, offset + done);
          done += chunk.byteLength;
        }
        if (done !== size) throw sizeMismatch(size, done);
        const digest = hash.digest('hex') as Digest;
        check?.(digest);
        const known = this.entries.get(digest);
        if (known !== undefined) {
          await known.written;
          return { ...known.entry, created: false };
        }
        const entry: PackEntry = { digest, offset, size };
        this.entries.set(digest, { entry, written: Promise.resolve(), done: true });
        return { ...entry, created: true };
      })(),
    );
  }

  /** Waits for every put, writes the index and footer, fsyncs and closes: the pack is complete. */
  async finish(): Promise<PackIndex> {
    if (this.state !== 'open') throw new Error(`The pack ${this.path} is ${this.state}.`);
    this.state = 'finishing';
    try {
      await this.settled();
      // What a write to a file rejects with: a Node.js system error.
      if (this.failure !== undefined) throw this.failure.error as Error;
      const entries = [...this.entries.values()]
        .map(({ entry }) => entry)
        .sort((a, b) => (a.digest < b.digest ? -1 : 1));
      const index = encodeIndex(entries);
      const id = packId(this.header, index);
      const footer = Buffer.alloc(FOOTER_BYTES);
      footer.writeBigUInt64BE(BigInt(this.position), 0);
      footer.write(id, 8, 'hex');
      MAGIC.copy(footer, 40);
      await writeFully(this.file, index, this.position);
      await writeFully(this.file, footer, this.position + index.length);
      await this.file.sync();
      return { id, entries, index, indexOffset: this.position };
    } finally {
      this.state = 'closed';
      await this.file.close();
    }
  }

  /** Gives the pack up: closes and removes its file (after the puts in progress settle). */
  async abort(): Promise<void> {
    if (this.state === 'finishing') throw new Error(`The pack ${this.path} is finishing: it cannot be aborted.`);
    const wasOpen = this.state === 'open';
    this.state = 'closed';
    await this.settled();
    if (wasOpen) await this.file.close();
    await rm(this.path, { force: true });
  }

  private checkOpen(): void {
    if (this.state !== 'open') throw new Error(`The pack ${this.path} is ${this.state}: nothing more can be put.`);
  }

  private reserve(size: number): number {
    const offset = this.position;
    this.position += size;
    return offset;
  }

  private write(bytes: Uint8Array, position: number): Promise<void> {
    return writeFully(this.file, bytes, position).catch((error: unknown) => {
      this.failure ??= { error };
      throw error;
    });
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    const forget = () => this.running.delete(work);
    work.then(forget, forget);
    return work;
  }

  private async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}

function packId(header: Buffer, index: Buffer): Digest {
  return createHash('sha256').update(header).update(index).digest('hex') as Digest;
}

function encodeIndex(entries: readonly PackEntry[]): Buffer {
  const index = Buffer.alloc(4 + entries.length * ENTRY_BYTES);
  index.writeUInt32BE(entries.length, 0);
  entries.forEach((entry, i) => {
    const at = 4 + i * ENTRY_BYTES;
    index.write(entry.digest, at, 'hex');
    index.writeBigUInt64BE(BigInt(entry.offset), at + 32);
    index.writeBigUInt64BE(BigInt(entry.size), at + 40);
  });
  return index;
}

async function writeFully(file: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < bytes.byteLength) {
    const { bytesWritten } = await file.write(bytes, done, bytes.byteLength - done, position + done);
    done += bytesWritten;
  }
}

/** `length` bytes at `position`, fewer only where the file ends (a read of a regular file is short only there). */
async function readAt(file: FileHandle, length: number, position: number): Promise<Buffer> {
  const target = Buffer.alloc(length);
  const { bytesRead } = await file.read(target, 0, length, position);
  return target.subarray(0, bytesRead);
}

/**
 * Reads and checks the index of the pack open in `file` (`size` bytes long): its header and
 * footer, that the index hashes to the footer's id (and to `expectedId`, the pack's name, when
 * given), that entries are sorted without repeats and lie within the blob bytes without
 * overlapping. Any failure is `blob.pack_corrupt`, naming `label`.
 */
export async function readPackIndex(
  file: FileHandle,
  size: number,
  label: string,
  expectedId?: Digest,
): Promise<PackIndex> {
  const corrupt = (reason: string) =>
    new StrataError('blob.pack_corrupt', 'internal', `The pack ${label} is damaged: ${reason}. Run \`strata fsck\`.`, {
      details: { pack: label },
    });
  if (size < HEADER_BYTES + 4 + FOOTER_BYTES) throw corrupt(`${size} bytes is shorter than an empty pack`);
  const header = await readAt(file, HEADER_BYTES, 0);
  if (!header.subarray(0, MAGIC.length).equals(MAGIC)) throw corrupt('it does not start as a pack');
  const version = header.readUInt32BE(MAGIC.length);
  if (version !== VERSION) throw corrupt(`version ${version} is not one this Strata reads (${VERSION})`);
  const footer = await readAt(file, FOOTER_BYTES, size - FOOTER_BYTES);
  if (footer.length !== FOOTER_BYTES || !footer.subarray(40).equals(MAGIC)) throw corrupt('its footer is missing');
  const indexOffset = Number(footer.readBigUInt64BE(0));
  const indexBytes = size - FOOTER_BYTES - indexOffset;
  if (indexOffset < HEADER_BYTES || indexBytes < 4 || (indexBytes - 4) % ENTRY_BYTES !== 0) {
    throw corrupt(`its index offset ${indexOffset} does not fit its size ${size}`);
  }
  const index = await readAt(file, indexBytes, indexOffset);
  const id = packId(header, index);
  if (index.length !== indexBytes || id !== footer.toString('hex', 8, 40)) {
    throw corrupt('its header and index do not hash to the id in its footer');
  }
  if (expectedId !== undefined && id !== expectedId) throw corrupt(`its header and index hash to ${id}`);
  const count = index.readUInt32BE(0);
  if (4 + count * ENTRY_BYTES !== indexBytes) throw corrupt(`its index holds ${count} entries in ${indexBytes} bytes`);
  const entries: PackEntry[] = [];
  for (let i = 0; i < count; i++) {
    const at = 4 + i * ENTRY_BYTES;
    const digest = index.toString('hex', at, at + 32) as Digest;
    const offset = index.readBigUInt64BE(at + 32);
    const length = index.readBigUInt64BE(at + 40);
    if (offset > BigInt(MAX_OFFSET) || length > BigInt(MAX_OFFSET)) throw corrupt(`blob ${digest} lies beyond 2^53`);
    const entry: PackEntry = { digest, offset: Number(offset), size: Number(length) };
    const previous = entries[entries.length - 1];
    if (previous !== undefined && previous.digest >= digest) throw corrupt('its index is not sorted by digest');
    if (entry.offset < HEADER_BYTES || entry.offset + entry.size > indexOffset) {
      throw corrupt(`blob ${digest} lies outside the blob bytes`);
    }
    entries.push(entry);
  }
  // Empty blobs take no room: they may share an offset with a neighbour.
  const byOffset = entries.filter((entry) => entry.size > 0).sort((a, b) => a.offset - b.offset);
  for (let i = 1; i < byOffset.length; i++) {
    const before = byOffset[i - 1];
    const entry = byOffset[i];
    if (before !== undefined && entry !== undefined && before.offset + before.size > entry.offset) {
      throw corrupt(`blobs ${before.digest} and ${entry.digest} overlap`);
    }
  }
  return { id, entries, index, indexOffset };
}

/** Opens the pack at `path` and reads its index (see `readPackIndex`). */
export async function readPackIndexAt(path: string, expectedId?: Digest): Promise<PackIndex> {
  const file = await open(path, 'r');
  try {
    return await readPackIndex(file, (await file.stat()).size, path, expectedId);
  } finally {
    await file.close();
  }
}
