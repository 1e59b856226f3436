import { type DecodedFrame, fromCodec } from './decoded-frame.js';
import { decodedDescription, type ImagePixelDescription } from './image-pixel.js';
import { emscriptenModule, runDecoder, type WasmDecoder } from './wasm-codec.js';

export const JPEG_2000_LOSSLESS = '1.2.840.10008.1.2.4.90';
export const JPEG_2000 = '1.2.840.10008.1.2.4.91';

interface OpenJpegModule {
  J2KDecoder: new () => WasmDecoder;
}

const openjpeg = emscriptenModule<OpenJpegModule>('@cornerstonejs/codec-openjpeg/wasmjs');
let decoder: WasmDecoder | undefined;

/** Decodes one JPEG 2000 frame (Part 1, lossless or lossy) with OpenJPEG. */
export async function decodeJpeg2000Frame(
  image: ImagePixelDescription,
  encoded: Uint8Array,
  transferSyntaxUid: string,
): Promise<DecodedFrame> {
  const codec = await openjpeg();
  decoder ??= new codec.J2KDecoder();
  const { pixels, shape } = runDecoder(decoder, encoded, transferSyntaxUid);
  return fromCodec(
    decodedDescription(image, afterInverseTransform(image.photometricInterpretation)),
    shape,
    pixels,
    transferSyntaxUid,
  );
}

/**
 * YBR_RCT and YBR_ICT name the codestream's multiple-component transform, which the decoder
 * undoes (PS3.5 8.2.4): the pixels come out RGB.
 */
export function afterInverseTransform(photometricInterpretation: string): string {
  return photometricInterpretation === 'YBR_RCT' || photometricInterpretation === 'YBR_ICT'
    ? 'RGB'
    : photometricInterpretation;
}
