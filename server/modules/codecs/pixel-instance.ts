import {
  type BulkDataLocation,
  bufferSource,
  type DicomJsonDataSet,
  parseInstance,
  type PixelDataLocation,
  readInstanceMetadata,
} from '../dicom/index.js';
import { invalidPixelModule } from './codec-errors.js';
import { textOf } from './data-set-values.js';
import { inflateDataSet, readFileMetaSpans } from './file-meta.js';
import { type ExtendedOffsetTable, type FrameLocation, locateFrames } from './frames.js';
import { type ImagePixelDescription, imagePixelDescriptionOf } from './image-pixel.js';

/** What decoding, transcoding and rendering need to know about one stored instance. */
export interface PixelInstance {
  readonly transferSyntaxUid: string;
  /** The whole top-level data set (DICOM JSON), for the presentation attributes. */
  readonly dataSet: DicomJsonDataSet;
  readonly image: ImagePixelDescription;
  readonly pixelData: PixelDataLocation;
  readonly frames: readonly FrameLocation[];
  /** The bytes the frame ranges index: the file, or for a deflated file its inflated data set. */
  readonly bytes: Uint8Array;
  /** A bulk value (palette LUT data, …) by its tag path, e.g. "00281201"; words in little-endian order. */
  bulkValue(path: string): Uint8Array | undefined;
}

const PIXEL_DATA = '7FE00010';
const WORD_VRS: Readonly<Record<string, number>> = { OW: 2, OL: 4, OF: 4, OD: 8, OV: 8, US: 2, SS: 2 };

/** Reads an instance's pixel description and locates its frames, from the whole file in memory. */
export async function readPixelInstance(file: Uint8Array): Promise<PixelInstance> {
  const locations = new Map<string, BulkDataLocation>();
  const dataSet = await readInstanceMetadata(bufferSource(file), {
    bulkDataUri: (location) => {
      const path = location.path.join('/');
      locations.set(path, location);
      return path;
    },
  });
  const transferSyntaxUid = textOf(dataSet, '00083002') ?? '';
  const pixelLocation = locations.get(PIXEL_DATA);
  if (pixelLocation === undefined) throw invalidPixelModule('the instance has no Pixel Data');
  const image = imagePixelDescriptionOf(dataSet);
  let bytes = file;
  let pixelData: PixelDataLocation;
  if (pixelLocation.deflated) {
    bytes = inflateDataSet(file, readFileMetaSpans(file).dataSetStart);
    const valueEnd = pixelLocation.offset + pixelLocation.length;
    pixelData = { elementStart: pixelLocation.offset, valueStart: pixelLocation.offset, valueEnd, encapsulated: false };
  } else {
    const parsed = await parseInstance(bufferSource(file));
    if (parsed.pixelData === undefined) throw invalidPixelModule('the instance has no Pixel Data');
    pixelData = parsed.pixelData;
  }
  const bulkValue = (path: string): Uint8Array | undefined => {
    const location = locations.get(path);
    if (location === undefined) return undefined;
    const value = bytes.slice(location.offset, location.offset + location.length);
    return location.littleEndian ? value : swapWords(value, WORD_VRS[location.vr] ?? 1);
  };
  const frames = await locateFrames(image, pixelData, bufferSource(bytes), extendedOffsetTable(bulkValue));
  return { transferSyntaxUid, dataSet, image, pixelData, frames, bytes, bulkValue };
}

function extendedOffsetTable(bulkValue: (path: string) => Uint8Array | undefined): ExtendedOffsetTable | undefined {
  const offsets = bulkValue('7FE00001');
  const lengths = bulkValue('7FE00002');
  if (offsets === undefined || offsets.length === 0) return undefined;
  return { offsets: uint64s(offsets), lengths: lengths === undefined ? [] : uint64s(lengths) };
}

function uint64s(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values: number[] = [];
  for (let at = 0; at + 8 <= bytes.length; at += 8) values.push(Number(view.getBigUint64(at, true)));
  return values;
}

/** Reverses the bytes of each word, in place: big-endian words to little-endian. */
export function swapWords(bytes: Uint8Array, wordSize: number): Uint8Array {
  if (wordSize === 2) {
    for (let at = 0; at + 1 < bytes.length; at += 2) {
      const first = bytes[at] as number;
      bytes[at] = bytes[at + 1] as number;
      bytes[at + 1] = first;
    }
  } else if (wordSize > 2) {
    for (let at = 0; at + wordSize <= bytes.length; at += wordSize) bytes.subarray(at, at + wordSize).reverse();
  }
  return bytes;
}
