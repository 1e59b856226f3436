import { ENTRY_BYTES } from './pack-file.js';

/** Slots of an empty table; it doubles whenever more than half would be used. */
const MIN_SLOTS = 1024;

/**
 * Finds a digest among the indexes of many packs: an open-addressing hash table (linear probing)
 * of (pack number, entry number) pairs, 8 bytes a slot, whose keys are read from the packs' own
 * index bytes (`indexOf`). With the indexes kept in memory (48 bytes a blob) and at most half the
 * slots used, a blob costs at most 64 bytes, and a lookup compares whole digests: no read of the
 * pack to confirm a hit. A digest is 32 uniformly random bytes, so its first 4 are the hash.
 */
export class PackTable {
  private packs: Int32Array;
  private entries: Uint32Array;
  private used = 0;

  constructor(private readonly indexOf: (pack: number) => Buffer) {
    this.packs = new Int32Array(MIN_SLOTS).fill(-1);
    this.entries = new Uint32Array(MIN_SLOTS);
  }

  get size(): number {
    return this.used;
  }

  /** Where the 32-byte `digest` is: the pack and entry numbers, or undefined. */
  get(digest: Uint8Array): { pack: number; entry: number } | undefined {
    const slot = this.slotOf(digest);
    const pack = this.packs[slot] ?? -1;
    return pack < 0 ? undefined : { pack, entry: this.entries[slot] ?? 0 };
  }

  /** Adds every entry of a pack's index, each replacing any earlier pack's entry for its digest. */
  addPack(pack: number): void {
    const index = this.indexOf(pack);
    const count = index.readUInt32BE(0);
    this.reserve(this.used + count);
    for (let entry = 0; entry < count; entry++) {
      const at = 4 + entry * ENTRY_BYTES;
      const slot = this.slotOf(index.subarray(at, at + 32));
      if ((this.packs[slot] ?? -1) < 0) this.used++;
      this.packs[slot] = pack;
      this.entries[slot] = entry;
    }
  }

  /** Every (pack, entry) held, in slot order. */
  *all(): Iterable<{ pack: number; entry: number }> {
    for (let slot = 0; slot < this.packs.length; slot++) {
      const pack = this.packs[slot] ?? -1;
      if (pack >= 0) yield { pack, entry: this.entries[slot] ?? 0 };
    }
  }

  /** The slot holding `digest`, or the empty slot where it would go. */
  private slotOf(digest: Uint8Array): number {
    const mask = this.packs.length - 1;
    let slot = ((digest[0] ?? 0) << 24) | ((digest[1] ?? 0) << 16) | ((digest[2] ?? 0) << 8) | (digest[3] ?? 0);
    for (slot &= mask; ; slot = (slot + 1) & mask) {
      const pack = this.packs[slot] ?? -1;
      if (pack < 0) return slot;
      const at = 4 + (this.entries[slot] ?? 0) * ENTRY_BYTES;
      if (sameDigest(this.indexOf(pack), at, digest)) return slot;
    }
  }

  private reserve(count: number): void {
    if (count * 2 <= this.packs.length) return;
    let length = this.packs.length;
    while (count * 2 > length) length *= 2;
    const [packs, entries] = [this.packs, this.entries];
    this.packs = new Int32Array(length).fill(-1);
    this.entries = new Uint32Array(length);
    for (let slot = 0; slot < packs.length; slot++) {
      const pack = packs[slot] ?? -1;
      if (pack < 0) continue;
      const entry = entries[slot] ?? 0;
      const at = 4 + entry * ENTRY_BYTES;
      const target = this.slotOf(this.indexOf(pack).subarray(at, at + 32));
      this.packs[target] = pack;
      this.entries[target] = entry;
    }
  }
}

function sameDigest(index: Buffer, at: number, digest: Uint8Array): boolean {
  for (let i = 31; i >= 0; i--) if (index[at + i] !== digest[i]) return false;
  return true;
}
