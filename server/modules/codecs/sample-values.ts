import type { DecodedFrame } from './decoded-frame.js';

// Typed-array views read the host's byte order; the decoded pixels are little-endian.
const LITTLE_ENDIAN_HOST = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/**
 * The frame's sample values as the data means them: each sample's Bits Stored bits, sign-extended
 * when Pixel Representation is 1, in (row, column, sample) order. Rendering starts from these.
 */
export function sampleValues(frame: DecodedFrame): Float64Array {
  const { image, pixels } = frame;
  const count = image.rows * image.columns * image.samplesPerPixel;
  const out = new Float64Array(count);
  if (image.bitsAllocated === 1) {
    for (let at = 0; at < count; at++) out[at] = ((pixels[at >>> 3] as number) >>> (at & 7)) & 1;
    return out;
  }
  const words = frameWords(frame);
  const bits = image.bitsStored;
  if (bits >= 32) {
    out.set(words);
    return out;
  }
  // The stored bits moved to the top of 32 and back: `>>` sign-extends them, `>>>` clears the rest.
  const shift = 32 - bits;
  if (image.pixelRepresentation === 1)
    for (let at = 0; at < count; at++) out[at] = ((words[at] as number) << shift) >> shift;
  else for (let at = 0; at < count; at++) out[at] = ((words[at] as number) << shift) >>> shift;
  return out;
}

/**
 * The frame's words of Bits Allocated (8, 16 or 32) as a typed array, signed when Pixel
 * Representation is 1: a view of the pixels where alignment and byte order allow, else a copy.
 * Where the bits above Bits Stored are clear (or, signed, a copy of the sign bit), which is how
 * nearly every writer leaves them, each word is its sample's value.
 */
export function frameWords(
  frame: DecodedFrame,
): Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array {
  const { image, pixels } = frame;
  const count = image.rows * image.columns * image.samplesPerPixel;
  const signed = image.pixelRepresentation === 1;
  const size = image.bitsAllocated / 8;
  const Words =
    size === 1
      ? signed
        ? Int8Array
        : Uint8Array
      : size === 2
        ? signed
          ? Int16Array
          : Uint16Array
        : signed
          ? Int32Array
          : Uint32Array;
  if (size === 1 || (LITTLE_ENDIAN_HOST && pixels.byteOffset % size === 0)) {
    return new Words(pixels.buffer as ArrayBuffer, pixels.byteOffset, count);
  }
  const words = new Words(count);
  new Uint8Array(words.buffer).set(pixels.subarray(0, count * size));
  if (!LITTLE_ENDIAN_HOST) {
    const view = new DataView(pixels.buffer, pixels.byteOffset, pixels.byteLength);
    for (let at = 0; at < count; at++) {
      words[at] =
        size === 2
          ? signed
            ? view.getInt16(at * 2, true)
            : view.getUint16(at * 2, true)
          : signed
            ? view.getInt32(at * 4, true)
            : view.getUint32(at * 4, true);
    }
  }
  return words;
}
