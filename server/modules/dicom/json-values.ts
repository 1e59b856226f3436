import type { CharacterSet } from './charset.js';
import type { DicomJsonValue } from './dicom-json-model.js';
import { binaryNumbers, personNameValues, textValues, typed } from './value-decoder.js';

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * The "Value" array of an element with a settled VR other than SQ and the binary VRs (PS3.18
 * F.2.3-F.2.5): numbers for IS, DS and the binary numbers, strings for the rest, PN as component
 * groups, AT as eight hex digits, and null for an empty value among several.
 */
export function jsonValues(
  vr: string,
  bytes: Uint8Array,
  littleEndian: boolean,
  characterSet: CharacterSet,
): DicomJsonValue[] {
  switch (vr) {
    case 'US':
    case 'SS':
    case 'UL':
    case 'SL':
    case 'FL':
    case 'FD':
      return binaryNumbers(bytes, vr, littleEndian);
    case 'SV':
    case 'UV':
      return veryLongs(bytes, vr === 'SV', littleEndian);
    case 'AT':
      return attributeTags(bytes, littleEndian);
    case 'PN':
      return personNameValues(bytes, characterSet);
    case 'IS':
    case 'DS':
      return textValues(bytes, vr, characterSet).map((text) => (text === null ? null : typed(text, vr)));
    default:
      return textValues(bytes, vr, characterSet);
  }
}

/** SV and UV as numbers where a double holds them exactly, else as decimal strings (F.2.3). */
function veryLongs(bytes: Uint8Array, signed: boolean, littleEndian: boolean): (number | string)[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values: (number | string)[] = [];
  for (let at = 0; at + 8 <= bytes.length; at += 8) {
    const value = signed ? view.getBigInt64(at, littleEndian) : view.getBigUint64(at, littleEndian);
    values.push(value <= SAFE && value >= -SAFE ? Number(value) : value.toString());
  }
  return values;
}

/** Each tag as group and element, each in the data set's byte order, written "GGGGEEEE". */
function attributeTags(bytes: Uint8Array, littleEndian: boolean): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tags: string[] = [];
  for (let at = 0; at + 4 <= bytes.length; at += 4) {
    const tag = ((view.getUint16(at, littleEndian) << 16) | view.getUint16(at + 2, littleEndian)) >>> 0;
    tags.push(tag.toString(16).toUpperCase().padStart(8, '0'));
  }
  return tags;
}
