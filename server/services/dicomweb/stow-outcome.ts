import type { Digest } from '@strata/modules/blob';

/** One part of a STOW-RS request body, read in order; its body must be consumed before the next part. */
export interface StowPart {
  /** The media type without parameters, lower case; undefined when the part has no Content-Type. */
  contentType: string | undefined;
  /** The Content-Type's parameters (names lower case), e.g. `transfer-syntax`. */
  parameters?: ReadonlyMap<string, string>;
  /** The part's Content-Location: how a bulk data part names the BulkDataURI it supplies. */
  contentLocation?: string;
  body: AsyncIterable<Uint8Array>;
}

export interface StoredInstance {
  studyUid: string;
  seriesUid: string;
  sopUid: string;
  sopClassUid: string;
  /** WarningReason (0008,1196): stored, but not quite as sent (see WARNING). */
  warningReason?: number;
}

/** The WarningReason codes a STOW-RS response uses (PS3.4 Table B.2-1). */
export const WARNING = {
  /** 0xB000: Coercion of Data Elements (non-ASCII text written in UTF-8 under ISO_IR 192). */
  coercion: 0xb000,
} as const;

export interface FailedInstance {
  /** Absent when the part could not be read far enough to know it. */
  sopUid?: string;
  sopClassUid?: string;
  /** FailureReason (0008,1197), PS3.18 Table 10.5.3-2 (see FAILURE). */
  reason: number;
  code: string;
  message: string;
}

export interface StowResult {
  /** The commit made, or undefined when nothing was stored (or everything was already there, unchanged). */
  commit: Digest | undefined;
  stored: StoredInstance[];
  failed: FailedInstance[];
  /** What the client should know though nothing failed for it (bulk data parts nothing referred to). */
  warnings: string[];
}

/** The FailureReason codes a STOW-RS response uses. */
export const FAILURE = {
  /** 0xC000: the part (or data set) cannot be understood: not DICOM, or not writable as sent. */
  cannotUnderstand: 0xc000,
  /** 0xA900: the data set lacks what identifies it (a UID missing or malformed). */
  datasetMismatch: 0xa900,
  /** 0xA901: the instance's StudyInstanceUID is not the study of the request URL (as Microsoft's DICOM server). */
  studyMismatch: 0xa901,
  /** 0x0110: processing failure (two parts claim one SOP Instance UID with different bytes; a written file differs from what was sent). */
  processing: 0x0110,
} as const;

/**
 * The failure for a StrataError of a part or data set: 0xA900 for what the parser says about the
 * instance's identity and structure (dicom.*), 0xC000 for what cannot be read at all (dicom.not_dicom,
 * dicom.truncated) or written as sent (dicom_json.*, stow.* bulk data errors).
 */
export function failureOf(
  code: string,
  message: string,
  uids: Pick<FailedInstance, 'sopUid' | 'sopClassUid'> = {},
): FailedInstance {
  const unreadable = !code.startsWith('dicom.') || ['dicom.not_dicom', 'dicom.truncated'].includes(code);
  return { ...uids, reason: unreadable ? FAILURE.cannotUnderstand : FAILURE.datasetMismatch, code, message };
}
