import { corruptFrame } from './codec-errors.js';
import type { ImagePixelDescription } from './image-pixel.js';

/**
 * One frame as native pixels: little-endian samples, pixel-interleaved (planar configuration 0),
 * 1-bit frames packed from bit 0. `image` describes these pixels, which may differ from the stored
 * description: a colour JPEG decodes to RGB, a YBR_FULL_422 frame to YBR_FULL.
 */
export interface DecodedFrame {
  readonly image: ImagePixelDescription;
  readonly pixels: Uint8Array;
}

/** Bytes one decoded frame must have. */
export function decodedFrameLength(image: ImagePixelDescription): number {
  const samples = image.rows * image.columns * image.samplesPerPixel;
  return image.bitsAllocated === 1 ? Math.ceil(samples / 8) : (samples * image.bitsAllocated) / 8;
}

/** Wraps a decoder's output, refusing one whose size does not match what the header describes. */
export function decodedFrame(
  image: ImagePixelDescription,
  pixels: Uint8Array,
  transferSyntaxUid: string,
): DecodedFrame {
  const expected = decodedFrameLength(image);
  if (pixels.length < expected) {
    throw corruptFrame(transferSyntaxUid, `it decodes to ${pixels.length} bytes, the header describes ${expected}`);
  }
  return { image, pixels: pixels.length === expected ? pixels : pixels.slice(0, expected) };
}

/** Pixel-interleaves planar samples (R1 R2 … G1 G2 … → R1 G1 B1 R2 …). */
export function interleavePlanes(
  planar: Uint8Array,
  pixelCount: number,
  samples: number,
  bytesPerSample: number,
): Uint8Array {
  const out = new Uint8Array(pixelCount * samples * bytesPerSample);
  const plane = pixelCount * bytesPerSample;
  for (let pixel = 0; pixel < pixelCount; pixel++) {
    for (let sample = 0; sample < samples; sample++) {
      const from = sample * plane + pixel * bytesPerSample;
      const to = (pixel * samples + sample) * bytesPerSample;
      for (let byte = 0; byte < bytesPerSample; byte++) out[to + byte] = planar[from + byte] as number;
    }
  }
  return out;
}

/** Splits pixel-interleaved samples into planes (R1 G1 B1 R2 … → R1 R2 … G1 G2 …). */
export function separatePlanes(
  interleaved: Uint8Array,
  pixelCount: number,
  samples: number,
  bytesPerSample: number,
): Uint8Array {
  const out = new Uint8Array(pixelCount * samples * bytesPerSample);
  const plane = pixelCount * bytesPerSample;
  for (let pixel = 0; pixel < pixelCount; pixel++) {
    for (let sample = 0; sample < samples; sample++) {
      const from = (pixel * samples + sample) * bytesPerSample;
      const to = sample * plane + pixel * bytesPerSample;
      for (let byte = 0; byte < bytesPerSample; byte++) out[to + byte] = interleaved[from + byte] as number;
    }
  }
  return out;
}

/** What a codec says it decoded: size, components and bits per sample. */
export interface CodecImage {
  readonly width: number;
  readonly height: number;
  readonly components: number;
  readonly bitsPerSample: number;
}

/**
 * A codec's output as a decoded frame, checked against the header: its size and components must
 * match, and samples of up to 8 bits in 16-bit storage are widened (codecs write the fewest bytes).
 */
export function fromCodec(
  image: ImagePixelDescription,
  decoded: CodecImage,
  pixels: Uint8Array,
  transferSyntaxUid: string,
): DecodedFrame {
  if (
    decoded.width !== image.columns ||
    decoded.height !== image.rows ||
    decoded.components !== image.samplesPerPixel
  ) {
    throw corruptFrame(
      transferSyntaxUid,
      `the codestream is ${decoded.width}×${decoded.height}×${decoded.components}, the header says ${image.columns}×${image.rows}×${image.samplesPerPixel}`,
    );
  }
  const codecBytes = decoded.bitsPerSample <= 8 ? 1 : 2;
  const wanted = image.bitsAllocated / 8;
  if (codecBytes === 1 && wanted === 2) {
    const widened = new Uint8Array(pixels.length * 2);
    pixels.forEach((value, index) => (widened[index * 2] = value));
    return decodedFrame(image, widened, transferSyntaxUid);
  }
  if (codecBytes !== wanted) {
    throw corruptFrame(
      transferSyntaxUid,
      `the codestream has ${decoded.bitsPerSample}-bit samples, the header ${image.bitsAllocated}-bit`,
    );
  }
  return decodedFrame(image, pixels, transferSyntaxUid);
}
