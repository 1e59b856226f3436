import { isBinaryVr } from './attribute-vr.js';
import { type CharacterSet, characterSetOf } from './charset.js';
import type { BulkDataLocation, DicomJsonAttribute, DicomJsonDataSet } from './dicom-json-model.js';
import { type ReadElement, tagHex } from './dataset-reader.js';
import { jsonValues } from './json-values.js';
import { settledVr } from './settled-vr.js';
import { textValues } from './value-decoder.js';

/** What encoding needs beyond the elements: how bulk data is referred to. */
export interface EncodingContext {
  readonly bulkDataUri: (location: BulkDataLocation) => string;
  /** The data set was inflated: bulk data offsets count in the inflated stream. */
  readonly deflated: boolean;
}

/** A data set being encoded, for the attributes that settle another's VR or character set. */
interface Scope {
  readonly elements: readonly ReadElement[];
  readonly characterSet: CharacterSet;
  readonly parent: Scope | undefined;
}

const SPECIFIC_CHARACTER_SET = 0x00080005;
const WORD_SIZE: Readonly<Record<string, number>> = { OW: 2, OF: 4, OL: 4, OD: 8, OV: 8 };

/**
 * A data set's elements in the DICOM JSON model, in tag order. Text is decoded with the Specific
 * Character Set of the data set, or of the nearest enclosing one that has it (PS3.5 6.1.2.5.4).
 */
export function encodeDataSet(
  elements: readonly ReadElement[],
  context: EncodingContext,
  parent?: Scope,
): DicomJsonDataSet {
  const scope: Scope = { elements, parent, characterSet: characterSetIn(elements) ?? parent?.characterSet ?? [] };
  const dataSet: DicomJsonDataSet = {};
  for (const element of [...elements].sort((a, b) => a.tag - b.tag)) {
    dataSet[tagHex(element.tag)] = encodeAttribute(element, scope, context);
  }
  return dataSet;
}

function encodeAttribute(element: ReadElement, scope: Scope, context: EncodingContext): DicomJsonAttribute {
  const vr = settledVr(element, scope);
  if (element.items !== undefined) {
    if (element.items.length === 0) return { vr };
    return { vr, Value: element.items.map((item) => encodeDataSet(item, context, scope)) };
  }
  if (element.length === 0) return { vr };
  if (element.bytes === undefined) return { vr, BulkDataURI: context.bulkDataUri(locationOf(element, vr, context)) };
  if (isBinaryVr(vr)) return { vr, InlineBinary: Buffer.from(littleEndianBytes(element, vr)).toString('base64') };
  const values = jsonValues(vr, element.bytes, element.littleEndian, scope.characterSet);
  return values.every((value) => value === null) ? { vr } : { vr, Value: values };
}

function characterSetIn(elements: readonly ReadElement[]): CharacterSet | undefined {
  const specific = elements.find((element) => element.tag === SPECIFIC_CHARACTER_SET);
  if (specific === undefined) return undefined;
  return characterSetOf(specific.bytes === undefined ? [] : textValues(specific.bytes, 'CS', []));
}

function locationOf(element: ReadElement, vr: string, context: EncodingContext): BulkDataLocation {
  return {
    path: [...element.parentPath, tagHex(element.tag)],
    vr,
    offset: element.offset,
    length: element.length,
    encapsulated: element.undefinedLength,
    littleEndian: element.littleEndian,
    deflated: context.deflated,
  };
}

/** InlineBinary is little endian whatever the file's byte order (PS3.18 F.2.7 follows PS3.5). */
function littleEndianBytes(element: ReadElement, vr: string): Uint8Array {
  const bytes = element.bytes ?? new Uint8Array(0);
  const size = WORD_SIZE[vr];
  if (element.littleEndian || size === undefined) return bytes;
  const swapped = new Uint8Array(bytes.length);
  for (let word = 0; word + size <= bytes.length; word += size) {
    for (let i = 0; i < size; i++) swapped[word + i] = bytes[word + size - 1 - i] ?? 0;
  }
  return swapped;
}
