import { StrataError } from '../errors/index.js';

/**
 * The stable codes of a DICOM JSON data set that cannot be written as a Part 10 file; all are
 * of kind 'invalid'. STOW-RS reports them per data set (FailureReason 0xC000).
 */
export type DicomJsonInputErrorCode =
  /** Not the shape PS3.18 F.2 gives: a key that is not a tag, a Value that is not an array, … */
  | 'dicom_json.malformed_attribute'
  /** A VR that PS3.5 does not define. */
  | 'dicom_json.unknown_vr'
  /** A VR other than the one PS3.6 fixes for the tag. */
  | 'dicom_json.vr_mismatch'
  /** A value its VR cannot hold: out of range, too long, a character outside its repertoire, … */
  | 'dicom_json.unencodable_value'
  /** A Specific Character Set (0008,0005) term that PS3.3 C.12.1.1.2 does not define. */
  | 'dicom_json.unknown_character_set';

export function dicomJsonError(
  code: DicomJsonInputErrorCode,
  message: string,
  details: Record<string, unknown> = {},
): StrataError {
  return new StrataError(code, 'invalid', message, { details });
}
