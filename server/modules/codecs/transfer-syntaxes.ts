import { HTJ2K, HTJ2K_LOSSLESS, HTJ2K_LOSSLESS_RPCL } from './htj2k.js';
import { JPEG_2000, JPEG_2000_LOSSLESS } from './jpeg-2000.js';
import { JPEG_BASELINE, JPEG_EXTENDED } from './jpeg-baseline.js';
import { JPEG_LOSSLESS, JPEG_LOSSLESS_SV1 } from './jpeg-lossless.js';
import { JPEG_LS_LOSSLESS, JPEG_LS_NEAR_LOSSLESS } from './jpeg-ls.js';
import { RLE_LOSSLESS } from './rle.js';

export const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
export const EXPLICIT_VR_BIG_ENDIAN = '1.2.840.10008.1.2.2';
export const DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1.99';
export const ENCAPSULATED_UNCOMPRESSED = '1.2.840.10008.1.2.1.98';

export {
  HTJ2K,
  HTJ2K_LOSSLESS,
  HTJ2K_LOSSLESS_RPCL,
  JPEG_2000,
  JPEG_2000_LOSSLESS,
  JPEG_BASELINE,
  JPEG_EXTENDED,
  JPEG_LOSSLESS,
  JPEG_LOSSLESS_SV1,
  JPEG_LS_LOSSLESS,
  JPEG_LS_NEAR_LOSSLESS,
  RLE_LOSSLESS,
};

/** Native syntaxes: the frame is the stored samples. */
export const NATIVE_TRANSFER_SYNTAXES: ReadonlySet<string> = new Set([
  IMPLICIT_VR_LITTLE_ENDIAN,
  EXPLICIT_VR_LITTLE_ENDIAN,
  EXPLICIT_VR_BIG_ENDIAN,
  DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
  ENCAPSULATED_UNCOMPRESSED,
]);

/** Every transfer syntax whose frames decodeFrame can decode (12-bit JPEG and 16-bit colour JPEG Lossless excepted). */
export const DECODABLE_TRANSFER_SYNTAXES: ReadonlySet<string> = new Set([
  ...NATIVE_TRANSFER_SYNTAXES,
  RLE_LOSSLESS,
  JPEG_BASELINE,
  JPEG_EXTENDED,
  JPEG_LOSSLESS,
  JPEG_LOSSLESS_SV1,
  JPEG_LS_LOSSLESS,
  JPEG_LS_NEAR_LOSSLESS,
  JPEG_2000_LOSSLESS,
  JPEG_2000,
  HTJ2K_LOSSLESS,
  HTJ2K_LOSSLESS_RPCL,
  HTJ2K,
]);

/** Transfer syntaxes encodeFrame can write. */
export const ENCODABLE_TRANSFER_SYNTAXES: ReadonlySet<string> = new Set([
  EXPLICIT_VR_LITTLE_ENDIAN,
  RLE_LOSSLESS,
  JPEG_BASELINE,
  JPEG_LS_LOSSLESS,
  HTJ2K_LOSSLESS,
  HTJ2K_LOSSLESS_RPCL,
]);

/** Syntaxes whose decoded pixels differ from what was encoded. */
export const LOSSY_TRANSFER_SYNTAXES: ReadonlySet<string> = new Set([
  JPEG_BASELINE,
  JPEG_EXTENDED,
  JPEG_LS_NEAR_LOSSLESS,
  JPEG_2000,
  HTJ2K,
]);
