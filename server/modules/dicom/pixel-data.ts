import { formatTag, malformedAt, truncatedAt } from './dicom-errors.js';
import {
  type ElementHeader,
  ITEM,
  peekElementHeader,
  readElementHeader,
  SEQUENCE_DELIMITER,
  UNDEFINED_LENGTH,
} from './element-reader.js';
import type { SourceReader } from './source-reader.js';

/** Where the Pixel Data is: the split points of a file's parts, and the frames' fragments. */
export interface PixelDataLocation {
  /** Offset of the Pixel Data element's tag, of the first byte of its value, and one past its last byte. */
  elementStart: number;
  valueStart: number;
  /** For encapsulated Pixel Data, one past the Sequence Delimitation Item, which belongs to the value. */
  valueEnd: number;
  encapsulated: boolean;
  /** For encapsulated pixel data: offset and length of each fragment's value (after the Basic Offset Table item). */
  fragments?: { offset: number; length: number }[];
  /** For encapsulated pixel data: the Basic Offset Table entries, if present (an empty table is absent). */
  basicOffsetTable?: number[];
}

/**
 * Locates the Pixel Data value. Native data is located by its length alone; encapsulated data by
 * walking its item headers, 8 bytes each, without reading any fragment (PS3.5 A.4).
 */
export async function locatePixelData(
  reader: SourceReader,
  header: ElementHeader,
  littleEndian: boolean,
): Promise<PixelDataLocation> {
  const { start: elementStart, valueStart } = header;
  if (header.length !== UNDEFINED_LENGTH) {
    const valueEnd = valueStart + header.length;
    if (valueEnd > reader.size) throw truncatedAt(valueStart, header.length, reader.size, 'the Pixel Data value');
    return { elementStart, valueStart, valueEnd, encapsulated: false };
  }
  const syntax = { explicitVr: false, littleEndian };
  const item = async (offset: number): Promise<ElementHeader> => {
    const found = peekElementHeader(reader, offset, syntax) ?? (await readElementHeader(reader, offset, syntax, false));
    if (found.tag !== ITEM && found.tag !== SEQUENCE_DELIMITER) {
      throw malformedAt(offset, `expected a Pixel Data item, found ${formatTag(found.tag)}`);
    }
    if (found.tag === ITEM && found.length === UNDEFINED_LENGTH) {
      throw malformedAt(offset, 'a Pixel Data item of undefined length');
    }
    if (found.tag === ITEM && found.valueStart + found.length > reader.size) {
      throw truncatedAt(found.valueStart, found.length, reader.size, 'a Pixel Data fragment');
    }
    return found;
  };

  const table = await item(valueStart);
  if (table.tag === SEQUENCE_DELIMITER) {
    return { elementStart, valueStart, valueEnd: table.valueStart, encapsulated: true, fragments: [] };
  }
  const basicOffsetTable = await readOffsets(reader, table, littleEndian);
  const fragments: { offset: number; length: number }[] = [];
  let offset = table.valueStart + table.length;
  for (;;) {
    const fragment = await item(offset);
    if (fragment.tag === SEQUENCE_DELIMITER) {
      const location: PixelDataLocation = {
        elementStart,
        valueStart,
        valueEnd: fragment.valueStart,
        encapsulated: true,
        fragments,
      };
      if (basicOffsetTable.length > 0) location.basicOffsetTable = basicOffsetTable;
      return location;
    }
    fragments.push({ offset: fragment.valueStart, length: fragment.length });
    offset = fragment.valueStart + fragment.length;
  }
}

async function readOffsets(reader: SourceReader, table: ElementHeader, littleEndian: boolean): Promise<number[]> {
  if (table.length % 4 !== 0) {
    throw malformedAt(table.start, `a Basic Offset Table of ${table.length} bytes (not a multiple of 4)`);
  }
  if (table.length === 0) return [];
  await reader.ensure(table.valueStart, table.length, 'the Basic Offset Table', false);
  const offsets: number[] = [];
  for (let at = table.valueStart; at < table.valueStart + table.length; at += 4) {
    offsets.push(reader.uint32(at, littleEndian));
  }
  return offsets;
}
