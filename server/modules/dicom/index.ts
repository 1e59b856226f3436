export { bufferSource, fileHandleSource, type ByteSource } from './byte-source.js';
export { parseInstance, type ParsedInstance, type ParseOptions } from './parse-instance.js';
export type { PixelDataLocation } from './pixel-data.js';
export type { JsonAttribute, PersonNameValue } from './value-decoder.js';
export { QIDO_ATTRIBUTES, type AttributeSpec, type QueryLevel } from './attributes-table.js';
export { isValidUid } from './uid.js';
export { dictionaryEntry, tagOfKeyword, type DictionaryEntry } from './data-dictionary.js';
export type { DicomErrorCode } from './dicom-errors.js';
export { readInstanceMetadata, type InstanceMetadataOptions } from './instance-metadata.js';
export type { BulkDataLocation, DicomJsonAttribute, DicomJsonDataSet, DicomJsonValue } from './dicom-json-model.js';
export { formatDicomJson } from './dicom-json-text.js';
export { nativeDicomXml } from './native-dicom-xml.js';
export { JsonNumber, parseDicomJsonText } from './json-number.js';
export {
  bulkDataKey,
  decodeDicomJson,
  type BulkDataTarget,
  type DecodedDicomJson,
  type DicomJsonDecodeOptions,
  type ExpectedBulkData,
  type ResolvedBulkData,
} from './dicom-json-decoder.js';
export type { DicomJsonInputErrorCode } from './dicom-json-input-errors.js';
export {
  dataSetSegments,
  segmentLength,
  writePart10,
  STRATA_IMPLEMENTATION_CLASS_UID,
  STRATA_IMPLEMENTATION_VERSION_NAME,
  type Part10Meta,
  type Part10Segment,
  type WritableElement,
} from './part10-writer.js';
export { differencesFromSent } from './part10-verification.js';
export { toExplicitVrLittleEndian } from './explicit-vr-little-endian.js';
export { asciiValue, elementHeader, explicitElement, itemHeader, uint32Value } from './element-writer.js';
export { hasLongVrLength } from './vr-dictionary.js';
export { littleEndianBulkValue } from './little-endian-bulk-value.js';
