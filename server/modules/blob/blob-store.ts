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
  /**
   * The number of bytes a stream will yield, when known: a batch of the filesystem store can then
   * pack the blob (see BlobBatch). A stream yielding another number of bytes fails with
   * `blob.size_mismatch`, nothing stored. Ignored for a Uint8Array.
   */
  size?: number;
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
  /**
   * Ends the batch; call it once done, whether or not `sync` was called or succeeded. Blobs put
   * since the last successful `sync` may be discarded (the filesystem store removes the pack they
   * went into): nothing may refer to them.
   */
  close(): Promise<void>;
}

export interface BlobStat {
  size: number;
}

/**
 * An open blob read into the caller's buffers: no allocation per read, so a server streaming
 * hundreds of megabytes reuses a few buffers instead of leaving the garbage collector a new one
 * per chunk. Reads are cheapest in order (S3 reads ahead on one request); `close` when done.
 */
export interface BlobReader {
  readonly size: number;
  /** Reads up to `target.byteLength` bytes from `position` into `target`; the count read, 0 at the end. */
  read(target: Uint8Array, position: number): Promise<number>;
  close(): Promise<void>;
}

/** A stored blob as garbage collection sees it. */
export interface StoredBlob {
  digest: Digest;
  size: number;
  /** When it was written, or last found already stored by a put (which refreshes it). */
  modifiedAt: Date;
}

/** A pack of blobs as garbage collection sees it (the filesystem store's batches write packs). */
export interface StoredPack {
  id: string;
  /** Bytes of the pack file, its index included. */
  size: number;
  /** When it was written: a pack is never modified, and a put of bytes it holds writes them anew. */
  modifiedAt: Date;
  /** Its blobs. `newest` is false where a pack written later holds the same bytes: this copy is not needed. */
  blobs: { digest: Digest; size: number; newest: boolean }[];
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
  /**
   * Stores bytes under their digest; when it resolves, the blob is durable. A blob already stored
   * has its modification time refreshed instead (so gc, which only removes blobs not modified for
   * a grace period, keeps it); if it vanished meanwhile, the bytes just received are stored.
   */
  put(data: AsyncIterable<Uint8Array> | Uint8Array, options?: PutOptions): Promise<PutResult>;
  /** A batch of puts made durable together by its `sync` (see BlobBatch). */
  batch(): BlobBatch;
  /** Streams a blob or a range of it; `blob.not_found` if absent, `blob.range_not_satisfiable` past its end. */
  get(digest: Digest, range?: ByteRange): Promise<Readable>;
  /** Opens a blob for reads into the caller's buffers (see BlobReader); `blob.not_found` if absent. */
  open(digest: Digest): Promise<BlobReader>;
  stat(digest: Digest): Promise<BlobStat | undefined>;
  /** Removes a blob stored on its own (tests and gc only); false if there was none (a packed blob goes with its pack). */
  delete(digest: Digest): Promise<boolean>;
  /** Every stored digest, in no particular order (for fsck and gc). */
  list(): AsyncIterable<Digest>;
  /**
   * Every blob stored on its own (not in a pack) with its size and modification time, streamed
   * (never all held at once). gc moves these one by one; packed blobs go with their pack.
   */
  listStored(): AsyncIterable<StoredBlob>;
  /** Every pack (none on a store that does not pack), its blobs listed; gc's unit for packed blobs. */
  listPacks(): AsyncIterable<StoredPack>;
  /**
   * Replaces a pack by one holding only `keep` (some of its blobs; none: no new pack), written and
   * made durable first, then moves the pack to the trash (gc only). False if there was no such pack.
   */
  rewritePack(id: string, keep: readonly Digest[]): Promise<boolean>;
  /** The packs in the trash (modifiedAt: when each was written). */
  listTrashedPacks(): AsyncIterable<StoredPack>;
  /** Puts a trashed pack back; false if the trash did not hold it. */
  restorePack(id: string): Promise<boolean>;
  /** Deletes a trashed pack for good; false if the trash did not hold it. */
  deleteTrashedPack(id: string): Promise<boolean>;
  /** Packs found damaged (`blob.pack_corrupt`) and left unread: their blobs read as absent. For fsck. */
  damagedPacks(): readonly { id: Digest; reason: string }[];
  /**
   * Takes a blob out of the store into its trash (gc only); returns its modification time as it
   * was when it left, so that gc can tell whether a put refreshed it meanwhile, or undefined if
   * there was no such blob. A put of the same bytes afterwards stores them again.
   */
  trash(digest: Digest): Promise<Date | undefined>;
  /** Puts a trashed blob back in the store; false if the trash did not hold it. */
  restore(digest: Digest): Promise<boolean>;
  /**
   * Every blob in the trash. modifiedAt: on the filesystem the time the blob had in the store (a
   * move keeps it); on S3 the time of the move (a copy cannot keep it).
   */
  listTrash(): AsyncIterable<StoredBlob>;
  /** Deletes a blob from the trash for good; false if the trash did not hold it. */
  deleteTrashed(digest: Digest): Promise<boolean>;
  /** Throws a `blob.unavailable` error with an actionable message unless the store can be written. */
  checkWritable(): Promise<void>;
  /** Releases what the store holds open (files, connections); reads under way finish first. */
  close(): Promise<void>;
}
