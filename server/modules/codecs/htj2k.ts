import { notAcceptable } from './codec-errors.js';
import { type DecodedFrame, fromCodec } from './decoded-frame.js';
import { decodedDescription, type ImagePixelDescription } from './image-pixel.js';
import { afterInverseTransform } from './jpeg-2000.js';
import { cleanSamples } from './samples.js';
import { emscriptenModule, runDecoder, runEncoder, type WasmDecoder, type WasmEncoder } from './wasm-codec.js';

export const HTJ2K_LOSSLESS = '1.2.840.10008.1.2.4.201';
export const HTJ2K_LOSSLESS_RPCL = '1.2.840.10008.1.2.4.202';
export const HTJ2K = '1.2.840.10008.1.2.4.203';

interface HtJ2kEncoder extends WasmEncoder {
  setQuality(reversible: boolean, quantizationStep: number): void;
  setProgressionOrder(order: number): void;
  setTLMMarker(enabled: boolean): void;
}

interface OpenJphModule {
  HTJ2KDecoder: new () => WasmDecoder;
  HTJ2KEncoder: new () => HtJ2kEncoder;
}

const openjph = emscriptenModule<OpenJphModule>('@cornerstonejs/codec-openjph');
let decoder: WasmDecoder | undefined;
let encoder: HtJ2kEncoder | undefined;
// OpenJPH numbers progression orders LRCP 0, RLCP 1, RPCL 2, PCRL 3, CPRL 4.
const RPCL = 2;
const LRCP = 0;
const ENCODABLE_PHOTOMETRICS = new Set(['MONOCHROME1', 'MONOCHROME2', 'PALETTE COLOR', 'RGB']);

/** Decodes one High-Throughput JPEG 2000 frame with OpenJPH. */
export async function decodeHtj2kFrame(
  image: ImagePixelDescription,
  encoded: Uint8Array,
  transferSyntaxUid: string,
): Promise<DecodedFrame> {
  const codec = await openjph();
  decoder ??= new codec.HTJ2KDecoder();
  const { pixels, shape } = runDecoder(decoder, encoded, transferSyntaxUid);
  return fromCodec(
    decodedDescription(image, afterInverseTransform(image.photometricInterpretation)),
    shape,
    pixels,
    transferSyntaxUid,
  );
}

/**
 * Encodes one frame as lossless HTJ2K (reversible 5/3 wavelet). Colour is coded without the
 * component transform so that the Photometric Interpretation stays RGB; RPCL with a TLM marker
 * when the target is HTJ2K Lossless RPCL (PS3.5 A.4.6).
 */
export async function encodeHtj2kFrame(frame: DecodedFrame, transferSyntaxUid = HTJ2K_LOSSLESS): Promise<Uint8Array> {
  const { image } = frame;
  if (!ENCODABLE_PHOTOMETRICS.has(image.photometricInterpretation)) {
    throw notAcceptable(
      `HTJ2K encoding takes MONOCHROME, PALETTE COLOR or RGB pixels, not ${image.photometricInterpretation}.`,
    );
  }
  if (image.bitsAllocated !== 8 && image.bitsAllocated !== 16) {
    throw notAcceptable(`HTJ2K encoding takes 8- or 16-bit samples, not ${image.bitsAllocated}-bit.`);
  }
  // OpenJPH's JavaScript encoder (2.4.11) reads every component of 16-bit colour from the same
  // samples, interleaved or planar alike: found by round trip of pydicom's SC_rgb_rle_16bit.dcm.
  if (image.samplesPerPixel > 1 && image.bitsAllocated === 16) {
    throw notAcceptable('16-bit colour cannot be encoded as HTJ2K.');
  }
  const codec = await openjph();
  encoder ??= new codec.HTJ2KEncoder();
  const rpcl = transferSyntaxUid === HTJ2K_LOSSLESS_RPCL;
  encoder.setQuality(true, 0);
  encoder.setProgressionOrder(rpcl ? RPCL : LRCP);
  encoder.setTLMMarker(rpcl);
  const info = {
    width: image.columns,
    height: image.rows,
    bitsPerSample: image.bitsStored,
    componentCount: image.samplesPerPixel,
    isSigned: image.pixelRepresentation === 1,
    isUsingColorTransform: false,
  };
  try {
    return runEncoder(encoder, info, cleanSamples(frame), transferSyntaxUid);
  } catch (error) {
    encoder = undefined;
    throw error;
  }
}
