import { StrataError } from '@strata/modules/errors';
import { essenceOf, parseMediaType, type MediaType } from './media-type.js';
import { malformedMultipart } from './multipart-errors.js';

// RFC 2046 §5.1.1 allows 1 to 70 characters, the last not a space. Orthanc's STOW-RS client sends
// 73 (two UUIDs joined) and other characters are as easy to match, so any printable ASCII up to
// 200 is taken: the limit only keeps a hostile boundary from costing search time.
const BOUNDARY = /^(?:[\x20-\x7e]{0,199}[\x21-\x7e])$/;

/** A multipart/related Content-Type read for its boundary. */
export interface MultipartType {
  readonly mediaType: MediaType;
  readonly boundary: string;
}

/**
 * Reads the Content-Type of a multipart/related request. Another media type, or none, is
 * `request.unsupported_media_type` (415); a missing or illegal boundary is `multipart.malformed`.
 */
export function multipartTypeOf(contentType: string | undefined): MultipartType {
  const mediaType = contentType === undefined ? undefined : parseMediaType(contentType);
  if (mediaType === undefined || essenceOf(mediaType) !== 'multipart/related') {
    const received = mediaType === undefined ? 'none' : essenceOf(mediaType);
    throw new StrataError(
      'request.unsupported_media_type',
      'unsupported_media_type',
      `This request needs a multipart/related body; its Content-Type is ${received}.`,
      { details: { expected: 'multipart/related', received } },
    );
  }
  const boundary = mediaType.parameters.get('boundary');
  if (boundary === undefined)
    throw malformedMultipart('missing_boundary', 'the Content-Type has no boundary parameter');
  if (!BOUNDARY.test(boundary)) {
    throw malformedMultipart(
      'bad_boundary',
      'the boundary must be 1 to 200 printable ASCII characters, the last not a space',
    );
  }
  return { mediaType, boundary };
}
