import { notAcceptable } from './codec-errors.js';
import type { DecodedFrame } from './decoded-frame.js';
import type { FrameLocation } from './frames.js';
import { selectFrames } from './frames.js';
import { decodeHtj2kFrame } from './htj2k.js';
import type { ImagePixelDescription } from './image-pixel.js';
import { decodeJpeg2000Frame } from './jpeg-2000.js';
import { decodeJpegBaselineFrame } from './jpeg-baseline.js';
import { decodeJpegLosslessFrame } from './jpeg-lossless.js';
import { decodeJpegLsFrame } from './jpeg-ls.js';
import { decodeNativeFrame } from './native-frame.js';
import type { PixelInstance } from './pixel-instance.js';
import { decodeRleFrame } from './rle.js';
import * as syntax from './transfer-syntaxes.js';

/** The stored bytes of one frame: the native range, or the fragments joined into one codestream. */
export function frameBytes(bytes: Uint8Array, frame: FrameLocation): Uint8Array {
  const [only] = frame.ranges;
  if (frame.ranges.length === 1 && only !== undefined) return bytes.subarray(only.offset, only.offset + only.length);
  return Buffer.concat(frame.ranges.map((range) => bytes.subarray(range.offset, range.offset + range.length)));
}

/** Decodes frame `frameNumber` (from 1) of an instance to native pixels. */
export async function decodeFrame(instance: PixelInstance, frameNumber: number): Promise<DecodedFrame> {
  const [frame] = selectFrames(instance.frames, [frameNumber]);
  if (frame === undefined) throw new Error('unreachable: selectFrames returns one frame per number');
  return decodeFrameBytes(
    instance.image,
    instance.transferSyntaxUid,
    frameBytes(instance.bytes, frame),
    frame.bitOffset,
  );
}

/** Decodes one frame's stored bytes (as frameBytes gives them) in the given transfer syntax. */
export async function decodeFrameBytes(
  image: ImagePixelDescription,
  transferSyntaxUid: string,
  bytes: Uint8Array,
  bitOffset = 0,
): Promise<DecodedFrame> {
  switch (transferSyntaxUid) {
    case syntax.IMPLICIT_VR_LITTLE_ENDIAN:
    case syntax.EXPLICIT_VR_LITTLE_ENDIAN:
    case syntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN:
    case syntax.ENCAPSULATED_UNCOMPRESSED:
      return decodeNativeFrame(image, bytes, transferSyntaxUid, { bitOffset, littleEndian: true });
    case syntax.EXPLICIT_VR_BIG_ENDIAN:
      return decodeNativeFrame(image, bytes, transferSyntaxUid, { bitOffset, littleEndian: false });
    case syntax.RLE_LOSSLESS:
      return decodeRleFrame(image, bytes);
    case syntax.JPEG_BASELINE:
    case syntax.JPEG_EXTENDED:
      return decodeJpegBaselineFrame(image, bytes, transferSyntaxUid);
    case syntax.JPEG_LOSSLESS:
    case syntax.JPEG_LOSSLESS_SV1:
      return decodeJpegLosslessFrame(image, bytes, transferSyntaxUid);
    case syntax.JPEG_LS_LOSSLESS:
    case syntax.JPEG_LS_NEAR_LOSSLESS:
      return decodeJpegLsFrame(image, bytes, transferSyntaxUid);
    case syntax.JPEG_2000_LOSSLESS:
    case syntax.JPEG_2000:
      return decodeJpeg2000Frame(image, bytes, transferSyntaxUid);
    case syntax.HTJ2K_LOSSLESS:
    case syntax.HTJ2K_LOSSLESS_RPCL:
    case syntax.HTJ2K:
      return decodeHtj2kFrame(image, bytes, transferSyntaxUid);
    default:
      throw notAcceptable(`Frames in transfer syntax ${transferSyntaxUid} cannot be decoded.`, {
        transferSyntaxUid,
        decodable: [...syntax.DECODABLE_TRANSFER_SYNTAXES],
      });
  }
}
