import { StrataError } from '@strata/modules/errors';

/**
 * The rejection notes of PS3.16 CID 7011 that the dcm4chee-style reject accepts, as `code^DCM`;
 * each rejects by removing the instances from the branch (history keeps them).
 */
const REJECTION_CODES: Readonly<Record<string, string>> = {
  '113001^DCM': 'Rejected for Quality Reasons',
  '113037^DCM': 'Rejected for Patient Safety Reasons',
  '113038^DCM': 'Incorrect Modality Worklist Entry',
  '113039^DCM': 'Data Retention Policy Expired',
};

/** The meaning of a rejection code (`113001^DCM`), or 400 `dicomweb.unknown_rejection_code`. */
export function rejectionMeaning(code: string): string {
  const meaning = REJECTION_CODES[code];
  if (meaning === undefined) {
    throw new StrataError(
      'dicomweb.unknown_rejection_code',
      'invalid',
      `Unknown rejection code ${JSON.stringify(code)}: use one of ${Object.keys(REJECTION_CODES).join(', ')}.`,
      { details: { code, known: Object.keys(REJECTION_CODES) } },
    );
  }
  return meaning;
}
