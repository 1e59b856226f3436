import { bufferSource, type ByteSource } from '../byte-source.js';
import { parseInstance } from '../parse-instance.js';

/** Test support: encodes small DICOM files element by element, in any of the native syntaxes. */

export interface Encoding {
  explicitVr: boolean;
  littleEndian: boolean;
}

export const EXPLICIT_LE: Encoding = { explicitVr: true, littleEndian: true };
export const IMPLICIT_LE: Encoding = { explicitVr: false, littleEndian: true };
export const EXPLICIT_BE: Encoding = { explicitVr: true, littleEndian: false };

export const EXPLICIT = '1.2.840.10008.1.2.1';
export const IMPLICIT = '1.2.840.10008.1.2';
export const BIG_ENDIAN = '1.2.840.10008.1.2.2';
export const JPEG_BASELINE = '1.2.840.10008.1.2.4.50';
export const DEFLATED = '1.2.840.10008.1.2.1.99';

const LONG = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
const UNDEFINED = 0xffffffff;

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

function uint(value: number, bytes: 2 | 4, littleEndian: boolean): Uint8Array {
  const out = Buffer.alloc(bytes);
  if (bytes === 2) {
    if (littleEndian) out.writeUInt16LE(value);
    else out.writeUInt16BE(value);
  } else if (littleEndian) out.writeUInt32LE(value);
  else out.writeUInt32BE(value);
  return new Uint8Array(out);
}

function tagBytes(tag: number, littleEndian: boolean): Uint8Array {
  return concat([uint(tag >>> 16, 2, littleEndian), uint(tag & 0xffff, 2, littleEndian)]);
}

/** One data element; `length` overrides the encoded length (UNDEFINED for delimited values). */
export function element(
  tag: number,
  vr: string,
  value: Uint8Array,
  encoding = EXPLICIT_LE,
  length?: number,
): Uint8Array {
  const le = encoding.littleEndian;
  const size = length ?? value.length;
  if (!encoding.explicitVr) return concat([tagBytes(tag, le), uint(size, 4, le), value]);
  const vrBytes = new Uint8Array(Buffer.from(vr, 'latin1'));
  if (LONG.has(vr)) return concat([tagBytes(tag, le), vrBytes, new Uint8Array(2), uint(size, 4, le), value]);
  return concat([tagBytes(tag, le), vrBytes, uint(size, 2, le), value]);
}

/** A string element, padded to even length (UI with NUL, others with a space). */
export function text(tag: number, vr: string, value: string | Uint8Array, encoding = EXPLICIT_LE): Uint8Array {
  const bytes = typeof value === 'string' ? new Uint8Array(Buffer.from(value, 'latin1')) : value;
  const padded = bytes.length % 2 === 0 ? bytes : concat([bytes, Uint8Array.of(vr === 'UI' ? 0 : 0x20)]);
  return element(tag, vr, padded, encoding);
}

export function us(tag: number, value: number, encoding = EXPLICIT_LE): Uint8Array {
  return element(tag, 'US', uint(value, 2, encoding.littleEndian), encoding);
}

/** An item (FFFE,E000) holding elements; defined length unless `undefinedLength`. */
export function item(elements: readonly Uint8Array[], littleEndian = true, undefinedLength = false): Uint8Array {
  const body = concat(elements);
  if (!undefinedLength) return concat([tagBytes(0xfffee000, littleEndian), uint(body.length, 4, littleEndian), body]);
  const end = concat([tagBytes(0xfffee00d, littleEndian), uint(0, 4, littleEndian)]);
  return concat([tagBytes(0xfffee000, littleEndian), uint(UNDEFINED, 4, littleEndian), body, end]);
}

/** A sequence of undefined length (closed by a delimiter) or of defined length. */
export function sequence(
  tag: number,
  items: readonly Uint8Array[],
  encoding = EXPLICIT_LE,
  vr = 'SQ',
  undefinedLength = true,
) {
  const body = concat(items);
  if (!undefinedLength) return element(tag, vr, body, encoding);
  const end = concat([tagBytes(0xfffee0dd, encoding.littleEndian), uint(0, 4, encoding.littleEndian)]);
  return concat([element(tag, vr, new Uint8Array(0), encoding, UNDEFINED), body, end]);
}

/** Encapsulated Pixel Data (PS3.5 A.4): a Basic Offset Table item, fragments, a delimiter. */
export function encapsulatedPixelData(fragments: readonly Uint8Array[], offsets: readonly number[] = []): Uint8Array {
  const table = concat(offsets.map((offset) => uint(offset, 4, true)));
  return sequence(0x7fe00010, [item([table]), ...fragments.map((fragment) => item([fragment]))], EXPLICIT_LE, 'OB');
}

/** The elements of File Meta Information (group 0002), its group length first. */
export function fileMetaElements(transferSyntaxUid: string): Uint8Array[] {
  const body = [
    element(0x00020001, 'OB', Uint8Array.of(0, 1)),
    text(0x00020002, 'UI', '1.2.840.10008.5.1.4.1.1.2'),
    text(0x00020003, 'UI', '1.2.3.4'),
    text(0x00020010, 'UI', transferSyntaxUid),
  ];
  return [element(0x00020000, 'UL', uint(concat(body).length, 4, true)), ...body];
}

export function fileMeta(transferSyntaxUid: string): Uint8Array {
  return concat(fileMetaElements(transferSyntaxUid));
}

/** A Part 10 file: preamble, "DICM", meta information, then the data set's elements. */
export function part10(transferSyntaxUid: string, dataSet: readonly Uint8Array[]): Uint8Array {
  return concat([new Uint8Array(128), new Uint8Array(Buffer.from('DICM')), fileMeta(transferSyntaxUid), ...dataSet]);
}

/** The four UIDs every instance needs, plus a name, in tag order for the given encoding. */
export function identity(encoding = EXPLICIT_LE, sopInstanceUid = '1.2.3.4'): Uint8Array[] {
  return [
    text(0x00080016, 'UI', '1.2.840.10008.5.1.4.1.1.2', encoding),
    text(0x00080018, 'UI', sopInstanceUid, encoding),
    text(0x00080060, 'CS', 'CT', encoding),
    text(0x00100010, 'PN', 'Doe^Jane', encoding),
    text(0x0020000d, 'UI', '1.2.3', encoding),
    text(0x0020000e, 'UI', '1.2.3.1', encoding),
  ];
}

/** Wraps a ByteSource and counts what is read through it. */
export function countingSource(inner: ByteSource): { source: ByteSource; reads: { offset: number; length: number }[] } {
  const reads: { offset: number; length: number }[] = [];
  return {
    reads,
    source: {
      size: inner.size,
      read: async (offset, length) => {
        reads.push({ offset, length });
        return inner.read(offset, length);
      },
    },
  };
}

export const bytesRead = (reads: readonly { length: number }[]): number =>
  reads.reduce((total, read) => total + read.length, 0);

/** Parses bytes held in memory, optionally with a header limit (the tests' usual call). */
export const parseBytes = (bytes: Uint8Array, maxHeaderBytes?: number) =>
  parseInstance(bufferSource(bytes), maxHeaderBytes === undefined ? {} : { maxHeaderBytes });
