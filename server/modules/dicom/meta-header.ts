import { dicomError, formatTag, malformedAt, truncatedAt } from './dicom-errors.js';
import { EXPLICIT_LITTLE_ENDIAN, readElementHeader, startsExplicit, UNDEFINED_LENGTH } from './element-reader.js';
import type { SourceReader } from './source-reader.js';
import { EXPLICIT_VR_BIG_ENDIAN, EXPLICIT_VR_LITTLE_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN } from './transfer-syntax.js';
import { isKnownVr, looksLikeVr } from './vr-dictionary.js';

const PREAMBLE_LENGTH = 128;
const TRANSFER_SYNTAX_UID = 0x00020010;

/** What the File Meta Information (or, without one, the first bytes) says about the data set. */
export interface FileMeta {
  /** Transfer Syntax UID (0002,0010), or the one the data set's first element shows. */
  readonly transferSyntaxUid: string;
  /** Offset of the data set's first element. */
  readonly dataSetStart: number;
}

/**
 * Reads the preamble and File Meta Information (PS3.10 7.1). Files without them are accepted when
 * they start with a group 0008 element, as old archives wrote them (PS3.10 7.1 predates them):
 * in implicit VR Little Endian, or, as pydicom also reads them, explicit VR in either byte order.
 */
export async function readFileMeta(reader: SourceReader): Promise<FileMeta> {
  const size = reader.size;
  if (size >= PREAMBLE_LENGTH + 4) {
    await reader.ensure(0, PREAMBLE_LENGTH + 4, 'the preamble');
    if (String.fromCharCode(...reader.bytes(PREAMBLE_LENGTH, 4)) === 'DICM') {
      return readMetaGroup(reader, PREAMBLE_LENGTH + 4);
    }
  }
  if (size >= 8) {
    await reader.ensure(0, 8, 'the first element');
    if (reader.uint16(0, true) === 0x0002 && looksLikeVr(reader.uint8(4), reader.uint8(5))) {
      return readMetaGroup(reader, 0);
    }
    const sniffed = sniffDataSet(reader);
    if (sniffed !== undefined) return { transferSyntaxUid: sniffed, dataSetStart: 0 };
  }
  throw dicomError(
    'dicom.not_dicom',
    'Not a DICOM file: there is no "DICM" prefix at offset 128, and the file does not start with a group 0002 or 0008 data element.',
    { size },
  );
}

/** Reads group 0002 elements until another group starts; their encoding is explicit VR LE. */
async function readMetaGroup(reader: SourceReader, start: number): Promise<FileMeta> {
  let offset = start;
  let transferSyntaxUid: string | undefined;
  while (offset + 2 <= reader.size) {
    await reader.ensure(offset, 2, 'the File Meta Information');
    if (reader.uint16(offset, true) !== 0x0002) break;
    const header = await readElementHeader(reader, offset, EXPLICIT_LITTLE_ENDIAN);
    if (header.length === UNDEFINED_LENGTH) {
      throw malformedAt(offset, `File Meta Information element ${formatTag(header.tag)} has an undefined length`);
    }
    const end = header.valueStart + header.length;
    if (end > reader.size) {
      throw truncatedAt(header.valueStart, header.length, reader.size, `the value of ${formatTag(header.tag)}`);
    }
    if (header.tag === TRANSFER_SYNTAX_UID) {
      await reader.ensure(header.valueStart, header.length, 'the Transfer Syntax UID');
      transferSyntaxUid = uidText(reader.bytes(header.valueStart, header.length));
    }
    offset = end;
  }
  if (transferSyntaxUid === undefined || transferSyntaxUid === '') {
    // pydicom assumes implicit VR Little Endian and lets the data decide, and so does this parser.
    const explicit = await startsExplicit(reader, offset);
    transferSyntaxUid = explicit === true ? EXPLICIT_VR_LITTLE_ENDIAN : IMPLICIT_VR_LITTLE_ENDIAN;
  }
  return { transferSyntaxUid, dataSetStart: offset };
}

/** The transfer syntax of a data set without meta information, from its first element. */
function sniffDataSet(reader: SourceReader): string | undefined {
  const vr = String.fromCharCode(reader.uint8(4), reader.uint8(5));
  const explicit = looksLikeVr(reader.uint8(4), reader.uint8(5)) && isKnownVr(vr);
  if (reader.uint16(0, true) === 0x0008) {
    if (explicit) return EXPLICIT_VR_LITTLE_ENDIAN;
    const length = reader.uint32(4, true);
    return length === UNDEFINED_LENGTH || length <= reader.size - 8 ? IMPLICIT_VR_LITTLE_ENDIAN : undefined;
  }
  if (reader.uint16(0, false) === 0x0008 && explicit) return EXPLICIT_VR_BIG_ENDIAN;
  return undefined;
}

/** A UI value as text: padding (NUL, and the spaces some writers use) removed. */
export function uidText(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes)
    .replace(/[\0 ]+$/, '')
    .trim();
}
