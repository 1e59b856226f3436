import { open, readdir, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { isStrataError, systemErrorCode } from '../errors/index.js';
import { isDigest, type Digest } from './digest.js';
import { ENTRY_BYTES, readPackIndexAt, type PackIndex } from './pack-file.js';
import { PackTable } from './pack-table.js';

/** Pack files kept open for reads at once, least recently used closed first. */
const OPEN_PACKS = 256;

/** A pack in `packs/`, as this process knows it. */
export interface Pack {
  /** This process's number for it (its place in PackSet's list). */
  readonly no: number;
  readonly id: Digest;
  readonly path: string;
  /** The pack file's size, index and footer included. */
  readonly size: number;
  /** When it was written (packs are never modified). */
  readonly modifiedAt: Date;
  /** Its index bytes: u32 count, then (digest, offset, size) entries. */
  readonly index: Buffer;
  readonly indexOffset: number;
}

/** Where a packed blob's bytes are. */
export interface PackedBlob {
  pack: Pack;
  offset: number;
  size: number;
}

/** The number of `digest`'s entry in `pack`'s index (sorted by digest), or -1. */
export function entryNumber(pack: Pack, digest: Digest): number {
  const target = Buffer.from(digest, 'hex');
  let [low, high] = [0, packCount(pack) - 1];
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const at = 4 + middle * ENTRY_BYTES;
    const order = pack.index.compare(target, 0, 32, at, at + 32);
    if (order === 0) return middle;
    if (order < 0) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/** One entry of a pack's index. */
export function packEntry(pack: Pack, entry: number): { digest: Digest; offset: number; size: number } {
  const at = 4 + entry * ENTRY_BYTES;
  return {
    digest: pack.index.toString('hex', at, at + 32) as Digest,
    offset: Number(pack.index.readBigUInt64BE(at + 32)),
    size: Number(pack.index.readBigUInt64BE(at + 40)),
  };
}

export function packCount(pack: Pack): number {
  return pack.index.readUInt32BE(0);
}

export const PACK_SUFFIX = '.pack';

/** The id a pack file's name gives, or undefined for any other name. */
export function packIdOf(name: string): Digest | undefined {
  const id = name.endsWith(PACK_SUFFIX) ? name.slice(0, -PACK_SUFFIX.length) : '';
  return isDigest(id) ? id : undefined;
}

/**
 * The packs of a store's `packs/` directory and where every packed blob is (blob-packs.md,
 * "Finding a blob"). Loaded at open from the packs' own indexes, oldest first, so where a blob was
 * packed twice the newest copy is the one found. Packs written by another process join at a
 * `rescan`; a pack gone from the directory (gc) leaves at one. Reads share open file handles.
 */
export class PackSet {
  /** By number; a pack gone is left as a hole, so numbers stay valid. */
  private readonly list: (Pack | undefined)[] = [];
  private readonly byId = new Map<Digest, Pack>();
  private table: PackTable;
  private rescanning: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  /** Packs whose index could not be read (`blob.pack_corrupt`), left out until the next process reads them again. */
  private readonly damagedById = new Map<Digest, string>();
  /** Open handles, least recently used first. */
  private readonly handles = new Map<number, { file: Promise<FileHandle>; users: number }>();

  /** Knows no pack until the first `rescan`. */
  constructor(readonly directory: string) {
    this.table = this.newTable();
  }

  get packs(): readonly Pack[] {
    return this.list.filter((pack): pack is Pack => pack !== undefined);
  }

  get damaged(): readonly { id: Digest; reason: string }[] {
    return [...this.damagedById].map(([id, reason]) => ({ id, reason }));
  }

  get(id: Digest): Pack | undefined {
    return this.byId.get(id);
  }

  /** Where the newest copy of `digest` is, among the packs known. */
  find(digest: Digest): PackedBlob | undefined {
    const found = this.table.get(Buffer.from(digest, 'hex'));
    const pack = found === undefined ? undefined : this.list[found.pack];
    if (found === undefined || pack === undefined) return undefined;
    const { offset, size } = packEntry(pack, found.entry);
    return { pack, offset, size };
  }

  /** Whether `pack`'s copy of `digest` is the newest known (false if the pack does not hold it). */
  isNewest(pack: Pack, digest: Digest): boolean {
    return this.find(digest)?.pack === pack;
  }

  /** Every packed digest (the newest copy of each), in no particular order. */
  *digests(): Iterable<Digest> {
    for (const { pack, entry } of this.table.all()) {
      const known = this.list[pack];
      if (known !== undefined) yield packEntry(known, entry).digest;
    }
  }

  /** Adds a pack this process has just renamed into the directory. */
  add(id: Digest, index: PackIndex, size: number, modifiedAt: Date): Pack {
    const known = this.byId.get(id);
    if (known !== undefined) return known;
    const pack: Pack = {
      no: this.list.length,
      id,
      path: join(this.directory, `${id}${PACK_SUFFIX}`),
      size,
      modifiedAt,
      index: index.index,
      indexOffset: index.indexOffset,
    };
    this.list.push(pack);
    this.byId.set(id, pack);
    this.table.addPack(pack.no);
    return pack;
  }

  /** Forgets packs no longer in the directory (gc moved them away). */
  forget(ids: Iterable<Digest>): void {
    let changed = false;
    for (const id of ids) {
      const pack = this.byId.get(id);
      if (pack === undefined) continue;
      this.byId.delete(id);
      this.list[pack.no] = undefined;
      const handle = this.handles.get(pack.no);
      this.handles.delete(pack.no);
      // Closed now if idle, else by the last reader's release.
      if (handle !== undefined && handle.users === 0) closeQuietly(handle.file);
      changed = true;
    }
    if (!changed) return;
    // Older copies of what those packs held may be the ones left: rebuild from the rest, oldest first.
    this.table = this.newTable();
    for (const pack of this.list) if (pack !== undefined) this.table.addPack(pack.no);
  }

  /**
   * Reads the directory again: packs not known yet join (read from their own indexes), packs gone
   * leave. A call while a reading is under way waits for it and for one more, which every call
   * arriving meanwhile shares.
   */
  rescan(): Promise<void> {
    if (this.rescanning === undefined) {
      this.rescanning = this.readDirectory().finally(() => (this.rescanning = undefined));
      return this.rescanning;
    }
    // One is under way and may have listed packs/ before the caller's pack was renamed into it:
    // one more after it (shared by every caller arriving meanwhile).
    this.queued ??= this.rescanning
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.rescan();
      });
    return this.queued;
  }

  /** Reads `length` bytes of `pack` at `position` into `target`; the count read. */
  async read(pack: Pack, target: Uint8Array, length: number, position: number): Promise<number> {
    const handle = this.acquire(pack);
    try {
      const file = await handle.file;
      return (await file.read(target, 0, length, position)).bytesRead;
    } finally {
      this.release(pack, handle);
    }
  }

  /** Closes every open pack (reads under way finish first). */
  async close(): Promise<void> {
    const open = [...this.handles.values()];
    this.handles.clear();
    await Promise.allSettled(open.map(async (handle) => (await handle.file).close()));
  }

  private acquire(pack: Pack): { file: Promise<FileHandle>; users: number } {
    let handle = this.handles.get(pack.no);
    if (handle === undefined) {
      handle = { file: open(pack.path, 'r'), users: 0 };
      // A failed open is not kept: the next read tries again (and its caller rescans on ENOENT).
      const failed = handle;
      failed.file.catch(() => {
        if (this.handles.get(pack.no) === failed) this.handles.delete(pack.no);
      });
    } else {
      this.handles.delete(pack.no);
    }
    this.handles.set(pack.no, handle);
    handle.users++;
    this.evict();
    return handle;
  }

  private release(pack: Pack, handle: { file: Promise<FileHandle>; users: number }): void {
    handle.users--;
    if (handle.users === 0 && this.handles.get(pack.no) !== handle) closeQuietly(handle.file);
  }

  /** Closes the least recently used handles nobody is reading through, down to OPEN_PACKS. */
  private evict(): void {
    for (const [no, handle] of this.handles) {
      if (this.handles.size <= OPEN_PACKS) return;
      if (handle.users > 0) continue;
      this.handles.delete(no);
      closeQuietly(handle.file);
    }
  }

  private newTable(): PackTable {
    return new PackTable((no) => this.list[no]?.index ?? EMPTY_INDEX);
  }

  private async readDirectory(): Promise<void> {
    let names: string[];
    try {
      names = await readdir(this.directory);
    } catch (error) {
      if (systemErrorCode(error) === 'ENOENT') names = [];
      else throw error;
    }
    const present = new Set<Digest>();
    const found: { id: Digest; path: string; mtimeMs: number; size: number }[] = [];
    for (const name of names) {
      const id = packIdOf(name);
      if (id === undefined) continue;
      present.add(id);
      if (this.byId.has(id) || this.damagedById.has(id)) continue;
      const path = join(this.directory, name);
      const info = await stat(path).catch((error: unknown) => {
        if (systemErrorCode(error) === 'ENOENT') return undefined;
        throw error;
      });
      if (info !== undefined) found.push({ id, path, mtimeMs: info.mtimeMs, size: info.size });
    }
    const gone = [...this.byId.keys()].filter((id) => !present.has(id));
    this.forget(gone);
    // Oldest first, so that the newest copy of a blob packed twice wins.
    found.sort((a, b) => a.mtimeMs - b.mtimeMs || (a.id < b.id ? -1 : 1));
    for (const pack of found) {
      let index: PackIndex;
      try {
        index = await readPackIndexAt(pack.path, pack.id);
      } catch (error) {
        if (systemErrorCode(error) === 'ENOENT') continue;
        // Its blobs read as absent, which fsck reports with this reason; the rest of the store serves on.
        if (isStrataError(error) && error.code === 'blob.pack_corrupt') {
          this.damagedById.set(pack.id, error.message);
          continue;
        }
        throw error;
      }
      this.add(pack.id, index, pack.size, new Date(pack.mtimeMs));
    }
  }
}

const EMPTY_INDEX = Buffer.alloc(4);

function closeQuietly(file: Promise<FileHandle>): void {
  file.then((handle) => handle.close()).catch(() => {});
}
