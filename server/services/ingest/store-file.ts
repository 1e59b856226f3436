import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import type { BlobWriter, Digest } from '@strata/modules/blob';
import type { FileRecord } from '@strata/models';

/** Bytes read at once: a 512×512 16-bit frame (512 KiB) in one read. */
export const CHUNK = 1 << 20;

/**
 * Stores a file in the blob store as consecutive parts cut at `cuts` (byte offsets, ascending,
 * strictly inside the file), reading it once: each part is hashed by the store as it streams, and
 * the whole file is hashed alongside for its id. Parts already stored cost no write.
 */
export async function storeFileParts(
  blobs: BlobWriter,
  path: string,
  cuts: readonly number[] = [],
): Promise<FileRecord> {
  const handle = await open(path, 'r');
  try {
    return await storeOpenFileParts(blobs, handle, (await handle.stat()).size, cuts, path);
  } finally {
    await handle.close();
  }
}

/**
 * `storeFileParts` on a file the caller has open (and closes), of `size` bytes; `path` names it in
 * errors. Bytes are read into `scratch` (reused for every chunk: a store is done with a chunk when
 * it asks for the next), so storing many files allocates no buffer per chunk for the GC to chase.
 */
export async function storeOpenFileParts(
  blobs: BlobWriter,
  handle: FileHandle,
  size: number,
  cuts: readonly number[],
  path: string,
  scratch: Buffer = Buffer.allocUnsafe(CHUNK),
): Promise<FileRecord> {
  const bounds = [0, ...cuts.filter((cut) => cut > 0 && cut < size), size];
  const whole = createHash('sha256');
  const parts: Digest[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const start = bounds[i] ?? 0;
    const end = bounds[i + 1] ?? size;
    async function* range(): AsyncGenerator<Uint8Array> {
      for (let offset = start; offset < end; offset += scratch.length) {
        const length = Math.min(scratch.length, end - offset);
        const buffer = scratch.subarray(0, length);
        const { bytesRead } = await handle.read(buffer, 0, length, offset);
        if (bytesRead !== length) throw new Error(`${path} changed while it was being stored`);
        whole.update(buffer);
        yield buffer;
      }
    }
    parts.push((await blobs.put(range(), { size: end - start })).digest);
  }
  return { id: whole.digest('hex') as Digest, size, parts };
}
