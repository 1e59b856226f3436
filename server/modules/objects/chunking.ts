import { createHash } from 'node:crypto';

/** One in this many names ends a chunk, on average: the fan-out of every level. */
export const CHUNK_FACTOR = 64;

/**
 * Whether a chunk of the given level ends after the item with this key. It depends on the key
 * alone, so the chunks of a directory depend only on the names in it (history independence),
 * and an edit disturbs only the chunk it lands in.
 */
export function isBoundary(key: string, level: number): boolean {
  const digest = createHash('sha256').update(Uint8Array.of(level)).update(key, 'utf8').digest();
  return digest.readUInt32BE(0) % CHUNK_FACTOR === 0;
}

/** Cuts a sorted item sequence into chunks at boundary keys; the last chunk takes the rest. */
export function chunkItems<T>(items: readonly T[], level: number, keyOf: (item: T) => string): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  for (const item of items) {
    current.push(item);
    if (isBoundary(keyOf(item), level)) {
      chunks.push(current);
      current = [];
    }
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
