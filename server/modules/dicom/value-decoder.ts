import { type CharacterSet, decodeString, PERSON_NAME_DELIMITERS, TEXT_DELIMITERS } from './charset.js';
import type { RawAttribute } from './dataset-scanner.js';
import { latin1 } from './single-byte-codecs.js';
import { BINARY_NUMBER_SIZE, isKnownVr } from './vr-dictionary.js';

/** One attribute in the DICOM JSON model (PS3.18 F.2): no Value when the attribute is empty. */
export interface JsonAttribute {
  vr: string;
  Value?: unknown[];
}

/** A Person Name value in the DICOM JSON model (PS3.18 F.2.2); empty groups are left out. */
export interface PersonNameValue {
  Alphabetic?: string;
  Ideographic?: string;
  Phonetic?: string;
}

/** VRs whose text is in the Specific Character Set; the others use the default repertoire. */
const CHARACTER_SET_VRS = new Set(['SH', 'LO', 'UC', 'ST', 'LT', 'UT', 'PN']);
const SINGLE_VALUED = new Set(['ST', 'LT', 'UT', 'UR']);
/** VRs where leading spaces are significant (PS3.5 Table 6.2-1). */
const LEADING_SPACES_KEPT = new Set(['ST', 'LT', 'UT', 'UC']);
const TEXT_VRS = new Set([...CHARACTER_SET_VRS, ...['AE', 'AS', 'CS', 'DA', 'DS', 'DT', 'IS', 'TM', 'UI', 'UR']]);

const INTEGER = /^[+-]?\d+$/;
// With only these characters, Number() accepts exactly PS3.5's decimal strings (digits before or
// after the point, an optional exponent); one linear scan costs less than a grammar regex.
const DECIMAL_CHARACTERS = /^[0-9eE.+-]+$/;
const PERSON_NAME_GROUPS = ['Alphabetic', 'Ideographic', 'Phonetic'] as const;

/**
 * The DICOM JSON form of an attribute, with the VR of the attribute table. The bytes are read as
 * the file's explicit VR says where it names a known VR other than UN (a writer's binary US
 * where the table has IS, say), else as the table's VR.
 */
export function toJsonAttribute(raw: RawAttribute, characterSet: CharacterSet): JsonAttribute {
  const vr = raw.spec.vr;
  const written = raw.vr !== undefined && raw.vr !== 'UN' && isKnownVr(raw.vr) ? raw.vr : vr;
  const encoding = BINARY_NUMBER_SIZE[written] !== undefined || TEXT_VRS.has(written) ? written : vr;
  let values: unknown[];
  if (BINARY_NUMBER_SIZE[encoding] !== undefined) {
    values = binaryNumbers(raw.bytes, encoding, raw.littleEndian);
  } else if (vr === 'PN') {
    values = personNameValues(raw.bytes, characterSet);
  } else {
    values = textValues(raw.bytes, vr, characterSet).map((text) => (text === null ? null : typed(text, vr)));
  }
  return values.every((value) => value === null) ? { vr } : { vr, Value: values };
}

/** The text values of a string VR, split at backslashes, padding removed; empty ones null. */
export function textValues(bytes: Uint8Array, vr: string, characterSet: CharacterSet): (string | null)[] {
  const parts = SINGLE_VALUED.has(vr) ? [bytes] : split(bytes, 0x5c);
  return parts.map((part) => {
    const text = CHARACTER_SET_VRS.has(vr) ? decodeString(part, characterSet, TEXT_DELIMITERS) : latin1.replace(part);
    const trimmed = LEADING_SPACES_KEPT.has(vr) ? text.replace(/[\0 ]+$/, '') : text.replace(/^[\0 ]+|[\0 ]+$/g, '');
    return trimmed === '' ? null : trimmed;
  });
}

/** pydicom's convert_PN: trailing padding off, values split at "\", groups at "=", each decoded. */
export function personNameValues(bytes: Uint8Array, characterSet: CharacterSet): (PersonNameValue | null)[] {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0)) end--;
  return split(bytes.subarray(0, end), 0x5c).map((value) => {
    const name: PersonNameValue = {};
    split(value, 0x3d).forEach((group, i) => {
      const key = PERSON_NAME_GROUPS[i];
      const text = decodeString(group, characterSet, PERSON_NAME_DELIMITERS);
      if (key !== undefined && text !== '') name[key] = text;
    });
    return Object.keys(name).length > 0 ? name : null;
  });
}

/** An IS, DS or binary-number text as a number when it is one (PS3.18 F.2.3: else it stays text). */
export function typed(text: string, vr: string): string | number {
  if (vr === 'IS' || BINARY_NUMBER_SIZE[vr] !== undefined) return INTEGER.test(text) ? Number(text) : text;
  if (vr === 'DS') {
    const number = DECIMAL_CHARACTERS.test(text) ? Number(text) : Number.NaN;
    return Number.isNaN(number) ? text : number;
  }
  return text;
}

/** The values of a binary numeric VR (US, SS, UL, SL, FL, FD; SV and UV rounded to doubles). */
export function binaryNumbers(bytes: Uint8Array, vr: string, littleEndian: boolean): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = BINARY_NUMBER_SIZE[vr] ?? 1;
  const numbers: number[] = [];
  for (let at = 0; at + size <= bytes.length; at += size) {
    numbers.push(readNumber(view, at, vr, littleEndian));
  }
  return numbers;
}

function readNumber(view: DataView, at: number, vr: string, littleEndian: boolean): number {
  switch (vr) {
    case 'US':
      return view.getUint16(at, littleEndian);
    case 'SS':
      return view.getInt16(at, littleEndian);
    case 'UL':
      return view.getUint32(at, littleEndian);
    case 'SL':
      return view.getInt32(at, littleEndian);
    case 'FL':
      return view.getFloat32(at, littleEndian);
    case 'FD':
      return view.getFloat64(at, littleEndian);
    case 'SV':
      return Number(view.getBigInt64(at, littleEndian));
    default:
      return Number(view.getBigUint64(at, littleEndian));
  }
}

function split(bytes: Uint8Array, separator: number): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let start = 0;
  for (let at = 0; at < bytes.length; at++) {
    if (bytes[at] === separator) {
      parts.push(bytes.subarray(start, at));
      start = at + 1;
    }
  }
  parts.push(bytes.subarray(start));
  return parts;
}
