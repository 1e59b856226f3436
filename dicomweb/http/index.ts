export { parseMediaType, formatMediaType, essenceOf, type MediaType } from './media-type.js';
export { parseAccept, parseMediaRange, acceptOfRequest, type Accept, type MediaRange } from './accept.js';
export { negotiate, type Negotiated } from './negotiate.js';
export {
  readMultipartRelated,
  DEFAULT_MULTIPART_LIMITS,
  type MultipartBody,
  type MultipartLimits,
  type MultipartPart,
} from './multipart-reader.js';
export {
  writeMultipartRelated,
  type ByteSink,
  type MultipartResponse,
  type OutgoingPart,
  type PartReader,
  type PartSource,
} from './multipart-writer.js';
export type { MalformedReason } from './multipart-errors.js';
