import { createHash } from 'node:crypto';
import { StrataError } from '../errors/index.js';

/** A SHA-256 digest as 64 lowercase hex characters: the address of a blob. */
export type Digest = string & { readonly __brand: 'sha256' };

const DIGEST = /^[0-9a-f]{64}$/;

export function isDigest(value: string): value is Digest {
  return DIGEST.test(value);
}

/** Validates untrusted input (a URL segment, a file name) as a digest. */
export function parseDigest(value: string): Digest {
  if (!isDigest(value)) {
    throw new StrataError('blob.invalid_digest', 'invalid', `Not a SHA-256 digest: '${value.slice(0, 80)}'.`);
  }
  return value;
}

export function sha256(data: Uint8Array | string): Digest {
  return createHash('sha256').update(data).digest('hex') as Digest;
}
