import { StrataError } from '../errors/index.js';
import type { Digest } from './digest.js';

/** The error every driver raises for a digest it does not hold. */
export function blobNotFound(digest: Digest): StrataError {
  return new StrataError('blob.not_found', 'not_found', `No blob ${digest} in the store.`, { details: { digest } });
}

/** Bytes that do not hash to the digest the caller expected (`PutOptions.expectedDigest`). */
export function digestMismatch(digest: Digest, expected: Digest): StrataError {
  return new StrataError(
    'blob.digest_mismatch',
    'invalid',
    `The bytes received hash to ${digest}, not the expected ${expected}.`,
  );
}

/** A stream that yields another number of bytes than declared (`PutOptions.size`). */
export function sizeMismatch(declared: number, received: number): StrataError {
  return new StrataError(
    'blob.size_mismatch',
    'invalid',
    `The blob was declared as ${declared} bytes but ${received > declared ? 'more' : received} were received.`,
  );
}

/** `data` as it is, or, given a declared size, failing with `blob.size_mismatch` as soon as it yields more or ends short. */
export function ofDeclaredSize(
  data: AsyncIterable<Uint8Array> | Uint8Array,
  size: number | undefined,
): AsyncIterable<Uint8Array> | Uint8Array {
  if (size === undefined || data instanceof Uint8Array) return data;
  return (async function* () {
    let received = 0;
    for await (const chunk of data) {
      received += chunk.byteLength;
      if (received > size) throw sizeMismatch(size, received);
      yield chunk;
    }
    if (received !== size) throw sizeMismatch(size, received);
  })();
}
