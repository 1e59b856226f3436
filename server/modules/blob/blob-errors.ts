import { StrataError } from '../errors/index.js';
import type { Digest } from './digest.js';

/** The error every driver raises for a digest it does not hold. */
export function blobNotFound(digest: Digest): StrataError {
  return new StrataError('blob.not_found', 'not_found', `No blob ${digest} in the store.`, { details: { digest } });
}
