import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat, unlink, utimes, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { StrataError, systemErrorCode } from '../errors/index.js';
import type {
  BlobBatch,
  BlobReader,
  BlobStat,
  BlobStore,
  ByteRange,
  PutOptions,
  PutResult,
  StoredBlob,
  StoredPack,
} from './blob-store.js';
import { blobNotFound, digestMismatch, ofDeclaredSize } from './blob-errors.js';
import { resolveRange } from './byte-range.js';
import { isDigest, type Digest } from './digest.js';
import { DirectorySyncs, fsyncDirectory, type SyncDirectory } from './directory-syncs.js';
import { PackStore, type PackedLocation } from './pack-store.js';
import { PACK_TARGET, PackingBatch } from './packing-batch.js';

/**
 * Bytes per read when streaming `size` bytes of a blob: up to 1 MiB, so a large part streams in few
 * reads (Node's default is 64 KiB), but no more than the part, so a small header part does not
 * allocate a megabyte the garbage collector then has to chase.
 */
function readChunk(size: number): number {
  return Math.max(1, Math.min(1 << 20, size));
}
/** Temporary files older than this are leftovers of a crashed put and are removed at open. */
const STALE_TEMP_MS = 24 * 60 * 60 * 1000;

export interface FilesystemBlobStoreOptions {
  /** How a directory's entries are made durable; fsync(2) unless a test watches it. */
  syncDirectory?: SyncDirectory;
  /** Bytes after which a batch starts a new pack (1 GiB; tests make it small). */
  packTarget?: number;
}

/**
 * Blobs as files under `<root>/objects/ab/cd/<digest>` ("loose"), or inside pack files
 * `<root>/packs/<id>.pack` (docs/design/blob-packs.md). A put streams into `<root>/tmp`, fsyncs,
 * then renames into place, so a blob that is visible is complete. Its name is durable once the
 * directories holding it are fsync'd: before `put` returns, or once for a whole batch at its `sync`.
 * A batch writes its blobs of known size into one pack instead, made durable and renamed into
 * `packs/` at `sync` (PackStore, pack-store.ts). Reads look in the packs this process knows, then for a loose file, then in
 * packs written since by other processes. gc's trash is `<root>/trash/ab/cd/<digest>` and
 * `<root>/trash/packs/<id>.pack`: a rename away, so a blob keeps its modification time there.
 */
export class FilesystemBlobStore implements BlobStore {
  readonly kind = 'file';
  private readonly objects: string;
  private readonly tmp: string;
  private readonly trashDir: string;
  private readonly packs: PackStore;
  /** Fan-out directories that exist and whose own names are durable: no mkdir, no fsync of their parents. */
  private readonly knownDirectories = new Set<string>();

  private constructor(
    readonly location: string,
    private readonly syncDirectory: SyncDirectory,
    private readonly packTarget: number,
  ) {
    this.objects = join(location, 'objects');
    this.tmp = join(location, 'tmp');
    this.trashDir = join(location, 'trash');
    this.packs = new PackStore(location, this.tmp, syncDirectory);
  }

  /** Opens (creating if needed) a store rooted at `root`; fails with `blob.unavailable` if it cannot be written. */
  static async open(root: string, options: FilesystemBlobStoreOptions = {}): Promise<FilesystemBlobStore> {
    const store = new FilesystemBlobStore(
      root,
      options.syncDirectory ?? fsyncDirectory,
      options.packTarget ?? PACK_TARGET,
    );
    await store.checkWritable();
    await store.removeStaleTemps();
    await store.packs.rescan();
    return store;
  }

  /** Closes the pack files open for reads. */
  async close(): Promise<void> {
    await this.packs.close();
  }

  async put(data: AsyncIterable<Uint8Array> | Uint8Array, options: PutOptions = {}): Promise<PutResult> {
    const syncs = new DirectorySyncs(this.syncDirectory);
    const result = await this.write(data, options, syncs);
    await syncs.sync();
    return result;
  }

  batch(): BlobBatch {
    return new PackingBatch(
      this.packs.host((data, options, syncs) => this.write(data, options, syncs)),
      new DirectorySyncs(this.syncDirectory),
      this.packTarget,
    );
  }

  /**
   * Writes a blob's bytes durably (fsync before the rename, so a name never points at bytes a power
   * cut could lose) and leaves the directories whose entries must still be fsync'd in `syncs`.
   */
  private async write(
    data: AsyncIterable<Uint8Array> | Uint8Array,
    options: PutOptions,
    syncs: DirectorySyncs,
  ): Promise<PutResult> {
    const tempPath = join(this.tmp, `${randomUUID()}.tmp`);
    const hash = createHash('sha256');
    let size = 0;
    const file = await open(tempPath, 'wx');
    try {
      try {
        const sized = ofDeclaredSize(data, options.size);
        for await (const chunk of sized instanceof Uint8Array ? [sized] : sized) {
          hash.update(chunk);
          size += chunk.byteLength;
          await file.write(chunk);
        }
        await file.sync();
      } finally {
        await file.close();
      }
      const digest = hash.digest('hex') as Digest;
      if (options.expectedDigest !== undefined && options.expectedDigest !== digest) {
        throw digestMismatch(digest, options.expectedDigest);
      }
      const target = this.pathOf(digest);
      const dir = dirname(target);
      // Whoever put the blob first may not have fsync'd its name yet: syncing it again is cheap.
      syncs.add(dir);
      // Touching is the existence check: a blob gc took away since is simply written again from
      // the temporary file, which is only removed once the stored blob is known to be there.
      if (await touch(target)) {
        await unlink(tempPath);
        this.fanOut(dir, syncs);
        return { digest, size, created: false };
      }
      await this.renameInto(tempPath, target, syncs);
      return { digest, size, created: true };
    } catch (error) {
      await rm(tempPath, { force: true });
      throw error;
    }
  }

  /** Renames into a fan-out directory, making it first unless this store knows it is there. */
  private async renameInto(tempPath: string, target: string, syncs: DirectorySyncs): Promise<void> {
    const dir = dirname(target);
    if (this.knownDirectories.has(dir)) {
      try {
        await rename(tempPath, target);
        return;
      } catch (error) {
        // Removed behind our back (by hand, or another tool): make it again.
        if (systemErrorCode(error) !== 'ENOENT') throw error;
        this.knownDirectories.delete(dir);
      }
    }
    await mkdir(dir, { recursive: true });
    this.fanOut(dir, syncs);
    await rename(tempPath, target);
  }

  /**
   * The entries naming a fan-out directory (`ab` in objects/, `cd` in objects/ab/) must be durable
   * too. They are fsync'd once per directory per process: after that, the directory is known.
   */
  private fanOut(dir: string, syncs: DirectorySyncs): void {
    if (this.knownDirectories.has(dir)) return;
    const parent = dirname(dir);
    syncs.add(parent);
    syncs.add(dirname(parent));
    syncs.afterSync(() => this.knownDirectories.add(dir));
  }

  async get(digest: Digest, range?: ByteRange): Promise<Readable> {
    const path = this.pathOf(digest);
    const found = await this.openFound(digest, path);
    if ('file' in found) {
      const { file } = found;
      if (range === undefined) return file.createReadStream({ highWaterMark: readChunk((await file.stat()).size) });
      try {
        const { start, end } = resolveRange(range, (await file.stat()).size);
        return file.createReadStream({ start, end, highWaterMark: readChunk(end - start + 1) });
      } catch (error) {
        await file.close();
        throw error;
      }
    }
    const reader = this.packs.reader(digest, found, (loose) => this.open(loose));
    try {
      const { start, end } = resolveRange(range ?? { start: 0 }, reader.size);
      return Readable.from(readRange(reader, start, end), { objectMode: false });
    } catch (error) {
      await reader.close();
      throw error;
    }
  }

  async open(digest: Digest): Promise<BlobReader> {
    const found = await this.openFound(digest, this.pathOf(digest));
    if (!('file' in found)) return this.packs.reader(digest, found, (loose) => this.open(loose));
    const { file } = found;
    try {
      const { size } = await file.stat();
      return {
        size,
        read: async (target, position) => (await file.read(target, 0, target.byteLength, position)).bytesRead,
        close: () => file.close(),
      };
    } catch (error) {
      await file.close();
      throw error;
    }
  }

  async stat(digest: Digest): Promise<BlobStat | undefined> {
    const packed = this.packs.find(digest);
    if (packed !== undefined) return { size: packed.size };
    try {
      return { size: (await stat(this.pathOf(digest))).size };
    } catch (error) {
      if (systemErrorCode(error) !== 'ENOENT') throw error;
    }
    const written = await this.packs.findWritten(digest);
    return written === undefined ? undefined : { size: written.size };
  }

  /**
   * Where to read `digest` from: a pack, or its own file, open. A blob in neither may be in a pack
   * another process wrote since this one last read `packs/`: looked for there before `blob.not_found`.
   */
  private async openFound(digest: Digest, path: string): Promise<PackedLocation | { file: FileHandle }> {
    const packed = this.packs.find(digest);
    if (packed !== undefined) return packed;
    try {
      return { file: await open(path, 'r') };
    } catch (error) {
      if (systemErrorCode(error) !== 'ENOENT') throw error;
    }
    const written = await this.packs.findWritten(digest);
    if (written === undefined) throw blobNotFound(digest);
    return written;
  }

  async delete(digest: Digest): Promise<boolean> {
    try {
      await unlink(this.pathOf(digest));
      return true;
    } catch (error) {
      if (systemErrorCode(error) === 'ENOENT') return false;
      throw error;
    }
  }

  async *list(): AsyncIterable<Digest> {
    await this.packs.rescan();
    yield* this.packs.digests();
    for await (const digest of digestsUnder(this.objects)) if (this.packs.find(digest) === undefined) yield digest;
  }

  listStored(): AsyncIterable<StoredBlob> {
    return withStats(this.objects);
  }

  async trash(digest: Digest): Promise<Date | undefined> {
    const trashed = fanOutPath(this.trashDir, digest);
    await mkdir(dirname(trashed), { recursive: true });
    try {
      await rename(this.pathOf(digest), trashed);
    } catch (error) {
      if (systemErrorCode(error) === 'ENOENT') return undefined;
      throw error;
    }
    // Read after the rename, from the file now in the trash: any touch before the rename shows
    // here, and a put after it no longer finds the blob and writes it again.
    return (await stat(trashed)).mtime;
  }

  async restore(digest: Digest): Promise<boolean> {
    const target = this.pathOf(digest);
    await mkdir(dirname(target), { recursive: true });
    try {
      // Over a copy a put has written again meanwhile, if any: the bytes are the same.
      await rename(fanOutPath(this.trashDir, digest), target);
    } catch (error) {
      if (systemErrorCode(error) === 'ENOENT') return false;
      throw error;
    }
    this.knownDirectories.delete(dirname(target));
    const syncs = new DirectorySyncs(this.syncDirectory);
    syncs.add(dirname(target));
    this.fanOut(dirname(target), syncs);
    await syncs.sync();
    return true;
  }

  listTrash(): AsyncIterable<StoredBlob> {
    return withStats(this.trashDir);
  }

  async deleteTrashed(digest: Digest): Promise<boolean> {
    try {
      await unlink(fanOutPath(this.trashDir, digest));
      return true;
    } catch (error) {
      if (systemErrorCode(error) === 'ENOENT') return false;
      throw error;
    }
  }

  listPacks(): AsyncIterable<StoredPack> {
    return this.packs.list();
  }

  rewritePack(id: string, keep: readonly Digest[]): Promise<boolean> {
    return this.packs.rewrite(id, keep);
  }

  listTrashedPacks(): AsyncIterable<StoredPack> {
    return this.packs.listTrashed();
  }

  restorePack(id: string): Promise<boolean> {
    return this.packs.restore(id);
  }

  deleteTrashedPack(id: string): Promise<boolean> {
    return this.packs.deleteTrashed(id);
  }

  damagedPacks(): readonly { id: Digest; reason: string }[] {
    return this.packs.damaged;
  }

  async checkWritable(): Promise<void> {
    const probe = join(this.tmp, `.probe-${randomUUID()}`);
    try {
      // Blob names are only as durable as the directories above them: fsync each one that gained an entry.
      const gained = new Set<string>();
      for (const path of [this.objects, this.packs.directory]) {
        const created = await mkdir(path, { recursive: true });
        for (let dir = path; created !== undefined; dir = dirname(dir)) {
          gained.add(dirname(dir));
          if (dir === created) break;
        }
      }
      for (const dir of gained) await this.syncDirectory(dir);
      await mkdir(this.tmp, { recursive: true });
      const file = await open(probe, 'wx');
      await file.close();
      await unlink(probe);
    } catch (error) {
      throw new StrataError(
        'blob.unavailable',
        'unavailable',
        `The blob directory ${this.location} is not writable (${systemErrorCode(error) ?? String(error)}): ` +
          'fix its permissions or point BLOB_STORE (or DATA_DIR) elsewhere.',
        { cause: error },
      );
    }
  }

  private pathOf(digest: Digest): string {
    return fanOutPath(this.objects, digest);
  }

  private async removeStaleTemps(): Promise<void> {
    const cutoff = Date.now() - STALE_TEMP_MS;
    for (const name of await readdirIfExists(this.tmp)) {
      const path = join(this.tmp, name);
      const info = await stat(path).catch(() => undefined);
      if (info !== undefined && info.mtimeMs < cutoff) await rm(path, { force: true });
    }
  }
}

/** The bytes `start` to `end` (inclusive) of an open blob, in chunks of their own (the consumer may keep them); closes it. */
async function* readRange(reader: BlobReader, start: number, end: number): AsyncGenerator<Buffer> {
  try {
    for (let position = start; position <= end;) {
      const chunk = Buffer.allocUnsafe(readChunk(end - position + 1));
      const read = await reader.read(chunk, position);
      if (read === 0) throw new Error(`A blob ended at ${position} bytes, before the ${end + 1} its index gives.`);
      position += read;
      yield chunk.subarray(0, read);
    }
  } finally {
    await reader.close();
  }
}

function fanOutPath(base: string, digest: Digest): string {
  return join(base, digest.slice(0, 2), digest.slice(2, 4), digest);
}

/**
 * Refreshes a file's modification time; false if it is not there. Not fsync'd: a touch lost to a
 * power cut only matters to a write still in flight, which the same cut interrupts.
 */
async function touch(path: string): Promise<boolean> {
  const now = new Date();
  try {
    await utimes(path, now, now);
    return true;
  } catch (error) {
    if (systemErrorCode(error) === 'ENOENT') return false;
    throw error;
  }
}

/** A fan-out directory's name: two hex digits (the trash also holds `packs/`). */
const FAN_OUT = /^[0-9a-f]{2}$/;

async function* digestsUnder(base: string): AsyncIterable<Digest> {
  for (const a of (await readdirIfExists(base)).filter((name) => FAN_OUT.test(name))) {
    for (const b of (await readdirIfExists(join(base, a))).filter((name) => FAN_OUT.test(name))) {
      for (const name of await readdirIfExists(join(base, a, b))) {
        if (isDigest(name) && fanOutPath(base, name) === join(base, a, b, name)) yield name;
      }
    }
  }
}

async function* withStats(base: string): AsyncIterable<StoredBlob> {
  for await (const digest of digestsUnder(base)) {
    // Gone since the directory was read (deleted, trashed, restored): not stored here any more.
    const info = await stat(fanOutPath(base, digest)).catch((error: unknown) => {
      if (systemErrorCode(error) === 'ENOENT') return undefined;
      throw error;
    });
    if (info !== undefined) yield { digest, size: info.size, modifiedAt: info.mtime };
  }
}

async function readdirIfExists(path: string): Promise<string[]> {
  try {
    return await readdir(path);
  } catch (error) {
    if (systemErrorCode(error) === 'ENOENT') return [];
    throw error;
  }
}
