import { StrataError } from '../errors/index.js';

/** The stable codes of the errors the codecs raise. */
export type CodecErrorCode =
  | 'dicomweb.frame_out_of_range'
  | 'request.not_acceptable'
  | 'codecs.corrupt_frame'
  | 'codecs.encode_failed'
  | 'codecs.invalid_pixel_module'
  | 'request.invalid_rendering_parameter';

/** A frame number the instance does not have (frames are numbered from 1). */
export function frameOutOfRange(frame: number, frameCount: number): StrataError {
  return new StrataError(
    'dicomweb.frame_out_of_range',
    'not_found',
    frameCount === 0
      ? `Frame ${frame} does not exist: the instance has no frames.`
      : `Frame ${frame} does not exist: the instance has frames 1 to ${frameCount}.`,
    { details: { frame, frameCount } },
  );
}

/** What the client asked for cannot be produced from this instance (HTTP 406). */
export function notAcceptable(message: string, details: Record<string, unknown> = {}): StrataError {
  return new StrataError('request.not_acceptable', 'not_acceptable', message, { details });
}

/**
 * A stored frame that its decoder refuses. Ingest never decodes, so a stored file can hold one.
 * Kind not_acceptable: the representation asked for cannot be made, while the stored bytes can
 * still be retrieved as they are (transfer-syntax=*), so a 5xx would mislead.
 */
export function corruptFrame(transferSyntaxUid: string, reason: string, cause?: unknown): StrataError {
  return new StrataError(
    'codecs.corrupt_frame',
    'not_acceptable',
    `The frame cannot be decoded (${transferSyntaxUid}): ${reason}.`,
    { details: { transferSyntaxUid, reason }, cause },
  );
}

/**
 * An encoder that could not code a frame: CharLS, for one, refuses samples that would come out
 * larger than the raw frame (noise). The frame cannot be had in that syntax (not_acceptable).
 */
export function encodeFailed(transferSyntaxUid: string, reason: string, cause?: unknown): StrataError {
  return new StrataError(
    'codecs.encode_failed',
    'not_acceptable',
    `The frame cannot be encoded as ${transferSyntaxUid}: ${reason}.`,
    { details: { transferSyntaxUid, reason }, cause },
  );
}

/** Image Pixel attributes that contradict each other or the pixel data (not_acceptable, as above). */
export function invalidPixelModule(reason: string, details: Record<string, unknown> = {}): StrataError {
  return new StrataError(
    'codecs.invalid_pixel_module',
    'not_acceptable',
    `The instance's pixel description cannot be used: ${reason}.`,
    { details },
  );
}

/** A malformed rendering parameter (viewport, window, quality) in the request. */
export function invalidRenderingParameter(parameter: string, value: string, reason: string): StrataError {
  return new StrataError(
    'request.invalid_rendering_parameter',
    'invalid',
    `The ${parameter} parameter ${JSON.stringify(value)} is invalid: ${reason}.`,
    { details: { parameter, value } },
  );
}
