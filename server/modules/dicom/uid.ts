import { dicomError } from './dicom-errors.js';

// PS3.5 9.1: components of digits separated by dots; a component has no leading zero unless it
// is the single digit 0.
const UID = /^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*$/;

/** PS3.5 9.1: at most 64 characters, digits and dots, no empty components, no leading zeros. */
export function isValidUid(uid: string): boolean {
  return uid.length <= 64 && UID.test(uid);
}

/** Returns the UID, or throws dicom.invalid_uid naming the attribute and the value. */
export function requireValidUid(keyword: string, uid: string): string {
  if (isValidUid(uid)) return uid;
  throw dicomError(
    'dicom.invalid_uid',
    `${keyword} ${JSON.stringify(uid)} is not a valid UID (PS3.5 9.1: at most 64 characters, digits and dots, no empty components, no leading zeros).`,
    { attribute: keyword, value: uid },
  );
}
