import type { DecodedFrame } from './decoded-frame.js';

/**
 * The frame's 8- or 16-bit samples with the bits above Bits Stored made consistent: cleared for
 * unsigned data, copies of the sign bit for signed data. Native data may hold anything there
 * (PS3.5 8.1.1); encoders that read whole words (HTJ2K, JPEG-LS) need them clean.
 */
export function cleanSamples(frame: DecodedFrame): Uint8Array {
  const { image, pixels } = frame;
  const { bitsAllocated, bitsStored, pixelRepresentation } = image;
  if (bitsStored === bitsAllocated || (bitsAllocated !== 8 && bitsAllocated !== 16)) return pixels;
  const out = new Uint8Array(pixels); // a copy, also when pixels is a Buffer (whose slice() is a view)
  const values = bitsAllocated === 8 ? out : new Uint16Array(out.buffer, out.byteOffset, out.length / 2);
  const mask = (1 << bitsStored) - 1;
  const sign = 1 << (bitsStored - 1);
  const high = ((1 << bitsAllocated) - 1) ^ mask;
  for (let at = 0; at < values.length; at++) {
    const value = (values[at] as number) & mask;
    values[at] = pixelRepresentation === 1 && value & sign ? value | high : value;
  }
  return out;
}
