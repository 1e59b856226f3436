import type { DecodedFrame } from './decoded-frame.js';

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
  const view = new DataView(pixels.buffer, pixels.byteOffset, pixels.byteLength);
  const bits = image.bitsStored;
  const signed = image.pixelRepresentation === 1;
  const range = 2 ** bits;
  for (let at = 0; at < count; at++) {
    const raw =
      image.bitsAllocated === 8
        ? view.getUint8(at)
        : image.bitsAllocated === 16
          ? view.getUint16(at * 2, true)
          : view.getUint32(at * 4, true);
    // Modulo instead of bit masks: 32-bit values do not survive JavaScript's 32-bit bitwise operators.
    const value = raw % range;
    out[at] = signed && value >= range / 2 ? value - range : value;
  }
  return out;
}
