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

/** Writes blobs; a `BlobStore` (each put durable on its own) or a `BlobBatch` (durable at its `sync`). */
export interface BlobWriter {
  /** A store is done with a chunk once it asks for the next (or the put settles): the caller may reuse its buffer. */
  put(data: AsyncIterable<Uint8Array> | Uint8Array, options?: PutOptions): Promise<PutResult>;
}

/**
 * Puts whose durability is settled together. A batch's put returns once its blob is complete and
 * readable, but may leave the blob's name volatile (a power cut could lose it) until `sync`, which
 * makes every blob the batch put durable at once: far fewer flushes than one per put. Nothing may
 * refer to a batch's blobs (a commit) before its `sync` has resolved.
 */
export interface BlobBatch extends BlobWriter {
  /** Resolves once every blob put through this batch (puts still running included) is durable. */
  sync(): Promise<void>;
}

export interface BlobStat {
  size: number;
}

/**
 * Content-addressed storage of immutable byte strings. `put` hashes while it streams, so a blob is
 * only ever visible under the digest of its complete bytes; a crash mid-put leaves nothing behind
 * but temporary data the store cleans up itself.
 */
export interface BlobStore extends BlobWriter {
  /** `file` or `s3`: shown in health output and logs. */
  readonly kind: string;
  /** Where the store lives, safe to log (no credentials). */
  readonly location: string;
  /** Stores bytes under their digest; when it resolves, the blob is durable. */
  put(data: AsyncIterable<Uint8Array> | Uint8Array, options?: PutOptions): Promise<PutResult>;
  /** A batch of puts made durable together by its `sync` (see BlobBatch). */
  batch(): BlobBatch;
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
