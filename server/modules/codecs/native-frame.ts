import { type DecodedFrame, decodedFrame, interleavePlanes } from './decoded-frame.js';
import { decodedDescription, type ImagePixelDescription } from './image-pixel.js';
import { swapWords } from './pixel-instance.js';

/**
 * A native (uncompressed) frame as decoded pixels: 1-bit frames shifted to start at bit 0,
 * big-endian words swapped, planes interleaved, YBR_FULL_422 pairs expanded to YBR_FULL.
 */
export function decodeNativeFrame(
  image: ImagePixelDescription,
  bytes: Uint8Array,
  transferSyntaxUid: string,
  options: { bitOffset: number; littleEndian: boolean },
): DecodedFrame {
  if (image.bitsAllocated === 1)
    return decodedFrame(decodedDescription(image), unpackBits(image, bytes, options.bitOffset), transferSyntaxUid);
  const bytesPerSample = image.bitsAllocated / 8;
  // Little-endian pixels are the stored bytes themselves (a view: nothing writes decoded pixels);
  // big-endian ones are swapped in a copy, or the stored file would be swapped in place.
  let pixels = options.littleEndian ? bytes : swapWords(new Uint8Array(bytes), bytesPerSample);
  if (image.photometricInterpretation === 'YBR_FULL_422') {
    return decodedFrame(
      decodedDescription(image, 'YBR_FULL'),
      expandYbr422(image, pixels, bytesPerSample),
      transferSyntaxUid,
    );
  }
  const pixelCount = image.rows * image.columns;
  if (image.planarConfiguration === 1 && image.samplesPerPixel > 1) {
    pixels = interleavePlanes(pixels, pixelCount, image.samplesPerPixel, bytesPerSample);
  }
  return decodedFrame(decodedDescription(image), pixels, transferSyntaxUid);
}

/** The frame's bits, moved to start at bit 0 (PS3.5 8.1.1: the first pixel is the least significant bit). */
function unpackBits(image: ImagePixelDescription, bytes: Uint8Array, bitOffset: number): Uint8Array {
  const bits = image.rows * image.columns * image.samplesPerPixel;
  const out = new Uint8Array(Math.ceil(bits / 8));
  if (bitOffset === 0) {
    out.set(bytes.subarray(0, out.length));
  } else {
    for (let at = 0; at < out.length; at++) {
      const low = (bytes[at] ?? 0) >>> bitOffset;
      const high = (bytes[at + 1] ?? 0) << (8 - bitOffset);
      out[at] = (low | high) & 0xff;
    }
  }
  const spare = out.length * 8 - bits;
  if (spare > 0) out[out.length - 1] = (out[out.length - 1] as number) & (0xff >>> spare);
  return out;
}

/** Y1 Y2 Cb Cr per pair of pixels → Y Cb Cr per pixel, the chroma shared by both (PS3.3 C.7.6.3.1.2). */
function expandYbr422(image: ImagePixelDescription, pixels: Uint8Array, bytesPerSample: number): Uint8Array {
  const pixelCount = image.rows * image.columns;
  const out = new Uint8Array(pixelCount * 3 * bytesPerSample);
  const sample = (index: number): Uint8Array => pixels.subarray(index * bytesPerSample, (index + 1) * bytesPerSample);
  for (let pair = 0; pair < pixelCount / 2; pair++) {
    const [y1, y2, cb, cr] = [sample(pair * 4), sample(pair * 4 + 1), sample(pair * 4 + 2), sample(pair * 4 + 3)];
    out.set(y1, pair * 6 * bytesPerSample);
    out.set(cb, (pair * 6 + 1) * bytesPerSample);
    out.set(cr, (pair * 6 + 2) * bytesPerSample);
    out.set(y2, (pair * 6 + 3) * bytesPerSample);
    out.set(cb, (pair * 6 + 4) * bytesPerSample);
    out.set(cr, (pair * 6 + 5) * bytesPerSample);
  }
  return out;
}
