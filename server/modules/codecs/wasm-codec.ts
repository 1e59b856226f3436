import { createRequire } from 'node:module';
import { corruptFrame, encodeFailed } from './codec-errors.js';

/** What the Cornerstone WebAssembly decoders report about a decoded image. */
export interface WasmFrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned?: boolean;
  isUsingColorTransform?: boolean;
}

/** The shape every Cornerstone decoder shares: the encoded bytes go in, the decoded buffer comes out. */
export interface WasmDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getFrameInfo(): WasmFrameInfo;
  getDecodedBuffer(): Uint8Array | Uint8ClampedArray;
}

/** The shape every Cornerstone encoder shares. */
export interface WasmEncoder {
  getDecodedBuffer(frameInfo: WasmFrameInfo): Uint8Array;
  encode(): void;
  getEncodedBuffer(): Uint8Array | Uint8ClampedArray;
}

// The codec packages are CommonJS Emscripten builds that find their .wasm beside themselves;
// require keeps that working in Node, where the dicom-image-loader's bundler-only wrappers do not.
const require = createRequire(import.meta.url);

/** Loads an Emscripten module once, on first use; later calls share the instance. */
export function emscriptenModule<T>(specifier: string): () => Promise<T> {
  let loading: Promise<T> | undefined;
  // OpenJPEG logs every tile header to stdout through Emscripten's print: a server's log is no place for it.
  const quiet = { print: () => undefined, printErr: () => undefined };
  return () => (loading ??= (require(specifier) as (options: object) => Promise<T>)(quiet));
}

/** What a decoder produced, in the terms `fromCodec` checks against the header. */
export interface CodecShape {
  width: number;
  height: number;
  components: number;
  bitsPerSample: number;
}

/**
 * Runs one decode on a shared decoder; a codestream the decoder rejects is the frame's fault
 * (`codecs.corrupt_frame`). The decoded buffer is a view into WebAssembly memory that the next
 * call overwrites (or a memory growth detaches), so it is copied out at once.
 */
export function runDecoder(
  decoder: WasmDecoder,
  encoded: Uint8Array,
  transferSyntaxUid: string,
): { info: WasmFrameInfo; pixels: Uint8Array; shape: CodecShape } {
  try {
    decoder.getEncodedBuffer(encoded.length).set(encoded);
    decoder.decode();
    const info = decoder.getFrameInfo();
    const shape = {
      width: info.width,
      height: info.height,
      components: info.componentCount,
      bitsPerSample: info.bitsPerSample,
    };
    return { info, pixels: copyOut(decoder.getDecodedBuffer()), shape };
  } catch (error) {
    throw corruptFrame(transferSyntaxUid, failureText(error), error);
  }
}

/**
 * Runs one encode on a shared encoder and copies the codestream out of WebAssembly memory. An
 * encoder that throws is `codecs.encode_failed`; the caller must drop that encoder instance (its
 * state after a C++ exception is unknown).
 */
export function runEncoder(
  encoder: WasmEncoder,
  info: WasmFrameInfo,
  pixels: Uint8Array,
  transferSyntaxUid: string,
): Uint8Array {
  try {
    encoder.getDecodedBuffer(info).set(pixels);
    encoder.encode();
    return copyOut(encoder.getEncodedBuffer());
  } catch (error) {
    throw encodeFailed(transferSyntaxUid, failureText(error, 'the encoder gave up'), error);
  }
}

// Some builds hand out Uint8ClampedArray views, which Buffer.concat refuses: always a plain copy.
function copyOut(view: Uint8Array | Uint8ClampedArray): Uint8Array {
  const copy = new Uint8Array(view.length);
  copy.set(view);
  return copy;
}

/** The message of whatever a WebAssembly codec threw (a C++ exception reaches JavaScript as a bare pointer). */
function failureText(error: unknown, otherwise = 'the decoder rejected the codestream'): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : otherwise;
}
