import type { DicomJsonValue } from './dicom-json-model.js';
import { dicomJsonError } from './dicom-json-input-errors.js';
import { exactDecimalText, exactInteger, JsonNumber } from './json-number.js';
import type { PersonNameValue } from './value-decoder.js';

/** A value's bytes (unpadded) and the DICOM JSON `Value` reading them back must give (undefined: none). */
export interface EncodedValue {
  readonly bytes: Uint8Array;
  readonly expected: DicomJsonValue[] | undefined;
}

/** VRs whose text is in the Specific Character Set; the others hold the default repertoire only. */
export const CHARACTER_SET_VRS: ReadonlySet<string> = new Set(['SH', 'LO', 'UC', 'ST', 'LT', 'UT', 'PN']);
const SINGLE_VALUED = new Set(['ST', 'LT', 'UT', 'UR']);
/** VRs where leading spaces are significant (PS3.5 Table 6.2-1). */
const LEADING_SPACES_KEPT = new Set(['ST', 'LT', 'UT', 'UC']);
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const DS_TEXT = /^ *[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)? *$/;
const IS_TEXT = /^ *[+-]?\d+ *$/;
const TAG_TEXT = /^[0-9A-Fa-f]{8}$/;
const PERSON_NAME_GROUPS = ['Alphabetic', 'Ideographic', 'Phonetic'] as const;
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

const INTEGER_RANGES: Readonly<Record<string, readonly [bigint, bigint, number]>> = {
  US: [0n, 0xffffn, 2],
  SS: [-0x8000n, 0x7fffn, 2],
  UL: [0n, 0xffffffffn, 4],
  SL: [-0x80000000n, 0x7fffffffn, 4],
  SV: [-(2n ** 63n), 2n ** 63n - 1n, 8],
  UV: [0n, 2n ** 64n - 1n, 8],
};
const IS_RANGE = [-(2n ** 31n), 2n ** 31n - 1n] as const;

/**
 * The bytes of a `Value` array of any VR but SQ and the binary ones (PS3.18 F.2.3-F.2.5): text
 * joined with backslashes, in UTF-8 when `utf8` (else ASCII), PN as component groups, IS and DS
 * as exact decimal text, binary numbers little endian, AT as group and element. A value its VR
 * cannot hold is `dicom_json.unencodable_value`; `where` names the attribute in the message.
 */
export function encodeJsonValues(vr: string, values: readonly unknown[], utf8: boolean, where: string): EncodedValue {
  const fail = (why: string, value?: unknown) =>
    dicomJsonError('dicom_json.unencodable_value', `${where} (${vr}): ${why}.`, {
      attribute: where,
      vr,
      ...(value !== undefined && { value: value instanceof JsonNumber ? value.source : value }),
    });
  const range = INTEGER_RANGES[vr];
  if (range !== undefined) return binaryIntegers(vr, values, range, fail);
  if (vr === 'FL' || vr === 'FD') return binaryFloats(vr, values, fail);
  if (vr === 'AT') return attributeTags(values, fail);
  if (vr === 'PN') return personNames(values, utf8, fail);
  if (SINGLE_VALUED.has(vr) && values.length > 1) throw fail(`${values.length} values where the VR holds one`);
  const texts = values.map((value) => textOf(vr, value, fail));
  const joined = texts.join('\\');
  if (!CHARACTER_SET_VRS.has(vr) && !PRINTABLE_ASCII.test(joined)) {
    throw fail('a character outside the default repertoire (printable ASCII)', joined);
  }
  const bytes = new Uint8Array(Buffer.from(joined, utf8 ? 'utf8' : 'latin1'));
  // What the reader gives back: split at backslashes, padding trimmed, empty values null.
  const read = SINGLE_VALUED.has(vr) ? [joined] : joined.split('\\');
  return { bytes, expected: valuesOrNone(read.map((text) => expectedText(vr, text))) };
}

type Fail = (why: string, value?: unknown) => Error;

function textOf(vr: string, value: unknown, fail: Fail): string {
  if (value === null) return '';
  if (vr === 'DS' || vr === 'IS') return numberText(vr, value, fail);
  if (typeof value !== 'string') throw fail('a value that is not a string', value);
  if (!SINGLE_VALUED.has(vr) && value.includes('\\'))
    throw fail('a backslash inside a value (it separates values)', value);
  return value;
}

/** IS and DS: a JSON number as exact decimal text within 12 or 16 bytes; a string kept as sent if it is one. */
function numberText(vr: 'DS' | 'IS', value: unknown, fail: Fail): string {
  const limit = vr === 'DS' ? 16 : 12;
  if (typeof value === 'string') {
    if (!(vr === 'DS' ? DS_TEXT : IS_TEXT).test(value) || value.length > limit) {
      throw fail(
        `a string that is not ${vr === 'DS' ? 'a decimal' : 'an integer'} of at most ${limit} characters`,
        value,
      );
    }
    if (vr === 'IS') inIsRange(exactInteger(value) ?? 0n, value, fail);
    return value;
  }
  const text =
    value instanceof JsonNumber
      ? value.source
      : typeof value === 'number'
        ? Object.is(value, -0)
          ? '-0'
          : String(value)
        : undefined;
  if (text === undefined) throw fail('a value that is not a number', value);
  if (vr === 'IS') {
    const integer = exactInteger(text);
    if (integer === undefined) throw fail('a number that is not an integer', value);
    return inIsRange(integer, value, fail).toString();
  }
  const decimal = exactDecimalText(text, limit);
  if (decimal === undefined)
    throw fail(`a number that no decimal string of at most ${limit} characters holds exactly`, value);
  return decimal;
}

function inIsRange(integer: bigint, value: unknown, fail: Fail): bigint {
  if (integer < IS_RANGE[0] || integer > IS_RANGE[1])
    throw fail('an integer beyond the IS range (-2^31 to 2^31-1)', value);
  return integer;
}

function expectedText(vr: string, text: string): DicomJsonValue {
  const trimmed = LEADING_SPACES_KEPT.has(vr) ? text.replace(/[\0 ]+$/, '') : text.replace(/^[\0 ]+|[\0 ]+$/g, '');
  if (trimmed === '') return null;
  if (vr === 'IS') return /^[+-]?\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
  if (vr === 'DS') return Number.isNaN(Number(trimmed)) ? trimmed : Number(trimmed);
  return trimmed;
}

function personNames(values: readonly unknown[], utf8: boolean, fail: Fail): EncodedValue {
  const texts = values.map((value) => {
    if (value === null) return '';
    if (typeof value !== 'object' || Array.isArray(value))
      throw fail('a value that is not a Person Name object', value);
    const groups = PERSON_NAME_GROUPS.map((key) => {
      const group = (value as Record<string, unknown>)[key];
      if (group === undefined || group === null) return '';
      if (typeof group !== 'string' || /[=\\]/.test(group))
        throw fail(`a ${key} group with "=" or "\\", or not a string`, value);
      return group;
    });
    const unknown = Object.keys(value).filter((key) => !(PERSON_NAME_GROUPS as readonly string[]).includes(key));
    if (unknown.length > 0) throw fail(`unknown Person Name keys ${unknown.join(', ')}`, value);
    while (groups.length > 0 && groups[groups.length - 1] === '') groups.pop();
    return groups.join('=');
  });
  const joined = texts.join('\\');
  const bytes = new Uint8Array(Buffer.from(joined, utf8 ? 'utf8' : 'latin1'));
  // The reader trims the padding at the end of the whole value, then splits values and groups.
  const read = joined.replace(/[\0 ]+$/, '').split('\\');
  const expected = read.map((text): PersonNameValue | null => {
    const name: PersonNameValue = {};
    text.split('=').forEach((group, i) => {
      const key = PERSON_NAME_GROUPS[i];
      if (key !== undefined && group !== '') name[key] = group;
    });
    return Object.keys(name).length > 0 ? name : null;
  });
  return { bytes, expected: valuesOrNone(expected) };
}

function binaryIntegers(vr: string, values: readonly unknown[], range: readonly [bigint, bigint, number], fail: Fail) {
  const [min, max, size] = range;
  const bytes = new Uint8Array(values.length * size);
  const view = new DataView(bytes.buffer);
  const expected = values.map((value, i) => {
    const integer = integerOf(value);
    if (integer === undefined || integer < min || integer > max)
      throw fail(`a value that is not an integer from ${min} to ${max}`, value);
    if (size === 2) view.setUint16(i * 2, Number(integer) & 0xffff, true);
    else if (size === 4) view.setUint32(i * 4, Number(integer) >>> 0, true);
    else view.setBigUint64(i * 8, BigInt.asUintN(64, integer), true);
    return integer <= SAFE && integer >= -SAFE ? Number(integer) : integer.toString();
  });
  return { bytes, expected: valuesOrNone(expected) };
}

function integerOf(value: unknown): bigint | undefined {
  if (value instanceof JsonNumber)
    return /^-?\d+$/.test(value.source) ? BigInt(value.source) : exactInteger(value.source);
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : undefined;
  if (typeof value === 'string' && /^[+-]?\d+$/.test(value)) return BigInt(value);
  return undefined;
}

const NON_FINITE: Readonly<Record<string, number>> = { NaN: Number.NaN, Infinity: Infinity, '-Infinity': -Infinity };

/** FL and FD; FL holds the nearest 32-bit float, the only form the VR has. NaN and infinities come as strings. */
function binaryFloats(vr: 'FL' | 'FD', values: readonly unknown[], fail: Fail): EncodedValue {
  const size = vr === 'FL' ? 4 : 8;
  const bytes = new Uint8Array(values.length * size);
  const view = new DataView(bytes.buffer);
  const expected = values.map((value, i) => {
    const number =
      value instanceof JsonNumber
        ? value.value
        : typeof value === 'number'
          ? value
          : typeof value === 'string'
            ? NON_FINITE[value]
            : undefined;
    if (number === undefined) throw fail('a value that is not a number', value);
    if (vr === 'FL') view.setFloat32(i * 4, number, true);
    else view.setFloat64(i * 8, number, true);
    return vr === 'FL' ? Math.fround(number) : number;
  });
  return { bytes, expected: valuesOrNone(expected) };
}

function attributeTags(values: readonly unknown[], fail: Fail): EncodedValue {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  const expected = values.map((value, i) => {
    if (typeof value !== 'string' || !TAG_TEXT.test(value))
      throw fail('a value that is not 8 hexadecimal digits', value);
    const tag = Number.parseInt(value, 16);
    view.setUint16(i * 4, tag >>> 16, true);
    view.setUint16(i * 4 + 2, tag & 0xffff, true);
    return value.toUpperCase();
  });
  return { bytes, expected: valuesOrNone(expected) };
}

function valuesOrNone(values: DicomJsonValue[]): DicomJsonValue[] | undefined {
  return values.every((value) => value === null) ? undefined : values;
}
