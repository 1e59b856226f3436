import { StrataError } from '../errors/index.js';

/** The stable codes of every error the DICOM parser raises; all are of kind 'invalid'. */
export type DicomErrorCode =
  | 'dicom.not_dicom'
  | 'dicom.truncated'
  | 'dicom.malformed'
  | 'dicom.missing_attribute'
  | 'dicom.invalid_uid'
  | 'dicom.unsupported_transfer_syntax'
  | 'dicom.header_too_large';

/** A parse failure the file itself causes: the import reports it per file. */
export function dicomError(code: DicomErrorCode, message: string, details: Record<string, unknown> = {}): StrataError {
  return new StrataError(code, 'invalid', message, { details });
}

/** `(gggg,eeee)`, the way DICOM people write a tag. */
export function formatTag(tag: number): string {
  const hex = (tag >>> 0).toString(16).toUpperCase().padStart(8, '0');
  return `(${hex.slice(0, 4)},${hex.slice(4)})`;
}

/** The file ends before `needed` bytes at `offset` could be read. */
export function truncatedAt(offset: number, needed: number, size: number, what: string): StrataError {
  return dicomError(
    'dicom.truncated',
    `The file is truncated: ${what} at offset ${offset} needs ${needed} bytes, but the file ends at ${size}.`,
    { offset, needed, size },
  );
}

/** The bytes at `offset` break the DICOM encoding rules in a way the parser cannot step over. */
export function malformedAt(offset: number, what: string): StrataError {
  return dicomError('dicom.malformed', `Malformed DICOM data at offset ${offset}: ${what}.`, { offset });
}
