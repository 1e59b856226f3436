import { digestMismatch } from './blob-errors.js';
import type { BlobBatch, PutOptions, PutResult } from './blob-store.js';
import type { Digest } from './digest.js';
import type { DirectorySyncs } from './directory-syncs.js';
import type { PackWriter } from './pack-file.js';
import { sha256Shared } from './shared-sha256.js';

/** Blobs above this stay loose: gc copies a pack's live blobs to drop the rest, and should not copy gigabytes. */
export const PACKED_MAX = 64 * 1024 * 1024;
/** A batch starts a new pack once its pack holds this much, so gc's rewrites stay bounded. */
export const PACK_TARGET = 1024 * 1024 * 1024;

/** What a packing batch needs from its store. */
export interface PackHost {
  /** Creates a pack in the store's temporary directory, its blobs readable by this process's reads. */
  createPack(): Promise<PackWriter>;
  /** Finishes a pack and renames it into the store (its directory not yet fsync'd), or removes it. */
  publishPack(writer: PackWriter): Promise<void>;
  discardPack(writer: PackWriter): Promise<void>;
  /** fsyncs the directory packs are renamed into. */
  syncPacks(): Promise<void>;
  /** Writes a blob on its own, its directory entries left in `syncs`. */
  writeLoose(
    data: AsyncIterable<Uint8Array> | Uint8Array,
    options: PutOptions,
    syncs: DirectorySyncs,
  ): Promise<PutResult>;
}

/**
 * A filesystem store's batch (docs/design/blob-packs.md, "Writing"): blobs of a known size up to
 * PACKED_MAX go into one pack, written at reserved offsets as they come, and `sync` finishes it
 * (one fsync), renames it into `packs/` and fsyncs that directory: two fsyncs however many blobs.
 * Other blobs are written loose, their directories fsync'd at `sync` as before. There is no
 * deduplication against what is stored: the bytes are written again, which is what keeps them
 * from gc (the newest copy is never older than the grace period).
 */
export class PackingBatch implements BlobBatch {
  private current: PackWriter | undefined;
  private creating: Promise<PackWriter> | undefined;
  /** Packs put into and not yet published, `current` included once it is replaced. */
  private readonly unpublished = new Set<PackWriter>();
  private readonly running = new Set<Promise<unknown>>();
  /** Packs renamed into place whose directory entry is not yet fsync'd. */
  private packsToSync = false;
  /** A pack that could not be published: its blobs are lost, so this batch never syncs again. */
  private broken: { error: unknown } | undefined;
  private closed = false;

  constructor(
    private readonly host: PackHost,
    private readonly syncs: DirectorySyncs,
    private readonly packTarget: number = PACK_TARGET,
  ) {}

  put(data: AsyncIterable<Uint8Array> | Uint8Array, options: PutOptions = {}): Promise<PutResult> {
    if (this.closed) return Promise.reject(new Error('This blob batch is closed.'));
    const size = data instanceof Uint8Array ? data.byteLength : options.size;
    const put =
      size === undefined || size > PACKED_MAX
        ? this.host.writeLoose(data, options, this.syncs)
        : this.putPacked(data, size, options);
    this.running.add(put);
    const forget = () => this.running.delete(put);
    put.then(forget, forget);
    return this.syncs.track(put);
  }

  async sync(): Promise<void> {
    if (this.closed) throw new Error('This blob batch is closed.');
    // Puts started while packs were published may have opened another: publish until none is left.
    for (;;) {
      while (this.running.size > 0) await Promise.allSettled([...this.running]);
      if (this.broken !== undefined) throw this.broken.error as Error;
      const writers = [...this.unpublished];
      if (this.current !== undefined && !this.unpublished.has(this.current)) writers.push(this.current);
      this.current = undefined;
      if (writers.length === 0) break;
      for (const writer of writers) this.unpublished.delete(writer);
      const published = await Promise.allSettled(writers.map((writer) => this.host.publishPack(writer)));
      if (published.some((outcome) => outcome.status === 'fulfilled')) this.packsToSync = true;
      const failed = published.find((outcome) => outcome.status === 'rejected');
      if (failed !== undefined) {
        this.broken = { error: failed.reason };
        throw failed.reason as Error;
      }
    }
    await this.syncs.sync();
    if (this.packsToSync) {
      await this.host.syncPacks();
      this.packsToSync = false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
    const writers = new Set(this.unpublished);
    if (this.current !== undefined) writers.add(this.current);
    this.unpublished.clear();
    this.current = undefined;
    await Promise.all([...writers].map((writer) => this.host.discardPack(writer)));
  }

  private async putPacked(
    data: AsyncIterable<Uint8Array> | Uint8Array,
    size: number,
    options: PutOptions,
  ): Promise<PutResult> {
    const check = (digest: Digest) => {
      if (options.expectedDigest !== undefined && options.expectedDigest !== digest) {
        throw digestMismatch(digest, options.expectedDigest);
      }
    };
    if (data instanceof Uint8Array) {
      const digest = await sha256Shared(data);
      check(digest);
      const put = await this.into(size, (writer) => writer.put(data, digest));
      return { digest, size, created: put.created };
    }
    const put = await this.into(size, (writer) => writer.putStream(data, size, check));
    return { digest: put.digest, size, created: put.created };
  }

  /**
   * Puts `size` bytes into the current pack, unless it is full or failed, else into a new one. The
   * choice and the put's reservation of its bytes happen in one step, so concurrent puts cannot
   * all choose a pack with room for only one of them.
   */
  private async into<T>(size: number, put: (writer: PackWriter) => Promise<T>): Promise<T> {
    for (;;) {
      const current = this.current;
      if (current !== undefined) {
        if (current.isOpen && (current.isEmpty || current.size + size <= this.packTarget)) return put(current);
        // Full (published at the next sync) or failed (which fails the next sync).
        this.unpublished.add(current);
        this.current = undefined;
      }
      this.creating ??= this.host.createPack().finally(() => (this.creating = undefined));
      const created = await this.creating;
      this.current ??= created;
    }
  }
}
