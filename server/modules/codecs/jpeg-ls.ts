import { type DecodedFrame, fromCodec, interleavePlanes } from './decoded-frame.js';
import { cleanSamples } from './samples.js';
import { decodedDescription, type ImagePixelDescription } from './image-pixel.js';
import { emscriptenModule, runDecoder, runEncoder, type WasmDecoder, type WasmEncoder } from './wasm-codec.js';

export const JPEG_LS_LOSSLESS = '1.2.840.10008.1.2.4.80';
export const JPEG_LS_NEAR_LOSSLESS = '1.2.840.10008.1.2.4.81';

interface CharlsModule {
  JpegLSDecoder: new () => WasmDecoder & { getInterleaveMode(): number };
  JpegLSEncoder: new () => WasmEncoder & { setNearLossless(near: number): void; setInterleaveMode(mode: number): void };
}

const charls = emscriptenModule<CharlsModule>('@cornerstonejs/codec-charls/wasmjs');
let decoder: InstanceType<CharlsModule['JpegLSDecoder']> | undefined;
let encoder: InstanceType<CharlsModule['JpegLSEncoder']> | undefined;
const INTERLEAVE_NONE = 0;
const INTERLEAVE_SAMPLE = 2;

/** Decodes one JPEG-LS frame (lossless or near-lossless) with CharLS. */
export async function decodeJpegLsFrame(
  image: ImagePixelDescription,
  encoded: Uint8Array,
  transferSyntaxUid: string,
): Promise<DecodedFrame> {
  const codec = await charls();
  decoder ??= new codec.JpegLSDecoder();
  const result = runDecoder(decoder, encoded, transferSyntaxUid);
  const { info } = result;
  let { pixels } = result;
  // Without interleaving (ILV=0) CharLS writes one plane per component.
  if (info.componentCount > 1 && decoder.getInterleaveMode() === INTERLEAVE_NONE) {
    pixels = interleavePlanes(pixels, info.width * info.height, info.componentCount, info.bitsPerSample <= 8 ? 1 : 2);
  }
  return fromCodec(decodedDescription(image), result.shape, pixels, transferSyntaxUid);
}

/** Encodes one frame as lossless JPEG-LS (NEAR 0, sample-interleaved colour). */
export async function encodeJpegLsFrame(frame: DecodedFrame): Promise<Uint8Array> {
  const codec = await charls();
  encoder ??= new codec.JpegLSEncoder();
  const { image } = frame;
  encoder.setNearLossless(0);
  encoder.setInterleaveMode(image.samplesPerPixel > 1 ? INTERLEAVE_SAMPLE : INTERLEAVE_NONE);
  const info = {
    width: image.columns,
    height: image.rows,
    bitsPerSample: image.bitsStored,
    componentCount: image.samplesPerPixel,
  };
  // JPEG-LS codes Bits Stored bits and has no sign: signed data round-trips as its bit pattern,
  // which the decoder returns with the bits above Bits Stored clear (a valid native encoding).
  const samples = cleanSamples({ image: { ...image, pixelRepresentation: 0 }, pixels: frame.pixels });
  try {
    // CharLS refuses a frame that would code larger than it is raw (noise): encode_failed.
    return runEncoder(encoder, info, samples, JPEG_LS_LOSSLESS);
  } catch (error) {
    encoder = undefined;
    throw error;
  }
}
