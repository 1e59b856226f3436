import { inflateRawSync, inflateSync } from 'node:zlib';
import { invalidPixelModule, notAcceptable } from './codec-errors.js';
import { type ElementSpan, elementSpans } from './element-spans.js';

/** The File Meta Information of a Part 10 file (PS3.10 7.1): its elements and where the data set starts. */
export interface FileMetaSpans {
  readonly elements: readonly ElementSpan[];
  readonly transferSyntaxUid: string;
  readonly dataSetStart: number;
}

const PREAMBLE = 128;
const TRANSFER_SYNTAX_UID = 0x00020010;

/** Finds the File Meta Information; a file without preamble and meta cannot be rewritten as Part 10. */
export function readFileMetaSpans(file: Uint8Array): FileMetaSpans {
  if (file.length < PREAMBLE + 4 || String.fromCharCode(...file.subarray(PREAMBLE, PREAMBLE + 4)) !== 'DICM') {
    throw notAcceptable(
      'The stored file has no File Meta Information (no "DICM" at offset 128), so it cannot be transcoded.',
    );
  }
  const elements = elementSpans(file, PREAMBLE + 4, 0x0002);
  const syntax = elements.find((element) => element.tag === TRANSFER_SYNTAX_UID);
  if (syntax === undefined)
    throw notAcceptable('The stored file names no Transfer Syntax UID, so it cannot be transcoded.');
  const last = elements[elements.length - 1];
  return {
    elements,
    transferSyntaxUid: uidValue(file.subarray(syntax.valueStart, syntax.end)),
    dataSetStart: last?.end ?? PREAMBLE + 4,
  };
}

/** A UI value without its padding (NUL, or the spaces some writers use). */
export function uidValue(bytes: Uint8Array): string {
  return Buffer.from(bytes)
    .toString('latin1')
    .replace(/[\0 ]+$/, '');
}

/** The data set of a deflated file (PS3.5 A.5), inflated: raw deflate, or zlib as some writers wrote it. */
export function inflateDataSet(file: Uint8Array, dataSetStart: number): Uint8Array {
  const compressed = file.subarray(dataSetStart);
  try {
    return inflateRawSync(compressed);
  } catch {
    try {
      return inflateSync(compressed);
    } catch (cause) {
      throw invalidPixelModule('the deflated data set does not inflate', { cause: String(cause) });
    }
  }
}
