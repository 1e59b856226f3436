import { createRequire } from 'node:module';
import { corruptFrame, notAcceptable } from './codec-errors.js';
import { type DecodedFrame, fromCodec } from './decoded-frame.js';
import { decodedDescription, type ImagePixelDescription } from './image-pixel.js';

export const JPEG_LOSSLESS = '1.2.840.10008.1.2.4.57';
export const JPEG_LOSSLESS_SV1 = '1.2.840.10008.1.2.4.70';

interface LosslessDecoder {
  decode(buffer: ArrayBuffer, offset: number, length: number, bytesPerSample: number): Uint8Array | Uint16Array;
}

// The package names a types file it does not ship; its CommonJS build is loaded like the codecs.
const { Decoder } = createRequire(import.meta.url)('jpeg-lossless-decoder-js') as {
  Decoder: new () => LosslessDecoder;
};

/** Decodes one JPEG Lossless frame (process 14, any predictor) with jpeg-lossless-decoder-js. */
export function decodeJpegLosslessFrame(
  image: ImagePixelDescription,
  encoded: Uint8Array,
  transferSyntaxUid: string,
): DecodedFrame {
  const bytesPerSample = image.bitsAllocated <= 8 ? 1 : 2;
  // The decoder writes 16-bit colour as if it were one component.
  if (image.samplesPerPixel > 1 && bytesPerSample === 2) {
    throw notAcceptable('16-bit colour JPEG Lossless cannot be decoded.', { transferSyntaxUid });
  }
  let samples: Uint8Array | Uint16Array;
  try {
    samples = new Decoder().decode(encoded.buffer as ArrayBuffer, encoded.byteOffset, encoded.length, bytesPerSample);
  } catch (error) {
    throw corruptFrame(transferSyntaxUid, error instanceof Error ? error.message : String(error), error);
  }
  const pixels = new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
  // The decoder reports no size: decodedFrame still refuses output shorter than the header's frame.
  const decoded = {
    width: image.columns,
    height: image.rows,
    components: image.samplesPerPixel,
    bitsPerSample: bytesPerSample * 8,
  };
  return fromCodec(decodedDescription(image), decoded, pixels, transferSyntaxUid);
}
