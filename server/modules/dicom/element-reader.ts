import type { SourceReader } from './source-reader.js';
import { hasLongLength, looksLikeVr } from './vr-dictionary.js';

export const UNDEFINED_LENGTH = 0xffffffff;
export const ITEM = 0xfffee000;
export const ITEM_DELIMITER = 0xfffee00d;
export const SEQUENCE_DELIMITER = 0xfffee0dd;
export const PIXEL_DATA = 0x7fe00010;
const ITEM_GROUP = 0xfffe;

/** How elements are encoded where the reader is: the transfer syntax, or a switch inside it. */
export interface Syntax {
  readonly explicitVr: boolean;
  readonly littleEndian: boolean;
}

export const IMPLICIT_LITTLE_ENDIAN: Syntax = { explicitVr: false, littleEndian: true };
export const EXPLICIT_LITTLE_ENDIAN: Syntax = { explicitVr: true, littleEndian: true };

/** A data element's tag, VR and length, and where it and its value start. */
export interface ElementHeader {
  /** (group << 16 | element), unsigned. */
  readonly tag: number;
  /** The VR written in the file; undefined in implicit VR and for item and delimiter tags. */
  readonly vr: string | undefined;
  /** The value's length, or UNDEFINED_LENGTH. */
  readonly length: number;
  readonly start: number;
  readonly valueStart: number;
}

/**
 * Reads the element header at `offset`. Item and delimiter tags have no VR in any syntax; in
 * explicit VR, a VR field that is not two upper-case letters is read as implicit VR, as pydicom
 * does for writers that switch inside private sequences.
 */
export async function readElementHeader(
  reader: SourceReader,
  offset: number,
  syntax: Syntax,
  readAhead = true,
): Promise<ElementHeader> {
  await reader.ensure(offset, 8, 'an element header', readAhead);
  if (syntax.explicitVr && reader.uint16(offset, syntax.littleEndian) !== ITEM_GROUP) {
    const [first, second] = [reader.uint8(offset + 4), reader.uint8(offset + 5)];
    if (looksLikeVr(first, second) && hasLongLength(first, second)) {
      await reader.ensure(offset, 12, 'an element header', readAhead);
    }
  }
  return decodeHeader(reader, offset, syntax);
}

/**
 * The header at `offset` when the reader's window already holds it: the synchronous path that
 * keeps a header within one chunk free of promise turns (readElementHeader otherwise).
 */
export function peekElementHeader(reader: SourceReader, offset: number, syntax: Syntax): ElementHeader | undefined {
  return reader.has(offset, 12) ? decodeHeader(reader, offset, syntax) : undefined;
}

function decodeHeader(reader: SourceReader, offset: number, syntax: Syntax): ElementHeader {
  const littleEndian = syntax.littleEndian;
  const group = reader.uint16(offset, littleEndian);
  const tag = ((group << 16) | reader.uint16(offset + 2, littleEndian)) >>> 0;
  const first = reader.uint8(offset + 4);
  const second = reader.uint8(offset + 5);
  if (group === ITEM_GROUP || !syntax.explicitVr || !looksLikeVr(first, second)) {
    return {
      tag,
      vr: undefined,
      length: reader.uint32(offset + 4, littleEndian),
      start: offset,
      valueStart: offset + 8,
    };
  }
  const vr = String.fromCharCode(first, second);
  if (!hasLongLength(first, second)) {
    return { tag, vr, length: reader.uint16(offset + 6, littleEndian), start: offset, valueStart: offset + 8 };
  }
  return { tag, vr, length: reader.uint32(offset + 8, littleEndian), start: offset, valueStart: offset + 12 };
}

/** Whether the first element at `offset` has the shape of explicit VR (PS3.5 7.1.2). */
export async function startsExplicit(reader: SourceReader, offset: number): Promise<boolean | undefined> {
  if (offset + 6 > reader.size) return undefined;
  await reader.ensure(offset, 6, 'the first element header');
  return looksLikeVr(reader.uint8(offset + 4), reader.uint8(offset + 5));
}
