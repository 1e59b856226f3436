export { bufferSource, fileHandleSource, type ByteSource } from './byte-source.js';
export { parseInstance, type ParsedInstance, type ParseOptions } from './parse-instance.js';
export type { PixelDataLocation } from './pixel-data.js';
export type { JsonAttribute, PersonNameValue } from './value-decoder.js';
export { QIDO_ATTRIBUTES, type AttributeSpec, type QueryLevel } from './attributes-table.js';
export { isValidUid } from './uid.js';
export type { DicomErrorCode } from './dicom-errors.js';
