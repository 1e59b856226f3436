import { notAcceptable } from './codec-errors.js';
import { type DecodedFrame, fromCodec } from './decoded-frame.js';
import { decodedDescription, type ImagePixelDescription } from './image-pixel.js';
import { encodeBaselineJpeg } from './jpeg-encoder.js';
import { emscriptenModule, runDecoder, type WasmDecoder } from './wasm-codec.js';

export const JPEG_BASELINE = '1.2.840.10008.1.2.4.50';
export const JPEG_EXTENDED = '1.2.840.10008.1.2.4.51';

interface LibJpegTurboModule {
  JPEGDecoder: new () => WasmDecoder;
}

const libjpegTurbo = emscriptenModule<LibJpegTurboModule>('@cornerstonejs/codec-libjpeg-turbo-8bit/wasmjs');
let decoder: WasmDecoder | undefined;

/**
 * Decodes one 8-bit JPEG (baseline, or extended with 8-bit samples) with libjpeg-turbo. Colour
 * comes out RGB: libjpeg converts YCbCr as the codestream's markers say, whatever the header's
 * Photometric Interpretation (pydicom's files include an "RGB" one that is YCbCr inside).
 */
export async function decodeJpegBaselineFrame(
  image: ImagePixelDescription,
  encoded: Uint8Array,
  transferSyntaxUid: string,
): Promise<DecodedFrame> {
  const precision = framePrecision(encoded);
  if (precision !== undefined && precision !== 8) {
    throw notAcceptable(`${precision}-bit JPEG (${transferSyntaxUid}) cannot be decoded: only 8-bit JPEG can.`, {
      transferSyntaxUid,
      precision,
    });
  }
  const codec = await libjpegTurbo();
  decoder ??= new codec.JPEGDecoder();
  const { pixels, shape } = runDecoder(decoder, encoded, transferSyntaxUid);
  // The 8-bit build decodes to 8-bit samples.
  const decoded = { ...shape, bitsPerSample: 8 };
  const photometric = image.samplesPerPixel === 3 ? 'RGB' : image.photometricInterpretation;
  return fromCodec(decodedDescription(image, photometric), decoded, pixels, transferSyntaxUid);
}

/**
 * Encodes one 8-bit frame as sequential baseline JPEG (lossy). Colour is coded as YCbCr with the
 * chroma halved horizontally (YBR_FULL_422) unless `fullChroma`; returns the codestream and the
 * Photometric Interpretation it must be labelled with.
 */
export async function encodeJpegBaselineFrame(
  frame: DecodedFrame,
  quality: number,
  fullChroma = false,
): Promise<{ codestream: Uint8Array; photometricInterpretation: string }> {
  const { image } = frame;
  if (image.bitsAllocated !== 8 || image.pixelRepresentation !== 0) {
    throw notAcceptable(`JPEG baseline takes unsigned 8-bit samples, not ${image.bitsAllocated}-bit.`);
  }
  if (image.samplesPerPixel === 3 && image.photometricInterpretation !== 'RGB') {
    throw notAcceptable(`JPEG baseline encoding takes RGB colour, not ${image.photometricInterpretation}.`);
  }
  const colour = image.samplesPerPixel === 3;
  // Not libjpeg-turbo's encoder: its WebAssembly build overflows its output buffer whenever a JPEG
  // comes out larger than the raw image (small or noisy images, high qualities); see jpeg-encoder.ts.
  const codestream = encodeBaselineJpeg(
    { width: image.columns, height: image.rows, components: colour ? 3 : 1, pixels: frame.pixels },
    { quality, halveChroma: !fullChroma },
  );
  const photometricInterpretation = colour
    ? fullChroma
      ? 'YBR_FULL'
      : 'YBR_FULL_422'
    : image.photometricInterpretation;
  return { codestream, photometricInterpretation };
}

/** The sample precision in the first SOF marker of a JPEG codestream, if one is found. */
export function framePrecision(encoded: Uint8Array): number | undefined {
  let at = 2;
  while (at + 4 < encoded.length) {
    if (encoded[at] !== 0xff) return undefined;
    const marker = encoded[at + 1] as number;
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return encoded[at + 4];
    at += 2 + (((encoded[at + 2] as number) << 8) | (encoded[at + 3] as number));
  }
  return undefined;
}
