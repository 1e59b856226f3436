import { dicomError } from './dicom-errors.js';

/** How a transfer syntax encodes the data set after the File Meta Information. */
export interface TransferSyntax {
  readonly uid: string;
  readonly explicitVr: boolean;
  readonly littleEndian: boolean;
  /** The data set is raw-deflated (PS3.5 A.5). */
  readonly deflated: boolean;
  /** Pixel Data is expected as a sequence of fragments (PS3.5 A.4). */
  readonly encapsulated: boolean;
}

export const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
export const EXPLICIT_VR_BIG_ENDIAN = '1.2.840.10008.1.2.2';
export const DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1.99';

const native = { deflated: false, encapsulated: false } as const;
const fixed: Record<string, Omit<TransferSyntax, 'uid'>> = {
  [IMPLICIT_VR_LITTLE_ENDIAN]: { explicitVr: false, littleEndian: true, ...native },
  [EXPLICIT_VR_LITTLE_ENDIAN]: { explicitVr: true, littleEndian: true, ...native },
  [EXPLICIT_VR_BIG_ENDIAN]: { explicitVr: true, littleEndian: false, ...native },
  [DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN]: { explicitVr: true, littleEndian: true, deflated: true, encapsulated: false },
  // Encapsulated Uncompressed Explicit VR Little Endian.
  '1.2.840.10008.1.2.1.98': { explicitVr: true, littleEndian: true, deflated: false, encapsulated: true },
  // RLE Lossless.
  '1.2.840.10008.1.2.5': { explicitVr: true, littleEndian: true, deflated: false, encapsulated: true },
  // JPIP Referenced: the pixels are elsewhere (Pixel Data Provider URL).
  '1.2.840.10008.1.2.4.94': { explicitVr: true, littleEndian: true, ...native },
  // JPIP Referenced Deflate.
  '1.2.840.10008.1.2.4.95': { explicitVr: true, littleEndian: true, deflated: true, encapsulated: false },
};

// Every other 1.2.840.10008.1.2.4.x is a compressed pixel format (JPEG, JPEG-LS, JPEG 2000,
// HTJ2K, MPEG, HEVC, JPEG XL, …) in Explicit VR Little Endian with encapsulated Pixel Data, so
// syntaxes added to the standard later parse without a table update.
const COMPRESSED = /^1\.2\.840\.10008\.1\.2\.4\.[1-9][0-9]*$/;

/** The encoding of a transfer syntax UID, or undefined if it is not a standard one. */
export function transferSyntaxOf(uid: string): TransferSyntax | undefined {
  const known = fixed[uid];
  if (known !== undefined) return { uid, ...known };
  if (COMPRESSED.test(uid)) return { uid, explicitVr: true, littleEndian: true, deflated: false, encapsulated: true };
  return undefined;
}

/** Like transferSyntaxOf, but a private or unknown syntax is the file's fault. */
export function requireTransferSyntax(uid: string): TransferSyntax {
  const syntax = transferSyntaxOf(uid);
  if (syntax !== undefined) return syntax;
  throw dicomError(
    'dicom.unsupported_transfer_syntax',
    `Transfer syntax ${JSON.stringify(uid)} is not supported: only the standard syntaxes of PS3.5 (native, deflated and encapsulated) can be parsed.`,
    { transferSyntaxUid: uid },
  );
}
