import type { Readable } from 'node:stream';
import type { Digest } from './digest.js';

/** An inclusive byte range, as in HTTP: `end` defaults to the last byte and is clamped to it. */
export interface ByteRange {
  start: number;
  end?: number;
}

export interface PutOptions {
  /** Refuse the bytes (nothing stored) unless they hash to this digest. */
  expectedDigest?: Digest;
}

export interface PutResult {
  digest: Digest;
  size: number;
  /** False when the store already held these bytes: nothing new was written. */
  created: boolean;
}

export interface BlobStat {
  size: number;
}

/**
 * Content-addressed storage of immutable byte strings. `put` hashes while it streams, so a blob is
 * only ever visible under the digest of its complete bytes; a crash mid-put leaves nothing behind
 * but temporary data the store cleans up itself.
 */
export interface BlobStore {
  /** `file` or `s3`: shown in health output and logs. */
  readonly kind: string;
  /** Where the store lives, safe to log (no credentials). */
  readonly location: string;
  put(data: AsyncIterable<Uint8Array> | Uint8Array, options?: PutOptions): Promise<PutResult>;
  /** Streams a blob or a range of it; `blob.not_found` if absent, `blob.range_not_satisfiable` past its end. */
  get(digest: Digest, range?: ByteRange): Promise<Readable>;
  stat(digest: Digest): Promise<BlobStat | undefined>;
  /** Removes a blob (garbage collection only); false if it was not there. */
  delete(digest: Digest): Promise<boolean>;
  /** Every stored digest, in no particular order (for fsck and gc). */
  list(): AsyncIterable<Digest>;
  /** Throws a `blob.unavailable` error with an actionable message unless the store can be written. */
  checkWritable(): Promise<void>;
}
