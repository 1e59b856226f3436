import type { ByteSource, PixelDataLocation } from '../dicom/index.js';
import { frameOutOfRange, invalidPixelModule } from './codec-errors.js';
import { type ImagePixelDescription, nativeFrameBits } from './image-pixel.js';

/** A run of bytes in the stored file (or, for a deflated file, in its inflated data set). */
export interface ByteRange {
  readonly offset: number;
  readonly length: number;
}

/** Where one frame's bytes are. */
export interface FrameLocation {
  /** 1-based, as in WADO-RS frame lists. */
  readonly frameNumber: number;
  /** Native data: one range holding the frame. Encapsulated: its fragments' values, in order. */
  readonly ranges: readonly ByteRange[];
  /** Native 1-bit data only: the frame starts this many bits into its first byte. */
  readonly bitOffset: number;
}

/** The Extended Offset Table (7FE0,0001) and its lengths (7FE0,0002), when the file has them. */
export interface ExtendedOffsetTable {
  readonly offsets: readonly number[];
  readonly lengths: readonly number[];
}

/**
 * Every frame the Pixel Data actually holds, in order: at most Number of Frames, fewer when the
 * value ends early. Encapsulated fragments are mapped to frames by the Extended Offset Table, else
 * the Basic Offset Table, else one fragment per frame when the counts match, else by the
 * end-of-image marker that closes each JPEG, JPEG-LS and JPEG 2000 codestream.
 */
export async function locateFrames(
  description: ImagePixelDescription,
  pixelData: PixelDataLocation,
  source: ByteSource,
  extendedOffsetTable?: ExtendedOffsetTable,
): Promise<FrameLocation[]> {
  if (!pixelData.encapsulated) return nativeFrames(description, pixelData);
  const fragments = pixelData.fragments ?? [];
  const groups = extendedOffsetTable
    ? byExtendedTable(fragments, extendedOffsetTable)
    : pixelData.basicOffsetTable
      ? byBasicTable(fragments, pixelData.basicOffsetTable)
      : await byFragments(fragments, description.numberOfFrames, source);
  return groups
    .slice(0, description.numberOfFrames)
    .map((ranges, index) => ({ frameNumber: index + 1, ranges, bitOffset: 0 }));
}

/** The locations of the frames asked for, in the order asked; a number the instance lacks is not_found. */
export function selectFrames(frames: readonly FrameLocation[], frameNumbers: readonly number[]): FrameLocation[] {
  return frameNumbers.map((frameNumber) => {
    const frame = Number.isSafeInteger(frameNumber) ? frames[frameNumber - 1] : undefined;
    if (frame === undefined) throw frameOutOfRange(frameNumber, frames.length);
    return frame;
  });
}

function nativeFrames(description: ImagePixelDescription, pixelData: PixelDataLocation): FrameLocation[] {
  const frameBits = nativeFrameBits(description);
  const valueBits = (pixelData.valueEnd - pixelData.valueStart) * 8;
  const count = Math.min(description.numberOfFrames, Math.floor(valueBits / frameBits));
  const frames: FrameLocation[] = [];
  for (let index = 0; index < count; index++) {
    const firstBit = index * frameBits;
    const offset = pixelData.valueStart + Math.floor(firstBit / 8);
    const length = Math.ceil(((firstBit % 8) + frameBits) / 8);
    frames.push({ frameNumber: index + 1, ranges: [{ offset, length }], bitOffset: firstBit % 8 });
  }
  return frames;
}

type Fragment = ByteRange;

// Both tables count from the first byte of the first fragment's item (PS3.5 A.4), and every item
// header is 8 bytes, so a fragment's item starts where its value starts less the first's value.
function itemStarts(fragments: readonly Fragment[]): number[] {
  const first = fragments[0]?.offset ?? 0;
  return fragments.map((fragment) => fragment.offset - first);
}

function byBasicTable(fragments: readonly Fragment[], table: readonly number[]): Fragment[][] {
  const starts = itemStarts(fragments);
  return table.map((frameStart, index) => {
    const next = table[index + 1] ?? Infinity;
    const first = starts.indexOf(frameStart);
    if (first < 0 || next <= frameStart) {
      throw invalidPixelModule('a Basic Offset Table entry does not point at a fragment in order', {
        entry: frameStart,
      });
    }
    let end = first + 1;
    while (end < fragments.length && (starts[end] ?? Infinity) < next) end++;
    return fragments.slice(first, end);
  });
}

function byExtendedTable(fragments: readonly Fragment[], table: ExtendedOffsetTable): Fragment[][] {
  const starts = itemStarts(fragments);
  // Each frame is exactly one fragment when the Extended Offset Table is used (PS3.3 C.7.6.3.1.8).
  return table.offsets.map((frameStart) => {
    const fragment = fragments[starts.indexOf(frameStart)];
    if (fragment === undefined) {
      throw invalidPixelModule('an Extended Offset Table entry does not point at a fragment', { entry: frameStart });
    }
    return [fragment];
  });
}

async function byFragments(
  fragments: readonly Fragment[],
  frameCount: number,
  source: ByteSource,
): Promise<Fragment[][]> {
  if (frameCount === 1) return fragments.length === 0 ? [] : [[...fragments]];
  if (fragments.length === frameCount) return fragments.map((fragment) => [fragment]);
  const groups: Fragment[][] = [];
  let current: Fragment[] = [];
  for (const fragment of fragments) {
    current.push(fragment);
    if (await endsWithEndOfImage(fragment, source)) {
      groups.push(current);
      current = [];
    }
  }
  // Fragments after the last end-of-image marker: a last frame that is cut short or unmarked.
  if (current.length > 0) groups.push(current);
  return groups;
}

/**
 * JPEG's EOI and JPEG 2000's EOC are both FFD9; encoders pad a fragment to even length with one
 * byte (usually 00), so the marker may sit one byte before the end. Inside a codestream, FF is
 * never followed by D9 (JPEG stuffs FF with 00; JPEG 2000 keeps FF before bytes under 90).
 */
async function endsWithEndOfImage(fragment: Fragment, source: ByteSource): Promise<boolean> {
  if (fragment.length < 2) return false;
  const tailLength = Math.min(3, fragment.length);
  const tail = await source.read(fragment.offset + fragment.length - tailLength, tailLength);
  const last = tail.length - 1;
  if (tail[last - 1] === 0xff && tail[last] === 0xd9) return true;
  return tail.length === 3 && tail[0] === 0xff && tail[1] === 0xd9;
}
