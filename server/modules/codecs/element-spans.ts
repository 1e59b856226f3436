import { hasLongVrLength } from '../dicom/index.js';
import { invalidPixelModule } from './codec-errors.js';

/** Where one top-level data element of an Explicit VR Little Endian data set sits. */
export interface ElementSpan {
  readonly tag: number;
  readonly vr: string;
  /** The element's first byte (its tag), its value's first byte, and one past its last byte. */
  readonly start: number;
  readonly valueStart: number;
  readonly end: number;
}

const UNDEFINED_LENGTH = 0xffffffff;
const ITEM = 0xfffee000;
const ITEM_DELIMITER = 0xfffee00d;
const SEQUENCE_DELIMITER = 0xfffee0dd;

/**
 * The top-level elements of an Explicit VR Little Endian data set from `start` to the end of
 * `bytes`, or to the first element of a group above `lastGroup`, or through the element `lastTag`,
 * stepping over sequences and encapsulated values of undefined length by their delimiters.
 * Transcoding edits a file by these spans and copies every other byte as it is.
 */
export function elementSpans(
  bytes: Uint8Array,
  start: number,
  lastGroup = 0xffff,
  lastTag = 0xffffffff,
): ElementSpan[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const spans: ElementSpan[] = [];
  let offset = start;
  while (offset + 8 <= bytes.length) {
    const tag = tagAt(view, offset);
    if (tag >>> 16 > lastGroup) break;
    const vr = String.fromCharCode(view.getUint8(offset + 4), view.getUint8(offset + 5));
    if (!/^[A-Z]{2}$/.test(vr)) fail(offset, `no explicit VR at element ${tag.toString(16)}`);
    const long = hasLongVrLength(vr);
    const valueStart = offset + (long ? 12 : 8);
    const length = long ? need(view, offset + 8, 4) : view.getUint16(offset + 6, true);
    const end = length === UNDEFINED_LENGTH ? skipItems(view, valueStart, vr === 'UN') : valueStart + length;
    if (end > bytes.length) fail(offset, 'a value runs past the end of the data');
    spans.push({ tag, vr, start: offset, valueStart, end });
    // What follows Pixel Data (padding, or zeros some writers append) is copied, never walked.
    if (tag >= lastTag) break;
    offset = end;
  }
  return spans;
}

/** Items up to and through the Sequence Delimitation Item; returns the offset after it. */
function skipItems(view: DataView, start: number, implicit: boolean): number {
  let offset = start;
  for (;;) {
    const tag = tagAt(view, offset);
    const length = need(view, offset + 4, 4);
    offset += 8;
    if (tag === SEQUENCE_DELIMITER) return offset;
    if (tag !== ITEM) fail(offset - 8, 'expected an item in a sequence');
    offset = length === UNDEFINED_LENGTH ? skipItemElements(view, offset, implicit) : offset + length;
  }
}

/** Elements of an item of undefined length up to and through its Item Delimitation Item. */
function skipItemElements(view: DataView, start: number, implicit: boolean): number {
  let offset = start;
  for (;;) {
    const tag = tagAt(view, offset);
    if (tag === ITEM_DELIMITER) return offset + 8;
    // Inside UN of undefined length the items are Implicit VR Little Endian (PS3.5 6.2.2).
    const vr = implicit ? '' : String.fromCharCode(view.getUint8(offset + 4), view.getUint8(offset + 5));
    const long = implicit || hasLongVrLength(vr);
    const valueStart = offset + (implicit ? 8 : long ? 12 : 8);
    const length = implicit
      ? need(view, offset + 4, 4)
      : long
        ? need(view, offset + 8, 4)
        : view.getUint16(offset + 6, true);
    if (length === UNDEFINED_LENGTH) offset = skipItems(view, valueStart, implicit || vr === 'UN');
    else offset = valueStart + length;
  }
}

function tagAt(view: DataView, offset: number): number {
  if (offset + 4 > view.byteLength) fail(offset, 'the data ends inside an element');
  return ((view.getUint16(offset, true) << 16) | view.getUint16(offset + 2, true)) >>> 0;
}

function need(view: DataView, offset: number, size: 4): number {
  if (offset + size > view.byteLength) fail(offset, 'the data ends inside an element header');
  return view.getUint32(offset, true);
}

function fail(offset: number, reason: string): never {
  throw invalidPixelModule(`the data set cannot be walked as Explicit VR Little Endian (${reason} at ${offset})`, {
    offset,
  });
}
