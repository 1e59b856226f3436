import { formatTag, malformedAt } from './dicom-errors.js';
import {
  IMPLICIT_LITTLE_ENDIAN,
  ITEM,
  ITEM_DELIMITER,
  peekElementHeader,
  readElementHeader,
  SEQUENCE_DELIMITER,
  startsExplicit,
  type Syntax,
  UNDEFINED_LENGTH,
} from './element-reader.js';
import type { SourceReader } from './source-reader.js';

/** An open undefined-length value (its items) or an open undefined-length item (its elements). */
interface Frame {
  readonly kind: 'sequence' | 'item';
  readonly syntax: Syntax;
  /** The value was VR UN: its items may be implicit VR Little Endian whatever the data set uses. */
  readonly unknownVr: boolean;
}

/**
 * Steps over an undefined-length value (a sequence, UN holding one, or any element the writer
 * closed with a delimiter) without decoding it, and returns the offset after its Sequence
 * Delimitation Item. Defined-length items and elements are skipped by length; only undefined ones
 * are walked, iteratively, so deep nesting costs no stack.
 */
export async function skipUndefinedLength(
  reader: SourceReader,
  valueStart: number,
  syntax: Syntax,
  unknownVr: boolean,
): Promise<number> {
  const frames: Frame[] = [{ kind: 'sequence', syntax: unknownVr ? IMPLICIT_LITTLE_ENDIAN : syntax, unknownVr }];
  let offset = valueStart;
  for (let frame = frames.at(-1); frame !== undefined; frame = frames.at(-1)) {
    const header =
      peekElementHeader(reader, offset, frame.syntax) ?? (await readElementHeader(reader, offset, frame.syntax));
    if (frame.kind === 'sequence') {
      if (header.tag === SEQUENCE_DELIMITER) {
        frames.pop();
      } else if (header.tag !== ITEM) {
        throw malformedAt(offset, `expected an item or a sequence delimiter, found ${formatTag(header.tag)}`);
      } else if (header.length === UNDEFINED_LENGTH) {
        const itemSyntax = await syntaxOfItem(reader, header.valueStart, frame);
        frames.push({ kind: 'item', syntax: itemSyntax, unknownVr: false });
      } else {
        offset = header.valueStart + header.length;
        continue;
      }
      offset = header.valueStart;
    } else if (header.tag === ITEM_DELIMITER) {
      frames.pop();
      offset = header.valueStart;
    } else if (header.tag === ITEM || header.tag === SEQUENCE_DELIMITER) {
      throw malformedAt(
        offset,
        `an item of undefined length ends with ${formatTag(header.tag)} instead of an item delimiter`,
      );
    } else if (header.length === UNDEFINED_LENGTH) {
      const unknown = header.vr === 'UN';
      frames.push({ kind: 'sequence', syntax: unknown ? IMPLICIT_LITTLE_ENDIAN : frame.syntax, unknownVr: unknown });
      offset = header.valueStart;
    } else {
      offset = header.valueStart + header.length;
    }
  }
  return offset;
}

/**
 * pydicom's rule: an item of an explicit-VR sequence may be encoded in implicit VR (PS3.5 6.2.2),
 * seen from its first element; an implicit-VR sequence never switches to explicit, except that
 * the items of UN are whatever their first element shows.
 */
export async function itemSyntax(
  reader: SourceReader,
  offset: number,
  sequenceSyntax: Syntax,
  unknownVr: boolean,
): Promise<Syntax> {
  if (!sequenceSyntax.explicitVr && !unknownVr) return sequenceSyntax;
  const explicit = await startsExplicit(reader, offset);
  if (explicit === undefined) return sequenceSyntax;
  return { explicitVr: explicit, littleEndian: sequenceSyntax.littleEndian };
}

async function syntaxOfItem(reader: SourceReader, offset: number, sequence: Frame): Promise<Syntax> {
  return itemSyntax(reader, offset, sequence.syntax, sequence.unknownVr);
}
