import type { PersonNameValue } from './value-decoder.js';

/** One value of an attribute in the DICOM JSON model; null is an empty value among several (F.2.5). */
export type DicomJsonValue = string | number | PersonNameValue | DicomJsonDataSet | null;

/**
 * One attribute in the DICOM JSON model (PS3.18 F.2.2): at most one of Value, BulkDataURI and
 * InlineBinary, and none of them when the attribute is empty.
 */
export interface DicomJsonAttribute {
  vr: string;
  Value?: DicomJsonValue[];
  BulkDataURI?: string;
  InlineBinary?: string;
}

/** A data set in the DICOM JSON model, keyed by tag (8 upper-case hex digits). */
export type DicomJsonDataSet = Record<string, DicomJsonAttribute>;

/** Where the bytes of a value that the metadata refers to by BulkDataURI are. */
export interface BulkDataLocation {
  /**
   * From the top-level data set down: tags (8 upper-case hex digits) and, between them, the
   * 0-based index of the item, e.g. ["00283010", 0, "00283006"].
   */
  readonly path: readonly (string | number)[];
  readonly vr: string;
  /** The value's first byte: in the file, or for a deflated file in its inflated data set. */
  readonly offset: number;
  /** The value's length; for encapsulated data, through its Sequence Delimitation Item. */
  readonly length: number;
  /** The value is a sequence of fragments (PS3.5 A.4), not the data itself. */
  readonly encapsulated: boolean;
  /** False for Explicit VR Big Endian: words must be swapped for a little-endian reply. */
  readonly littleEndian: boolean;
  /** The offsets count in the inflated data set of a Deflated transfer syntax, not in the file. */
  readonly deflated: boolean;
}
