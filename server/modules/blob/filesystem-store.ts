import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, unlink, utimes } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
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
} from './blob-store.js';
import { blobNotFound } from './blob-errors.js';
import { resolveRange } from './byte-range.js';
import { isDigest, type Digest } from './digest.js';
import { DirectorySyncs, fsyncDirectory, type SyncDirectory } from './directory-syncs.js';

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
}

/**
 * Blobs as files under `<root>/objects/ab/cd/<digest>`. A put streams into `<root>/tmp`, fsyncs,
 * then renames into place, so a blob that is visible is complete. Its name is durable once the
 * directories holding it are fsync'd: before `put` returns, or once for a whole batch at its `sync`.
 * gc's trash is `<root>/trash/ab/cd/<digest>`: a rename away, so a blob keeps its modification time there.
 */
export class FilesystemBlobStore implements BlobStore {
  readonly kind = 'file';
  private readonly objects: string;
  private readonly tmp: string;
  private readonly trashDir: string;
  /** Fan-out directories that exist and whose own names are durable: no mkdir, no fsync of their parents. */
  private readonly knownDirectories = new Set<string>();

  private constructor(
    readonly location: string,
    private readonly syncDirectory: SyncDirectory,
  ) {
    this.objects = join(location, 'objects');
    this.tmp = join(location, 'tmp');
    this.trashDir = join(location, 'trash');
  }

  /** Opens (creating if needed) a store rooted at `root`; fails with `blob.unavailable` if it cannot be written. */
  static async open(root: string, options: FilesystemBlobStoreOptions = {}): Promise<FilesystemBlobStore> {
    const store = new FilesystemBlobStore(root, options.syncDirectory ?? fsyncDirectory);
    await store.checkWritable();
    await store.removeStaleTemps();
    return store;
  }

  async put(data: AsyncIterable<Uint8Array> | Uint8Array, options: PutOptions = {}): Promise<PutResult> {
    const syncs = new DirectorySyncs(this.syncDirectory);
    const result = await this.write(data, options, syncs);
    await syncs.sync();
    return result;
  }

  batch(): BlobBatch {
    const syncs = new DirectorySyncs(this.syncDirectory);
    return {
      put: (data, options = {}) => syncs.track(this.write(data, options, syncs)),
      sync: () => syncs.sync(),
    };
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
        for await (const chunk of data instanceof Uint8Array ? [data] : data) {
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
        throw new StrataError(
          'blob.digest_mismatch',
          'invalid',
          `The bytes received hash to ${digest}, not the expected ${options.expectedDigest}.`,
        );
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
    if (range === undefined) {
      const file = await this.openExisting(digest, path);
      return file.createReadStream({ highWaterMark: readChunk((await file.stat()).size) });
    }
    const size = (await this.statOrThrow(digest)).size;
    const { start, end } = resolveRange(range, size);
    return createReadStream(path, { start, end, highWaterMark: readChunk(end - start + 1) });
  }

  async open(digest: Digest): Promise<BlobReader> {
    const file = await this.openExisting(digest, this.pathOf(digest));
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
    try {
      return { size: (await stat(this.pathOf(digest))).size };
    } catch (error) {
      if (systemErrorCode(error) === 'ENOENT') return undefined;
      throw error;
    }
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

  list(): AsyncIterable<Digest> {
    return digestsUnder(this.objects);
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

  async checkWritable(): Promise<void> {
    const probe = join(this.tmp, `.probe-${randomUUID()}`);
    try {
      const created = await mkdir(this.objects, { recursive: true });
      // Blob names are only as durable as the directories above them: fsync each one that gained an entry.
      for (let dir = this.objects; created !== undefined; dir = dirname(dir)) {
        await this.syncDirectory(dirname(dir));
        if (dir === created) break;
      }
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

  private async openExisting(digest: Digest, path: string) {
    try {
      return await open(path, 'r');
    } catch (error) {
      if (systemErrorCode(error) === 'ENOENT') throw blobNotFound(digest);
      throw error;
    }
  }

  private async statOrThrow(digest: Digest): Promise<BlobStat> {
    const found = await this.stat(digest);
    if (found === undefined) throw blobNotFound(digest);
    return found;
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

async function* digestsUnder(base: string): AsyncIterable<Digest> {
  for (const a of await readdirIfExists(base)) {
    for (const b of await readdirIfExists(join(base, a))) {
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
