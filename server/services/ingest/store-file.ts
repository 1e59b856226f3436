import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { BlobStore, Digest } from '@strata/modules/blob';
import type { FileRecord } from '@strata/models';

const CHUNK = 1 << 20;

/**
 * Stores a file in the blob store as consecutive parts cut at `cuts` (byte offsets, ascending,
 * strictly inside the file), reading it once: each part is hashed by the store as it streams, and
 * the whole file is hashed alongside for its id. Parts already stored cost no write.
 */
export async function storeFileParts(
  blobStore: BlobStore,
  path: string,
  cuts: readonly number[] = [],
): Promise<FileRecord> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const bounds = [0, ...cuts.filter((cut) => cut > 0 && cut < size), size];
    const whole = createHash('sha256');
    const parts: Digest[] = [];
    for (let i = 0; i + 1 < bounds.length; i++) {
      const start = bounds[i] ?? 0;
      const end = bounds[i + 1] ?? size;
      async function* range(): AsyncGenerator<Uint8Array> {
        for (let offset = start; offset < end; offset += CHUNK) {
          const length = Math.min(CHUNK, end - offset);
          const buffer = Buffer.allocUnsafe(length);
          const { bytesRead } = await handle.read(buffer, 0, length, offset);
          if (bytesRead !== length) throw new Error(`${path} changed while it was being stored`);
          whole.update(buffer);
          yield buffer;
        }
      }
      parts.push((await blobStore.put(range())).digest);
    }
    return { id: whole.digest('hex') as Digest, size, parts };
  } finally {
    await handle.close();
  }
}
