import { notAcceptable } from './codec-errors.js';
import { numbersOf } from './data-set-values.js';
import type { PixelInstance } from './pixel-instance.js';

/** One channel of a Palette Color Lookup Table (PS3.3 C.7.6.3.1.5–6). */
export interface PaletteChannel {
  readonly firstMapped: number;
  readonly bitsPerEntry: number;
  readonly entries: Uint16Array;
}

const CHANNELS = [
  { name: 'Red', descriptor: '00281101', data: '00281201', segmented: '00281221' },
  { name: 'Green', descriptor: '00281102', data: '00281202', segmented: '00281222' },
  { name: 'Blue', descriptor: '00281103', data: '00281203', segmented: '00281223' },
] as const;

/** The three palette channels of a PALETTE COLOR instance, their data read from the file. */
export function paletteOf(instance: PixelInstance): [PaletteChannel, PaletteChannel, PaletteChannel] {
  const [red, green, blue] = CHANNELS.map((channel) => {
    const [count, firstMapped, bitsPerEntry] = numbersOf(instance.dataSet, channel.descriptor);
    const data = instance.bulkValue(channel.data);
    if (count === undefined || firstMapped === undefined || bitsPerEntry === undefined || data === undefined) {
      const segmented = instance.bulkValue(channel.segmented) !== undefined;
      throw notAcceptable(
        segmented
          ? 'Segmented palette colour lookup tables cannot be rendered.'
          : `The ${channel.name} Palette Color Lookup Table is missing or incomplete.`,
      );
    }
    // 0 entries means 2^16 (C.7.6.3.1.5).
    const length = count === 0 ? 65536 : count;
    return { firstMapped, bitsPerEntry, entries: lutEntries(data, length, bitsPerEntry) };
  }) as PaletteChannel[];
  return [red as PaletteChannel, green as PaletteChannel, blue as PaletteChannel];
}

/** LUT Data is OW, but 8-bit tables are found packed one entry per byte too; both are read. */
function lutEntries(data: Uint8Array, length: number, bitsPerEntry: number): Uint16Array {
  const entries = new Uint16Array(length);
  const packed = bitsPerEntry <= 8 && data.length === length;
  for (let at = 0; at < length; at++) {
    const word = packed ? (data[at] ?? 0) : (data[at * 2] ?? 0) | ((data[at * 2 + 1] ?? 0) << 8);
    entries[at] = bitsPerEntry <= 8 ? word & 0xff : word;
  }
  return entries;
}

/**
 * Palette indices to RGB, interleaved, in the tables' own depth (8 or 16 bits): an index below
 * the first mapped value takes the first entry, one past the table the last (C.7.6.3.1.5).
 */
export function applyPalette(indices: Float64Array, palette: readonly PaletteChannel[]): Float64Array {
  const out = new Float64Array(indices.length * 3);
  for (let offset = 0; offset < 3; offset++) {
    const channel = palette[offset];
    if (channel === undefined) continue;
    const { entries, firstMapped } = channel;
    const last = entries.length - 1;
    for (let at = 0; at < indices.length; at++) {
      const index = (indices[at] as number) - firstMapped;
      out[at * 3 + offset] = entries[index < 0 ? 0 : index > last ? last : index] as number;
    }
  }
  return out;
}
