import { type AttributeSpec, QIDO_ATTRIBUTES_BY_TAG } from './attributes-table.js';
import { formatTag, malformedAt, truncatedAt } from './dicom-errors.js';
import {
  type ElementHeader,
  ITEM,
  peekElementHeader,
  PIXEL_DATA,
  readElementHeader,
  startsExplicit,
  type Syntax,
  UNDEFINED_LENGTH,
} from './element-reader.js';
import { skipUndefinedLength } from './sequence-skipper.js';
import type { SourceReader } from './source-reader.js';

/** The encoded value of an attribute from the table, decoded later (it may need the character set). */
export interface RawAttribute {
  readonly spec: AttributeSpec;
  /** The VR written in the file (explicit VR), else undefined. */
  readonly vr: string | undefined;
  readonly bytes: Uint8Array;
  readonly littleEndian: boolean;
}

export interface ScannedDataSet {
  readonly attributes: ReadonlyMap<number, RawAttribute>;
  /** The top-level Pixel Data element's header, where the scan stopped. */
  readonly pixelData: ElementHeader | undefined;
  /** The syntax the data set turned out to use (see detectSyntax). */
  readonly syntax: Syntax;
}

/**
 * Walks the top-level data set from `start`, keeping the raw values of the QIDO attributes and
 * stepping over everything else, and stops at the Pixel Data element (or the end of the data).
 */
export async function scanDataSet(reader: SourceReader, start: number, declared: Syntax): Promise<ScannedDataSet> {
  const syntax = await detectSyntax(reader, start, declared);
  const attributes = new Map<number, RawAttribute>();
  let offset = start;
  while (offset < reader.size) {
    const header = peekElementHeader(reader, offset, syntax) ?? (await readElementHeader(reader, offset, syntax));
    if (header.tag === PIXEL_DATA) return { attributes, pixelData: header, syntax };
    if (header.tag >>> 16 === 0xfffe) {
      // A stray delimiter between top-level elements is harmless; a stray item is not.
      if (header.tag === ITEM) throw malformedAt(offset, 'an item outside any sequence');
      offset = header.valueStart;
      continue;
    }
    if (header.length === UNDEFINED_LENGTH) {
      offset = await skipUndefinedLength(reader, header.valueStart, syntax, header.vr === 'UN');
      continue;
    }
    const end = header.valueStart + header.length;
    if (end > reader.size) {
      throw truncatedAt(header.valueStart, header.length, reader.size, `the value of ${formatTag(header.tag)}`);
    }
    const spec = QIDO_ATTRIBUTES_BY_TAG.get(header.tag);
    if (spec !== undefined) {
      if (!reader.has(header.valueStart, header.length)) {
        await reader.load(header.valueStart, header.length, `the value of ${spec.keyword}`);
      }
      const bytes = reader.bytes(header.valueStart, header.length).slice();
      attributes.set(header.tag, { spec, vr: header.vr, bytes, littleEndian: syntax.littleEndian });
    }
    offset = end;
  }
  return { attributes, pixelData: undefined, syntax };
}

/**
 * The transfer syntax's VR encoding, unless the first element shows the other one: pydicom reads
 * such files (with a warning) by what the data shows, and so does this parser.
 */
export async function detectSyntax(reader: SourceReader, start: number, declared: Syntax): Promise<Syntax> {
  const explicit = await startsExplicit(reader, start);
  if (explicit === undefined || explicit === declared.explicitVr) return declared;
  return { explicitVr: explicit, littleEndian: declared.littleEndian };
}
