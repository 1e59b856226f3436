import type { Digest } from '@strata/modules/blob';
import type { Commit, TreeNode } from '@strata/modules/objects';
import type { FileRecord, InstanceMetadataRecord } from '@strata/models';

/**
 * Process-wide caches of what the DICOMweb read paths fetch on every request and what never
 * changes for a given id: tree nodes, commits, file records and instance metadata are all named
 * by the digest of their content. A viewer loading a series asks for hundreds of frames of one
 * version; without these, each request re-read the same path of tree nodes and records from
 * the database (on PGlite, most of a frame's cost). Refs are never cached: a branch is resolved
 * on every request. gc may remove an entry's row; only a version that no longer exists could
 * reach it, and no ref resolves to one.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
  }

  /** The values of `keys` found here, the rest fetched at once by `fetch` and kept. */
  async getMany(keys: readonly K[], fetch: (missing: K[]) => Promise<Map<K, V>>): Promise<Map<K, V>> {
    const found = new Map<K, V>();
    const missing: K[] = [];
    for (const key of keys) {
      const value = this.get(key);
      if (value === undefined) missing.push(key);
      else found.set(key, value);
    }
    if (missing.length > 0) {
      for (const [key, value] of await fetch(missing)) {
        this.set(key, value);
        found.set(key, value);
      }
    }
    return found;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Decoded tree nodes shared by every read's NodeStaging (it bounds the map itself, at 20,000). */
export const sharedTreeNodes = new Map<Digest, TreeNode>();
export const commitCache = new LruCache<Digest, Commit>(1_000);
export const fileCache = new LruCache<Digest, FileRecord>(50_000);
/** Metadata records carry the indexed attributes (about 2 KB each). */
export const metadataCache = new LruCache<Digest, InstanceMetadataRecord>(10_000);
