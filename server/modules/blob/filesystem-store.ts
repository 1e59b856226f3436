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
import { PackWriter, readPackIndexAt } from './pack-file.js';
import { PACK_SUFFIX, PackSet, entryNumber, packCount, packEntry, packIdOf, type Pack } from './pack-set.js';
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

/** Where a blob's bytes are: a pack (published, or still being written by one of this process's batches), or its own file. */
type Location = { pack: Pack; offset: number; size: number } | { writing: PackWriter; offset: number; size: number };

/**
 * Blobs as files under `<root>/objects/ab/cd/<digest>` ("loose"), or inside pack files
 * `<root>/packs/<id>.pack` (docs/design/blob-packs.md). A put streams into `<root>/tmp`, fsyncs,
 * then renames into place, so a blob that is visible is complete. Its name is durable once the
 * directories holding it are fsync'd: before `put` returns, or once for a whole batch at its `sync`.
 * A batch writes its blobs of known size into one pack instead, made durable and renamed into
 * `packs/` at `sync`. Reads look in the packs this process knows, then for a loose file, then in
 * packs written since by other processes. gc's trash is `<root>/trash/ab/cd/<digest>` and
 * `<root>/trash/packs/<id>.pack`: a rename away, so a blob keeps its modification time there.
 */
export class FilesystemBlobStore implements BlobStore {
  readonly kind = 'file';
  private readonly objects: string;
  private readonly tmp: string;
  private readonly trashDir: string;
  private readonly packsDir: string;
  private readonly trashedPacks: string;
  /** Packs this process's batches are writing: their blobs are readable here before `sync`. */
  private readonly writing = new Set<PackWriter>();
  /** Fan-out directories that exist and whose own names are durable: no mkdir, no fsync of their parents. */
  private readonly knownDirectories = new Set<string>();

  private constructor(
    readonly location: string,
    private readonly syncDirectory: SyncDirectory,
    private readonly packs: PackSet,
    private readonly packTarget: number,
  ) {
    this.objects = join(location, 'objects');
    this.tmp = join(location, 'tmp');
    this.trashDir = join(location, 'trash');
    this.packsDir = packs.directory;
    this.trashedPacks = join(this.trashDir, 'packs');
  }

  /** Opens (creating if needed) a store rooted at `root`; fails with `blob.unavailable` if it cannot be written. */
  static async open(root: string, options: FilesystemBlobStoreOptions = {}): Promise<FilesystemBlobStore> {
    const syncDirectory = options.syncDirectory ?? fsyncDirectory;
    const packs = new PackSet(join(root, 'packs'));
    const store = new FilesystemBlobStore(root, syncDirectory, packs, options.packTarget ?? PACK_TARGET);
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
      {
        createPack: async () => {
          const writer = await PackWriter.create(join(this.tmp, `${randomUUID()}${PACK_SUFFIX}`));
          this.writing.add(writer);
          return writer;
        },
        publishPack: async (writer) => {
          // Nothing was put in it (every put failed before writing): nothing to keep.
          if (writer.isEmpty) {
            await writer.abort();
            this.writing.delete(writer);
          } else {
            await this.publish(writer);
          }
        },
        discardPack: async (writer) => {
          try {
            await writer.abort();
          } finally {
            this.writing.delete(writer);
          }
        },
        syncPacks: () => this.syncDirectory(this.packsDir),
        writeLoose: (data, options, syncs) => this.write(data, options, syncs),
      },
      new DirectorySyncs(this.syncDirectory),
      this.packTarget,
    );
  }

  /** Finishes a pack (fsync'd) and renames it into `packs/`; the caller fsyncs that directory. */
  private async publish(writer: PackWriter): Promise<Pack> {
    try {
      const index = await writer.finish();
      const target = join(this.packsDir, `${index.id}${PACK_SUFFIX}`);
      await rename(writer.path, target);
      const info = await stat(target);
      return this.packs.add(index.id, index, info.size, info.mtime);
    } catch (error) {
      await rm(writer.path, { force: true });
      throw error;
    } finally {
      this.writing.delete(writer);
    }
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
    const reader = await this.packedReader(digest, found);
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
    if (!('file' in found)) return this.packedReader(digest, found);
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
    const packed = this.findPacked(digest);
    if (packed !== undefined) return { size: packed.size };
    try {
      return { size: (await stat(this.pathOf(digest))).size };
    } catch (error) {
      if (systemErrorCode(error) !== 'ENOENT') throw error;
    }
    await this.packs.rescan();
    const written = this.packs.find(digest);
    return written === undefined ? undefined : { size: written.size };
  }

  /** The pack holding `digest` (this process's newest copy), or one of this process's batches writing it. */
  private findPacked(digest: Digest): Location | undefined {
    const packed = this.packs.find(digest);
    if (packed !== undefined) return packed;
    for (const writing of this.writing) {
      const entry = writing.find(digest);
      if (entry !== undefined) return { writing, offset: entry.offset, size: entry.size };
    }
    return undefined;
  }

  /**
   * Where to read `digest` from: a pack, or its own file, open. A blob in neither may be in a pack
   * another process wrote since this one last read `packs/`: looked for there before `blob.not_found`.
   */
  private async openFound(digest: Digest, path: string): Promise<Location | { file: FileHandle }> {
    const packed = this.findPacked(digest);
    if (packed !== undefined) return packed;
    try {
      return { file: await open(path, 'r') };
    } catch (error) {
      if (systemErrorCode(error) !== 'ENOENT') throw error;
    }
    await this.packs.rescan();
    const written = this.packs.find(digest);
    if (written === undefined) throw blobNotFound(digest);
    return written;
  }

  /**
   * Reads a packed blob. A pack can leave `packs/` between the lookup and a read (gc, in any
   * process, rewrote it): the read then looks for the blob again, in a pack or on its own.
   */
  private async packedReader(digest: Digest, found: Location): Promise<BlobReader> {
    let at = found;
    /** A handle on a pack still being written (not in the shared pool: it is renamed at `sync`). */
    let writingFile: FileHandle | undefined;
    let loose: BlobReader | undefined;
    const readAt = async (target: Uint8Array, length: number, position: number): Promise<number> => {
      if ('pack' in at) return this.packs.read(at.pack, target, length, at.offset + position);
      writingFile ??= await open(at.writing.path, 'r');
      return (await writingFile.read(target, 0, length, at.offset + position)).bytesRead;
    };
    const size = found.size;
    return {
      size,
      read: async (target, position) => {
        const length = Math.max(0, Math.min(target.byteLength, size - position));
        if (length === 0) return 0;
        if (loose !== undefined) return loose.read(target, position);
        try {
          return await readAt(target, length, position);
        } catch (error) {
          if (systemErrorCode(error) !== 'ENOENT') throw error;
          await this.packs.rescan();
          const again = this.findPacked(digest);
          if (again !== undefined) {
            at = again;
            return readAt(target, length, position);
          }
          loose = await this.open(digest);
          return loose.read(target, position);
        }
      },
      close: async () => {
        await writingFile?.close();
        await loose?.close();
      },
    };
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

  async *listPacks(): AsyncIterable<StoredPack> {
    await this.packs.rescan();
    for (const pack of this.packs.packs) {
      // The file's own time, not the one seen at load: a test, or a copy, may have changed it.
      const info = await stat(pack.path).catch((error: unknown) => {
        if (systemErrorCode(error) === 'ENOENT') return undefined;
        throw error;
      });
      if (info === undefined) continue;
      const blobs: StoredPack['blobs'] = [];
      for (let i = 0; i < packCount(pack); i++) {
        const { digest, size } = packEntry(pack, i);
        blobs.push({ digest, size, newest: this.packs.isNewest(pack, digest) });
      }
      yield { id: pack.id, size: info.size, modifiedAt: info.mtime, blobs };
    }
  }

  async rewritePack(id: string, keep: readonly Digest[]): Promise<boolean> {
    if (!isDigestId(id)) return false;
    // Perhaps written, or put back, by another process since this one last read packs/.
    if (this.packs.get(id) === undefined) await this.packs.rescan();
    const pack = this.packs.get(id);
    if (pack === undefined) return false;
    if (keep.length > 0) {
      const writer = await PackWriter.create(join(this.tmp, `${randomUUID()}${PACK_SUFFIX}`));
      try {
        for (const digest of keep) {
          const entry = entryNumber(pack, digest);
          if (entry < 0) throw new Error(`The pack ${id} does not hold ${digest}.`);
          const { offset, size } = packEntry(pack, entry);
          const bytes = Buffer.allocUnsafe(size);
          if ((await this.packs.read(pack, bytes, size, offset)) !== size) throw packDamaged(pack, digest);
          // Copied only if still right: a damaged blob is left for fsck, not spread to a new pack.
          await writer.put(bytes).then((put) => {
            if (put.digest !== digest) throw packDamaged(pack, digest);
          });
        }
      } catch (error) {
        await writer.abort();
        throw error;
      }
      await this.publish(writer);
      await this.syncDirectory(this.packsDir);
    }
    await mkdir(this.trashedPacks, { recursive: true });
    try {
      await rename(pack.path, join(this.trashedPacks, `${pack.id}${PACK_SUFFIX}`));
    } catch (error) {
      if (systemErrorCode(error) !== 'ENOENT') throw error;
    }
    this.packs.forget([pack.id]);
    return true;
  }

  async *listTrashedPacks(): AsyncIterable<StoredPack> {
    for (const name of await readdirIfExists(this.trashedPacks)) {
      const id = packIdOf(name);
      if (id === undefined) continue;
      const path = join(this.trashedPacks, name);
      let info;
      let index;
      try {
        info = await stat(path);
        index = await readPackIndexAt(path, id);
      } catch (error) {
        if (systemErrorCode(error) === 'ENOENT') continue;
        throw error;
      }
      const blobs = index.entries.map(({ digest, size }) => ({ digest, size, newest: false }));
      yield { id, size: info.size, modifiedAt: info.mtime, blobs };
    }
  }

  async restorePack(id: string): Promise<boolean> {
    if (!isDigestId(id)) return false;
    try {
      await rename(join(this.trashedPacks, `${id}${PACK_SUFFIX}`), join(this.packsDir, `${id}${PACK_SUFFIX}`));
    } catch (error) {
      if (systemErrorCode(error) === 'ENOENT') return false;
      throw error;
    }
    await this.syncDirectory(this.packsDir);
    await this.packs.rescan();
    return true;
  }

  async deleteTrashedPack(id: string): Promise<boolean> {
    if (!isDigestId(id)) return false;
    try {
      await unlink(join(this.trashedPacks, `${id}${PACK_SUFFIX}`));
      return true;
    } catch (error) {
      if (systemErrorCode(error) === 'ENOENT') return false;
      throw error;
    }
  }

  damagedPacks(): readonly { id: Digest; reason: string }[] {
    return this.packs.damaged;
  }

  async checkWritable(): Promise<void> {
    const probe = join(this.tmp, `.probe-${randomUUID()}`);
    try {
      // Blob names are only as durable as the directories above them: fsync each one that gained an entry.
      const gained = new Set<string>();
      for (const path of [this.objects, this.packsDir]) {
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

function isDigestId(id: string): id is Digest {
  return isDigest(id);
}

function packDamaged(pack: Pack, digest: Digest): StrataError {
  return new StrataError(
    'blob.pack_corrupt',
    'internal',
    `The pack ${pack.path} is damaged: blob ${digest} does not read back as stored. Run \`strata fsck\`.`,
    { details: { pack: pack.path } },
  );
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
