import { corruptFrame } from './codec-errors.js';
import { type DecodedFrame, decodedFrame } from './decoded-frame.js';
import { decodedDescription, type ImagePixelDescription } from './image-pixel.js';

export const RLE_LOSSLESS = '1.2.840.10008.1.2.5';
const HEADER = 64;

/**
 * Decodes one RLE Lossless frame (PS3.5 Annex G): a 64-byte header of segment offsets, then one
 * PackBits segment per byte of each sample, most significant byte first, sample by sample.
 */
export function decodeRleFrame(image: ImagePixelDescription, encoded: Uint8Array): DecodedFrame {
  if (image.bitsAllocated === 1) throw corruptFrame(RLE_LOSSLESS, '1-bit RLE frames are not supported');
  const bytesPerSample = image.bitsAllocated / 8;
  const pixelCount = image.rows * image.columns;
  const segmentCount = image.samplesPerPixel * bytesPerSample;
  if (encoded.length < HEADER) throw corruptFrame(RLE_LOSSLESS, 'the RLE header is cut short');
  const view = new DataView(encoded.buffer, encoded.byteOffset, encoded.byteLength);
  const declared = view.getUint32(0, true);
  if (declared !== segmentCount) {
    throw corruptFrame(RLE_LOSSLESS, `the RLE header has ${declared} segments, the image needs ${segmentCount}`);
  }
  const offsets = Array.from({ length: segmentCount }, (_, index) => view.getUint32(4 + index * 4, true));
  const pixels = new Uint8Array(pixelCount * segmentCount);
  for (let segment = 0; segment < segmentCount; segment++) {
    const start = offsets[segment] as number;
    const end = offsets[segment + 1] ?? encoded.length;
    if (start < HEADER || end < start || end > encoded.length) {
      throw corruptFrame(RLE_LOSSLESS, `RLE segment ${segment + 1} has a bad offset`);
    }
    const sample = Math.floor(segment / bytesPerSample);
    // Segments run most significant byte first; native pixels are little-endian.
    const byte = bytesPerSample - 1 - (segment % bytesPerSample);
    unpackSegment(encoded.subarray(start, end), pixels, sample * bytesPerSample + byte, segmentCount, pixelCount);
  }
  return decodedFrame(decodedDescription(image), pixels, RLE_LOSSLESS);
}

/** PackBits (PS3.5 G.3.2): n ≥ 0 copies n+1 bytes, −127 ≤ n ≤ −1 repeats the next byte 1−n times, −128 does nothing. */
function unpackSegment(segment: Uint8Array, out: Uint8Array, first: number, stride: number, count: number): void {
  let written = 0;
  let at = 0;
  const put = (value: number): void => {
    if (written < count) out[first + written * stride] = value;
    written++;
  };
  while (at < segment.length && written < count) {
    const header = segment[at++] as number;
    if (header < 128) {
      for (let copied = 0; copied <= header && at < segment.length; copied++) put(segment[at++] as number);
    } else if (header > 128) {
      const value = segment[at++] ?? 0;
      for (let repeat = 0; repeat < 257 - header; repeat++) put(value);
    }
  }
  if (written < count) throw corruptFrame(RLE_LOSSLESS, `an RLE segment holds ${written} of ${count} bytes`);
}

/** Encodes one frame as RLE Lossless: the decoded frame's samples, one PackBits segment per byte. */
export function encodeRleFrame(frame: DecodedFrame): Uint8Array {
  const { image, pixels } = frame;
  const bytesPerSample = image.bitsAllocated / 8;
  const pixelCount = image.rows * image.columns;
  const segmentCount = image.samplesPerPixel * bytesPerSample;
  const segments: Uint8Array[] = [];
  for (let segment = 0; segment < segmentCount; segment++) {
    const sample = Math.floor(segment / bytesPerSample);
    const byte = bytesPerSample - 1 - (segment % bytesPerSample);
    const plane = new Uint8Array(pixelCount);
    for (let pixel = 0; pixel < pixelCount; pixel++)
      plane[pixel] = pixels[pixel * segmentCount + sample * bytesPerSample + byte] as number;
    segments.push(packSegment(plane, image.columns));
  }
  const header = new Uint8Array(HEADER);
  const view = new DataView(header.buffer);
  view.setUint32(0, segmentCount, true);
  let offset = HEADER;
  segments.forEach((segment, index) => {
    view.setUint32(4 + index * 4, offset, true);
    offset += segment.length;
  });
  const out = new Uint8Array(offset);
  out.set(header);
  offset = HEADER;
  for (const segment of segments) {
    out.set(segment, offset);
    offset += segment.length;
  }
  return out;
}

/** PackBits one segment row by row (no run crosses a row, G.3.1), padded to an even length. */
function packSegment(plane: Uint8Array, columns: number): Uint8Array {
  const out: number[] = [];
  for (let rowStart = 0; rowStart < plane.length; rowStart += columns) {
    packRow(plane.subarray(rowStart, rowStart + columns), out);
  }
  // -128 is a no-op to every decoder, so it pads safely.
  if (out.length % 2 === 1) out.push(128);
  return Uint8Array.from(out);
}

function packRow(row: Uint8Array, out: number[]): void {
  let at = 0;
  while (at < row.length) {
    let run = 1;
    while (at + run < row.length && run < 128 && row[at + run] === row[at]) run++;
    if (run >= 2) {
      out.push(257 - run, row[at] as number);
      at += run;
      continue;
    }
    const start = at++;
    while (at < row.length && at - start < 128 && row[at] !== row[at + 1]) at++;
    out.push(at - start - 1);
    for (let copied = start; copied < at; copied++) out.push(row[copied] as number);
  }
}
