import type { ByteSource } from './byte-source.js';
import { dicomJsonError } from './dicom-json-input-errors.js';
import { EXPLICIT_VR_LITTLE_ENDIAN } from './transfer-syntax.js';
import { tagHex } from './dataset-reader.js';
import { asciiValue, elementHeader, itemHeader, uint32Value } from './element-writer.js';
import { hasLongVrLength } from './vr-dictionary.js';

/** Strata's Implementation Class UID (PS3.7 D.3.3.2): 2.25 and the decimal of one fixed UUID. */
export const STRATA_IMPLEMENTATION_CLASS_UID = '2.25.179712357088235703866325337954507220264';
/** Strata's Implementation Version Name (0002,0013): at most 16 characters. */
export const STRATA_IMPLEMENTATION_VERSION_NAME = 'STRATA_0_1';

/** Bytes of a value: held in memory, or behind a ByteSource (a spooled request part) read when the file is assembled. */
export type Part10Segment = Uint8Array | ByteSource;

/** An element to write: a value (its segments, unpadded), a sequence, or encapsulated frames. */
export type WritableElement =
  | { readonly tag: number; readonly vr: string; readonly value: readonly Part10Segment[] }
  | { readonly tag: number; readonly vr: 'SQ'; readonly items: readonly (readonly WritableElement[])[] }
  | { readonly tag: number; readonly vr: 'OB'; readonly frames: readonly Part10Segment[] };

export interface Part10Meta {
  readonly sopClassUid: string;
  readonly sopInstanceUid: string;
  readonly transferSyntaxUid: string;
}

/** VRs whose explicit-VR header has 2 reserved bytes and a 32-bit length (PS3.5 7.1.2). */
/** Values padded with NUL rather than a space (PS3.5 6.2: UI, and the byte VRs). */
const NUL_PADDED = new Set(['UI', 'OB', 'UN']);
const UNDEFINED_LENGTH = 0xffffffff;
const MAX_SHORT_LENGTH = 0xfffe;
const MAX_LONG_LENGTH = 0xfffffffe;

export const segmentLength = (segment: Part10Segment): number =>
  segment instanceof Uint8Array ? segment.length : segment.size;

/**
 * A Part 10 file (PS3.10 7.1) as segments, in order: preamble, "DICM", File Meta Information,
 * then the data set in Explicit VR Little Endian, elements in tag order, values padded to even
 * length, sequences and items of undefined length, and encapsulated Pixel Data as a Basic Offset
 * Table and one fragment per frame (PS3.5 A.4).
 */
export function writePart10(elements: readonly WritableElement[], meta: Part10Meta): Part10Segment[] {
  const out: Part10Segment[] = [new Uint8Array(128), asciiValue('DICM')];
  const group: Part10Segment[] = [];
  for (const element of fileMetaElements(meta)) writeElement(group, element);
  const groupLength = group.reduce((sum, segment) => sum + segmentLength(segment), 0);
  writeElement(out, { tag: 0x00020000, vr: 'UL', value: [uint32Value(groupLength)] });
  out.push(...group, ...dataSetSegments(elements));
  return out;
}

/** A data set's elements as segments (Explicit VR Little Endian, tag order). */
export function dataSetSegments(elements: readonly WritableElement[]): Part10Segment[] {
  const out: Part10Segment[] = [];
  for (const element of [...elements].sort((a, b) => a.tag - b.tag)) writeElement(out, element);
  return out;
}

function fileMetaElements(meta: Part10Meta): WritableElement[] {
  return [
    { tag: 0x00020001, vr: 'OB', value: [new Uint8Array([0, 1])] },
    { tag: 0x00020002, vr: 'UI', value: [asciiValue(meta.sopClassUid)] },
    { tag: 0x00020003, vr: 'UI', value: [asciiValue(meta.sopInstanceUid)] },
    { tag: 0x00020010, vr: 'UI', value: [asciiValue(meta.transferSyntaxUid || EXPLICIT_VR_LITTLE_ENDIAN)] },
    { tag: 0x00020012, vr: 'UI', value: [asciiValue(STRATA_IMPLEMENTATION_CLASS_UID)] },
    { tag: 0x00020013, vr: 'SH', value: [asciiValue(STRATA_IMPLEMENTATION_VERSION_NAME)] },
  ];
}

function writeElement(out: Part10Segment[], element: WritableElement): void {
  if ('items' in element) {
    out.push(elementHeader(element.tag, 'SQ', UNDEFINED_LENGTH));
    for (const item of element.items) {
      out.push(itemHeader(0xfffee000, UNDEFINED_LENGTH), ...dataSetSegments(item), itemHeader(0xfffee00d, 0));
    }
    out.push(itemHeader(0xfffee0dd, 0));
    return;
  }
  if ('frames' in element) {
    writeFrames(out, element.tag, element.frames);
    return;
  }
  const length = element.value.reduce((sum, segment) => sum + segmentLength(segment), 0);
  const padded = length + (length % 2);
  const limit = hasLongVrLength(element.vr) ? MAX_LONG_LENGTH : MAX_SHORT_LENGTH;
  if (padded > limit) {
    throw dicomJsonError(
      'dicom_json.unencodable_value',
      `The value of ${tagHex(element.tag)} (${element.vr}) is ${length} bytes: more than ${element.vr} can hold (${limit}).`,
      { tag: tagHex(element.tag), vr: element.vr, length },
    );
  }
  out.push(elementHeader(element.tag, element.vr, padded), ...element.value);
  if (padded !== length) out.push(new Uint8Array([NUL_PADDED.has(element.vr) ? 0 : 0x20]));
}

/** Encapsulated Pixel Data: the Basic Offset Table, one fragment per frame (padded to even length), the delimiter. */
function writeFrames(out: Part10Segment[], tag: number, frames: readonly Part10Segment[]): void {
  const offsets: number[] = [];
  let position = 0;
  for (const frame of frames) {
    offsets.push(position);
    const length = segmentLength(frame);
    position += 8 + length + (length % 2);
  }
  // The table's entries are 32-bit; past 4 GiB it stays empty, as PS3.5 A.4 allows.
  const table = position <= 0xffffffff ? offsets : [];
  out.push(elementHeader(tag, 'OB', UNDEFINED_LENGTH), itemHeader(0xfffee000, table.length * 4));
  if (table.length > 0) {
    const bytes = new Uint8Array(table.length * 4);
    const view = new DataView(bytes.buffer);
    table.forEach((offset, index) => view.setUint32(index * 4, offset, true));
    out.push(bytes);
  }
  for (const frame of frames) {
    const length = segmentLength(frame);
    out.push(itemHeader(0xfffee000, length + (length % 2)), frame);
    if (length % 2 === 1) out.push(new Uint8Array(1));
  }
  out.push(itemHeader(0xfffee0dd, 0));
}
