export { readPixelInstance, type PixelInstance } from './pixel-instance.js';
export { imagePixelDescriptionOf, type ImagePixelDescription } from './image-pixel.js';
export { locateFrames, selectFrames, type ByteRange, type ExtendedOffsetTable, type FrameLocation } from './frames.js';
export { decodeFrame, decodeFrameBytes, frameBytes } from './decode-frame.js';
export type { DecodedFrame } from './decoded-frame.js';
export { sampleValues } from './sample-values.js';
export { encodeFrame, type EncodedFrame, type EncodeOptions } from './encode-frame.js';
export { canTranscode, transcodeInstance } from './transcode.js';
export { renderFrame, renderThumbnail, type RenderedImage } from './render-frame.js';
export { parseRenderingParameters, type RenderedMediaType, type RenderingOptions } from './rendering-parameters.js';
export type { VoiFunction, VoiWindow } from './presentation.js';
export { encodePng } from './png.js';
export type { CodecErrorCode } from './codec-errors.js';
export { frameOutOfRange } from './codec-errors.js';
export {
  DECODABLE_TRANSFER_SYNTAXES,
  ENCODABLE_TRANSFER_SYNTAXES,
  LOSSY_TRANSFER_SYNTAXES,
  NATIVE_TRANSFER_SYNTAXES,
} from './transfer-syntaxes.js';
export { dataSetConvertible, transcodeTargets, type TranscodeTargets } from './transcode-targets.js';
