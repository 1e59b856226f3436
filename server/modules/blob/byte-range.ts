import { StrataError } from '../errors/index.js';
import type { ByteRange } from './blob-store.js';

/** Checks a range against a blob's size and returns its inclusive bounds, clamped to the blob. */
export function resolveRange(range: ByteRange, size: number): { start: number; end: number } {
  const { start } = range;
  const end = Math.min(range.end ?? size - 1, size - 1);
  if (!Number.isSafeInteger(start) || start < 0 || (range.end !== undefined && !Number.isSafeInteger(range.end))) {
    throw new StrataError('blob.invalid_range', 'invalid', `Invalid byte range ${start}-${range.end ?? ''}.`);
  }
  if (start >= size || (range.end !== undefined && range.end < start)) {
    throw new StrataError(
      'blob.range_not_satisfiable',
      'range_not_satisfiable',
      `Byte range ${start}-${range.end ?? ''} is outside a blob of ${size} bytes.`,
      { details: { size } },
    );
  }
  return { start, end };
}
