import { notAcceptable } from './codec-errors.js';
import type { DecodedFrame } from './decoded-frame.js';
import { encodeHtj2kFrame } from './htj2k.js';
import type { ImagePixelDescription } from './image-pixel.js';
import { encodeJpegBaselineFrame } from './jpeg-baseline.js';
import { encodeJpegLsFrame } from './jpeg-ls.js';
import { encodeRleFrame } from './rle.js';
import * as syntax from './transfer-syntaxes.js';

/** One frame in a target transfer syntax, with the description its pixels now have. */
export interface EncodedFrame {
  readonly bytes: Uint8Array;
  /** Differs from the decoded frame's only where the encoding says so (JPEG colour is YBR_FULL_422). */
  readonly image: ImagePixelDescription;
}

export interface EncodeOptions {
  /** JPEG baseline quality, 1–100 (default 90). */
  quality?: number;
}

/** Encodes a decoded frame in a target transfer syntax (see ENCODABLE_TRANSFER_SYNTAXES). */
export async function encodeFrame(
  frame: DecodedFrame,
  transferSyntaxUid: string,
  options: EncodeOptions = {},
): Promise<EncodedFrame> {
  const { image } = frame;
  switch (transferSyntaxUid) {
    case syntax.EXPLICIT_VR_LITTLE_ENDIAN:
      return { bytes: frame.pixels, image };
    case syntax.RLE_LOSSLESS:
      if (image.bitsAllocated === 1) throw notAcceptable('1-bit frames cannot be encoded as RLE.');
      return { bytes: encodeRleFrame(frame), image };
    case syntax.JPEG_LS_LOSSLESS:
      if (image.bitsAllocated !== 8 && image.bitsAllocated !== 16) {
        throw notAcceptable(`JPEG-LS takes 8- or 16-bit samples, not ${image.bitsAllocated}-bit.`);
      }
      if (image.bitsStored < 2) throw notAcceptable('JPEG-LS takes at least 2 bits per sample.');
      return { bytes: await encodeJpegLsFrame(frame), image };
    case syntax.HTJ2K_LOSSLESS:
    case syntax.HTJ2K_LOSSLESS_RPCL:
      return { bytes: await encodeHtj2kFrame(frame, transferSyntaxUid), image };
    case syntax.JPEG_BASELINE: {
      if (image.photometricInterpretation === 'PALETTE COLOR') {
        throw notAcceptable('Palette colour indices cannot be compressed lossily (PS3.5 8.2.1).');
      }
      const { codestream, photometricInterpretation } = await encodeJpegBaselineFrame(frame, options.quality ?? 90);
      return { bytes: codestream, image: { ...image, photometricInterpretation } };
    }
    default:
      throw notAcceptable(`Frames cannot be encoded in transfer syntax ${transferSyntaxUid}.`, {
        transferSyntaxUid,
        encodable: [...syntax.ENCODABLE_TRANSFER_SYNTAXES],
      });
  }
}
