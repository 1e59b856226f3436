import { QIDO_ATTRIBUTES_BY_TAG } from './attributes-table.js';

/** VRs whose explicit-VR header has 2 reserved bytes and a 32-bit length (PS3.5 7.1.2). */
const LONG_LENGTH_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
// The same as two-byte codes, for the per-element check that runs on every header.
const LONG_LENGTH_CODES = new Set([...LONG_LENGTH_VRS].map((vr) => (vr.charCodeAt(0) << 8) | vr.charCodeAt(1)));

const KNOWN_VRS = new Set([
  ...LONG_LENGTH_VRS,
  ...['AE', 'AS', 'AT', 'CS', 'DA', 'DS', 'DT', 'FD', 'FL', 'IS', 'LO', 'LT', 'PN', 'SH', 'SL', 'SS', 'ST', 'TM'],
  ...['UI', 'UL', 'US'],
]);

/** Byte size of one value of the binary numeric VRs. */
export const BINARY_NUMBER_SIZE: Readonly<Record<string, number>> = {
  US: 2,
  SS: 2,
  UL: 4,
  SL: 4,
  FL: 4,
  FD: 8,
  SV: 8,
  UV: 8,
};

/** Whether an explicit-VR header for `vr` has a 32-bit length. */
export function hasLongVrLength(vr: string): boolean {
  return LONG_LENGTH_VRS.has(vr);
}

export function hasLongLength(first: number, second: number): boolean {
  return LONG_LENGTH_CODES.has((first << 8) | second);
}

export function isKnownVr(vr: string): boolean {
  return KNOWN_VRS.has(vr);
}

/**
 * Two upper-case letters. Anything else where an explicit VR should be means the writer switched
 * to implicit VR (seen inside private sequences); pydicom and DCMTK read on the same way.
 */
export function looksLikeVr(first: number, second: number): boolean {
  return first >= 0x41 && first <= 0x5a && second >= 0x41 && second <= 0x5a;
}

/**
 * The VR of a tag in implicit VR. Only the attributes the parser decodes need one: everything else
 * is stepped over by its length, or by item delimiters when its length is undefined.
 */
export function implicitVr(tag: number): string | undefined {
  return QIDO_ATTRIBUTES_BY_TAG.get(tag)?.vr;
}
