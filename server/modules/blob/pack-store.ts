import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { StrataError, systemErrorCode } from '../errors/index.js';
import type { BlobReader, StoredPack } from './blob-store.js';
import { isDigest, type Digest } from './digest.js';
import type { SyncDirectory } from './directory-syncs.js';
import { PackWriter, readPackIndexAt } from './pack-file.js';
import { PACK_SUFFIX, PackSet, entryNumber, packCount, packEntry, packIdOf, type Pack } from './pack-set.js';
import type { PackHost } from './packing-batch.js';

/** Where a packed blob's bytes are: a pack in `packs/`, or one this process's batches are still writing. */
export type PackedLocation =
  { pack: Pack; offset: number; size: number } | { writing: PackWriter; offset: number; size: number };

/**
 * The filesystem store's packs (docs/design/blob-packs.md): `<root>/packs/<id>.pack`, written in
 * `<root>/tmp/` by batches, read through the packs this process knows (PackSet), and replaced or
 * moved to `<root>/trash/packs/` by gc. Loose blobs are the store's own business.
 */
export class PackStore {
  readonly directory: string;
  private readonly trash: string;
  private readonly set: PackSet;
  /** Packs this process's batches are writing: their blobs are readable here before `sync`. */
  private readonly writing = new Set<PackWriter>();

  constructor(
    root: string,
    private readonly tmp: string,
    private readonly syncDirectory: SyncDirectory,
  ) {
    this.directory = join(root, 'packs');
    this.trash = join(root, 'trash', 'packs');
    this.set = new PackSet(this.directory);
  }

  /** What a packing batch needs, with `writeLoose` from the store. */
  host(writeLoose: PackHost['writeLoose']): PackHost {
    return {
      createPack: async () => {
        const writer = await PackWriter.create(join(this.tmp, `${randomUUID()}${PACK_SUFFIX}`));
        this.writing.add(writer);
        return writer;
      },
      publishPack: async (writer) => {
        // Nothing was put in it (every put failed before writing): nothing to keep.
        if (writer.isEmpty) await this.discard(writer);
        else await this.publish(writer);
      },
      discardPack: (writer) => this.discard(writer),
      syncPacks: () => this.syncDirectory(this.directory),
      writeLoose,
    };
  }

  /** Reads `packs/` again: packs other processes wrote join, packs gone leave (see PackSet.rescan). */
  rescan(): Promise<void> {
    return this.set.rescan();
  }

  /** Closes the pack files open for reads. */
  close(): Promise<void> {
    return this.set.close();
  }

  get damaged(): readonly { id: Digest; reason: string }[] {
    return this.set.damaged;
  }

  /** The pack holding `digest` (this process's newest copy), or one of this process's batches writing it. */
  find(digest: Digest): PackedLocation | undefined {
    const packed = this.set.find(digest);
    if (packed !== undefined) return packed;
    for (const writing of this.writing) {
      const entry = writing.find(digest);
      if (entry !== undefined) return { writing, offset: entry.offset, size: entry.size };
    }
    return undefined;
  }

  /** `find`, after reading `packs/` again: for a blob neither packed nor loose as this process last saw them. */
  async findWritten(digest: Digest): Promise<PackedLocation | undefined> {
    await this.set.rescan();
    return this.set.find(digest);
  }

  /** Every packed digest (the newest copy of each). */
  digests(): Iterable<Digest> {
    return this.set.digests();
  }

  /**
   * Reads a packed blob. A pack can leave `packs/` between the lookup and a read (gc, in any
   * process, rewrote it): the read then looks for the blob again, in a pack or else through
   * `openLoose` (its own file, or `blob.not_found`).
   */
  reader(digest: Digest, found: PackedLocation, openLoose: (digest: Digest) => Promise<BlobReader>): BlobReader {
    let at = found;
    /** A handle on a pack still being written (not in the shared pool: it is renamed at `sync`). */
    let writingFile: FileHandle | undefined;
    let loose: BlobReader | undefined;
    const readAt = async (target: Uint8Array, length: number, position: number): Promise<number> => {
      if ('pack' in at) return this.set.read(at.pack, target, length, at.offset + position);
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
          await this.set.rescan();
          const again = this.find(digest);
          if (again !== undefined) {
            at = again;
            return readAt(target, length, position);
          }
          loose = await openLoose(digest);
          return loose.read(target, position);
        }
      },
      close: async () => {
        await writingFile?.close();
        await loose?.close();
      },
    };
  }

  async *list(): AsyncIterable<StoredPack> {
    await this.set.rescan();
    for (const pack of this.set.packs) {
      // The file's own time, not the one seen at load: a test, or a copy, may have changed it.
      const info = await stat(pack.path).catch((error: unknown) => {
        if (systemErrorCode(error) === 'ENOENT') return undefined;
        throw error;
      });
      if (info === undefined) continue;
      const blobs: StoredPack['blobs'] = [];
      for (let i = 0; i < packCount(pack); i++) {
        const { digest, size } = packEntry(pack, i);
        blobs.push({ digest, size, newest: this.set.isNewest(pack, digest) });
      }
      yield { id: pack.id, size: info.size, modifiedAt: info.mtime, blobs };
    }
  }

  async rewrite(id: string, keep: readonly Digest[]): Promise<boolean> {
    if (!isDigest(id)) return false;
    // Perhaps written, or put back, by another process since this one last read packs/.
    if (this.set.get(id) === undefined) await this.set.rescan();
    const pack = this.set.get(id);
    if (pack === undefined) return false;
    if (keep.length > 0) {
      const writer = await PackWriter.create(join(this.tmp, `${randomUUID()}${PACK_SUFFIX}`));
      try {
        for (const digest of keep) {
          const entry = entryNumber(pack, digest);
          if (entry < 0) throw new Error(`The pack ${id} does not hold ${digest}.`);
          const { offset, size } = packEntry(pack, entry);
          const bytes = Buffer.allocUnsafe(size);
          if ((await this.set.read(pack, bytes, size, offset)) !== size) throw packDamaged(pack, digest);
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
      await this.syncDirectory(this.directory);
    }
    await mkdir(this.trash, { recursive: true });
    try {
      await rename(pack.path, join(this.trash, `${pack.id}${PACK_SUFFIX}`));
    } catch (error) {
      if (systemErrorCode(error) !== 'ENOENT') throw error;
    }
    this.set.forget([pack.id]);
    return true;
  }

  async *listTrashed(): AsyncIterable<StoredPack> {
    for (const name of await readdir(this.trash).catch(orNone)) {
      const id = packIdOf(name);
      if (id === undefined) continue;
      const path = join(this.trash, name);
      let found;
      try {
        found = { info: await stat(path), index: await readPackIndexAt(path, id) };
      } catch (error) {
        if (systemErrorCode(error) === 'ENOENT') continue;
        throw error;
      }
      const blobs = found.index.entries.map(({ digest, size }) => ({ digest, size, newest: false }));
      yield { id, size: found.info.size, modifiedAt: found.info.mtime, blobs };
    }
  }

  async restore(id: string): Promise<boolean> {
    if (!isDigest(id)) return false;
    try {
      await rename(join(this.trash, `${id}${PACK_SUFFIX}`), join(this.directory, `${id}${PACK_SUFFIX}`));
    } catch (error) {
      if (systemErrorCode(error) === 'ENOENT') return false;
      throw error;
    }
    await this.syncDirectory(this.directory);
    await this.set.rescan();
    return true;
  }

  async deleteTrashed(id: string): Promise<boolean> {
    if (!isDigest(id)) return false;
    try {
      await unlink(join(this.trash, `${id}${PACK_SUFFIX}`));
      return true;
    } catch (error) {
      if (systemErrorCode(error) === 'ENOENT') return false;
      throw error;
    }
  }

  /** Finishes a pack (fsync'd) and renames it into `packs/`; the caller fsyncs that directory. */
  private async publish(writer: PackWriter): Promise<Pack> {
    try {
      const index = await writer.finish();
      const target = join(this.directory, `${index.id}${PACK_SUFFIX}`);
      await rename(writer.path, target);
      const info = await stat(target);
      return this.set.add(index.id, index, info.size, info.mtime);
    } catch (error) {
      await rm(writer.path, { force: true });
      throw error;
    } finally {
      this.writing.delete(writer);
    }
  }

  private async discard(writer: PackWriter): Promise<void> {
    try {
      await writer.abort();
    } finally {
      this.writing.delete(writer);
    }
  }
}

function orNone(error: unknown): string[] {
  if (systemErrorCode(error) === 'ENOENT') return [];
  throw error;
}

function packDamaged(pack: Pack, digest: Digest): StrataError {
  return new StrataError(
    'blob.pack_corrupt',
    'internal',
    `The pack ${pack.path} is damaged: blob ${digest} does not read back as stored. Run \`strata fsck\`.`,
    { details: { pack: pack.path } },
  );
}
