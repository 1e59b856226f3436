import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { StrataError, systemErrorCode } from '../errors/index.js';
import type { BlobStat, BlobStore, ByteRange, PutOptions, PutResult } from './blob-store.js';
import { blobNotFound } from './blob-errors.js';
import { resolveRange } from './byte-range.js';
import { isDigest, type Digest } from './digest.js';

/** Temporary files older than this are leftovers of a crashed put and are removed at open. */
const STALE_TEMP_MS = 24 * 60 * 60 * 1000;

/**
 * Blobs as files under `<root>/objects/ab/cd/<digest>`. A put streams into `<root>/tmp`, fsyncs,
 * then renames into place and fsyncs the directory, so a blob that is visible is complete and
 * survives a power cut.
 */
export class FilesystemBlobStore implements BlobStore {
  readonly kind = 'file';
  private readonly objects: string;
  private readonly tmp: string;

  private constructor(readonly location: string) {
    this.objects = join(location, 'objects');
    this.tmp = join(location, 'tmp');
  }

  /** Opens (creating if needed) a store rooted at `root`; fails with `blob.unavailable` if it cannot be written. */
  static async open(root: string): Promise<FilesystemBlobStore> {
    const store = new FilesystemBlobStore(root);
    await store.checkWritable();
    await store.removeStaleTemps();
    return store;
  }

  async put(data: AsyncIterable<Uint8Array> | Uint8Array, options: PutOptions = {}): Promise<PutResult> {
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
      if (await exists(target)) {
        await unlink(tempPath);
        return { digest, size, created: false };
      }
      const dir = join(target, '..');
      await mkdir(dir, { recursive: true });
      await rename(tempPath, target);
      await fsyncDirectory(dir);
      return { digest, size, created: true };
    } catch (error) {
      await rm(tempPath, { force: true });
      throw error;
    }
  }

  async get(digest: Digest, range?: ByteRange): Promise<Readable> {
    const path = this.pathOf(digest);
    if (range === undefined) {
      const file = await this.openExisting(digest, path);
      return file.createReadStream();
    }
    const size = (await this.statOrThrow(digest)).size;
    const { start, end } = resolveRange(range, size);
    return createReadStream(path, { start, end });
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

  async *list(): AsyncIterable<Digest> {
    for (const a of await readdirIfExists(this.objects)) {
      for (const b of await readdirIfExists(join(this.objects, a))) {
        for (const name of await readdirIfExists(join(this.objects, a, b))) {
          if (isDigest(name)) yield name;
        }
      }
    }
  }

  async checkWritable(): Promise<void> {
    const probe = join(this.tmp, `.probe-${randomUUID()}`);
    try {
      await mkdir(this.objects, { recursive: true });
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
    return join(this.objects, digest.slice(0, 2), digest.slice(2, 4), digest);
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

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (systemErrorCode(error) === 'ENOENT') return false;
    throw error;
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

async function fsyncDirectory(path: string): Promise<void> {
  const dir = await open(path, 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}
