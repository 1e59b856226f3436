import { createHash } from 'node:crypto';
import { StrataError } from '../errors/index.js';
import { bufferSource } from './byte-source.js';
import { type ReadElement, readDataSet } from './dataset-reader.js';
import { detectSyntax } from './dataset-scanner.js';
import { elementHeader, explicitElement, itemHeader } from './element-writer.js';
import type { BulkDataLocation, DicomJsonDataSet } from './dicom-json-model.js';
import { readInstanceMetadata } from './instance-metadata.js';
import { readFileMeta } from './meta-header.js';
import { SourceReader } from './source-reader.js';
import { settledVr } from './settled-vr.js';
import { EXPLICIT_VR_LITTLE_ENDIAN, requireTransferSyntax } from './transfer-syntax.js';
import { hasLongVrLength } from './vr-dictionary.js';

/** The size of the words a big-endian value is swapped by, per VR (PS3.5 7.3); others are bytes. */
const WORD_SIZE: Readonly<Record<string, number>> = {
  AT: 2,
  OW: 2,
  SS: 2,
  US: 2,
  FL: 4,
  OF: 4,
  OL: 4,
  SL: 4,
  UL: 4,
  FD: 8,
  OD: 8,
  OV: 8,
  SV: 8,
  UV: 8,
};
const BINARY_WORDS: Readonly<Record<string, number>> = { OW: 2, OF: 4, OL: 4, OD: 8, OV: 8 };
const PREAMBLE = 128;
const TRANSFER_SYNTAX_UID = 0x00020010;
const PIXEL_DATA = 0x7fe00010;
const BITS_ALLOCATED = 0x00280100;
const ITEM = 0xfffee000;
const SEQUENCE_DELIMITER = 0xfffee0dd;
const UNDEFINED = 0xffffffff;

/** A data set being written, for the attributes that settle another element's VR. */
interface Scope {
  readonly elements: readonly ReadElement[];
  readonly parent: Scope | undefined;
  /** The bytes of one sample of the top-level Pixel Data (see pixelWordSize). */
  readonly pixelWord?: number;
}

/**
 * Big-endian Pixel Data is swapped per sample of Bits Allocated, not per 16-bit OW word: 32-bit
 * samples (RT Dose) are 32-bit big-endian numbers in every writer, and pydicom reads them so.
 */
function pixelWordSize(elements: readonly ReadElement[], littleEndian: boolean): number {
  if (littleEndian) return 1;
  const bits = elements.find((candidate) => candidate.tag === BITS_ALLOCATED);
  const value =
    bits?.bytes !== undefined && bits.bytes.length >= 2
      ? new DataView(bits.bytes.buffer, bits.bytes.byteOffset, 2).getUint16(0, false)
      : 16;
  return value > 8 ? value / 8 : 2;
}

/**
 * Rewrites a Part 10 file of Implicit VR Little Endian or Explicit VR Big Endian as Explicit VR
 * Little Endian, byte by byte and without dcmjs (shared/notes/dcmjs-gaps.md): each element gets
 * its VR from the file (big endian) or from PS3.6 (implicit; private and unknown tags are UN,
 * private creators LO), US/SS and OB/OW choices settled by Pixel Representation and Bits Allocated
 * as PS3.5 and pydicom do; big-endian words are swapped per VR; text and other bytes are kept.
 * Sequences keep their items; item lengths are recomputed (a sequence of undefined length stays
 * so). The output is parsed again and every value compared with the source's before it is
 * returned: a difference is `dicom.reencoding_mismatch`, never a wrong file. A file whose data
 * set is already Explicit VR Little Endian is returned as it is; an encapsulated syntax whose
 * writer put an implicit VR data set around the fragments keeps its UID, fragments copied.
 */
export async function toExplicitVrLittleEndian(file: Uint8Array): Promise<Uint8Array> {
  const reader = new SourceReader(bufferSource(file), Infinity);
  const meta = await readFileMeta(reader);
  const declared = requireTransferSyntax(meta.transferSyntaxUid);
  if (declared.deflated || meta.dataSetStart < PREAMBLE + 4) {
    throw unsupported(
      `a file in ${meta.transferSyntaxUid}${meta.dataSetStart < PREAMBLE + 4 ? ' without File Meta Information' : ''} is not re-encoded element by element`,
    );
  }
  const syntax = await detectSyntax(reader, meta.dataSetStart, declared);
  if (syntax.explicitVr && syntax.littleEndian) return file;
  // Encapsulated syntaxes keep their UID: some writers put an implicit VR data set around JPEG fragments.
  const target = declared.encapsulated ? meta.transferSyntaxUid : EXPLICIT_VR_LITTLE_ENDIAN;
  const elements = await readDataSet(reader, meta.dataSetStart, syntax, {
    bulkDataThreshold: Infinity,
    inlineBinaryThreshold: Infinity,
  });
  const chunks: Uint8Array[] = [file.subarray(0, PREAMBLE + 4), metaGroup(file, meta.dataSetStart, target)];
  const pixelWord = pixelWordSize(elements, syntax.littleEndian);
  writeDataSet(file, elements, { elements, parent: undefined, pixelWord }, chunks);
  const out = Buffer.concat(chunks);
  await checkSameValues(file, out, pixelWord);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** The File Meta Information with `transferSyntaxUid` and its group length recomputed. */
function metaGroup(file: Uint8Array, end: number, transferSyntaxUid: string): Uint8Array {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const kept: Uint8Array[] = [];
  let offset = PREAMBLE + 4;
  while (offset + 8 <= end) {
    const tag = ((view.getUint16(offset, true) << 16) | view.getUint16(offset + 2, true)) >>> 0;
    const vr = String.fromCharCode(file[offset + 4] ?? 0, file[offset + 5] ?? 0);
    const long = hasLongVrLength(vr);
    const valueStart = offset + (long ? 12 : 8);
    const next = valueStart + (long ? view.getUint32(offset + 8, true) : view.getUint16(offset + 6, true));
    if (tag === TRANSFER_SYNTAX_UID) kept.push(explicitElement(tag, 'UI', uidBytes(transferSyntaxUid)));
    else if (tag !== 0x00020000) kept.push(file.subarray(offset, next));
    offset = next;
  }
  const body = Buffer.concat(kept);
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, body.length, true);
  return Buffer.concat([explicitElement(0x00020000, 'UL', length), body]);
}

function writeDataSet(file: Uint8Array, elements: readonly ReadElement[], scope: Scope, out: Uint8Array[]): void {
  for (const read of [...elements].sort((a, b) => a.tag - b.tag)) writeElement(file, read, scope, out);
}

function writeElement(file: Uint8Array, read: ReadElement, scope: Scope, out: Uint8Array[]): void {
  const vr = settledVr(read, scope);
  if (read.items !== undefined) {
    const items: Uint8Array[] = [];
    for (const item of read.items) {
      const content: Uint8Array[] = [];
      writeDataSet(file, item, { elements: item, parent: scope }, content);
      const body = Buffer.concat(content);
      items.push(itemHeader(ITEM, body.length), body);
    }
    if (read.undefinedLength) items.push(itemHeader(SEQUENCE_DELIMITER, 0));
    const body = Buffer.concat(items);
    out.push(elementHeader(read.tag, 'SQ', read.undefinedLength ? UNDEFINED : body.length), body);
    return;
  }
  if (read.undefinedLength) {
    // A value of undefined length that is not a sequence is encapsulated: only little endian keeps its items readable.
    if (!read.littleEndian) throw unsupported(`an encapsulated value ${read.tag.toString(16)} in big endian`);
    out.push(elementHeader(read.tag, vr, UNDEFINED), file.subarray(read.offset, read.offset + read.length));
    return;
  }
  const value = read.bytes ?? file.subarray(read.offset, read.offset + read.length);
  const word =
    read.tag === PIXEL_DATA && scope.pixelWord !== undefined && vr === 'OW' ? scope.pixelWord : WORD_SIZE[vr];
  const littleEndian = read.littleEndian ? value : swapped(value, word ?? 1);
  // A value too long for a 16-bit length can only be written as UN (PS3.5 6.2.2).
  const written = !hasLongVrLength(vr) && littleEndian.length > 0xfffe ? 'UN' : vr;
  out.push(elementHeader(read.tag, written, littleEndian.length), littleEndian);
}

function uidBytes(uid: string): Uint8Array {
  const text = uid.length % 2 === 0 ? uid : `${uid}\0`;
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

/** A copy with each word's bytes reversed. */
function swapped(bytes: Uint8Array, wordSize: number): Uint8Array {
  if (wordSize === 1) return bytes;
  const out = new Uint8Array(bytes.length);
  for (let word = 0; word + wordSize <= bytes.length; word += wordSize) {
    for (let i = 0; i < wordSize; i++) out[word + i] = bytes[word + wordSize - 1 - i] as number;
  }
  return out;
}

/** Both files' data sets in the DICOM JSON model, bulk values by digest: they must be equal. */
async function checkSameValues(source: Uint8Array, written: Uint8Array, pixelWord: number): Promise<void> {
  const [before, after] = [await comparable(source, pixelWord), await comparable(written, 1)];
  const difference = firstDifference(before, after);
  if (difference !== undefined) {
    throw new StrataError(
      'dicom.reencoding_mismatch',
      'not_acceptable',
      `The instance could not be re-encoded as Explicit VR Little Endian faithfully: ${difference} differs after re-encoding, so it is only served as stored.`,
      { details: { attribute: difference } },
    );
  }
}

async function comparable(file: Uint8Array, pixelWord: number): Promise<DicomJsonDataSet> {
  const digest = (location: BulkDataLocation): string => {
    const value = file.subarray(location.offset, location.offset + location.length);
    const pixels = location.path.length === 1 && location.path[0] === '7FE00010' && location.vr === 'OW';
    const words = location.littleEndian ? value : swapped(value, pixels ? pixelWord : (BINARY_WORDS[location.vr] ?? 1));
    return createHash('sha256').update(words).digest('hex');
  };
  const dataSet = await readInstanceMetadata(bufferSource(file), {
    bulkDataUri: digest,
    availableTransferSyntax: false,
  });
  return dataSet;
}

/** The tag path of the first attribute that differs, or undefined. */
function firstDifference(a: DicomJsonDataSet, b: DicomJsonDataSet, path = ''): string | undefined {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of [...keys].sort()) {
    const [x, y] = [a[key], b[key]];
    if (x === undefined || y === undefined || x.vr !== y.vr) return `${path}${key}`;
    const [xs, ys] = [x.Value ?? [], y.Value ?? []];
    if (xs.length !== ys.length || x.BulkDataURI !== y.BulkDataURI || x.InlineBinary !== y.InlineBinary) {
      return `${path}${key}`;
    }
    for (const [index, value] of xs.entries()) {
      const other = ys[index];
      if (x.vr === 'SQ') {
        const inner = firstDifference(value as DicomJsonDataSet, other as DicomJsonDataSet, `${path}${key}/${index}/`);
        if (inner !== undefined) return inner;
      } else if (JSON.stringify(value) !== JSON.stringify(other)) return `${path}${key}`;
    }
  }
  return undefined;
}

function unsupported(reason: string): StrataError {
  return new StrataError(
    'request.not_acceptable',
    'not_acceptable',
    `The instance cannot be re-encoded as Explicit VR Little Endian: ${reason}.`,
    { details: { reason } },
  );
}
