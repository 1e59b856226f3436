// Shared by the multipart reader's tests: read a whole body into plain values, or its refusal.
import { createHash } from 'node:crypto';
import { isStrataError } from '@strata/modules/errors';
import { formatMediaType } from '../media-type.js';
import { readMultipartRelated, type MultipartLimits } from '../multipart-reader.js';
import { awkwardBytes, collect } from './chunks.js';

/** A Content-Type with the boundary the hand-written bodies use. */
export const TYPE = 'multipart/related; type="application/dicom"; boundary=b0und';

export interface ReadPart {
  headers: Record<string, string>;
  contentType: string | undefined;
  body: string;
}

/** Every part of a body, read through the reader, bodies as latin1 text. */
export async function readAll(
  source: AsyncIterable<Uint8Array>,
  contentType: string | undefined = TYPE,
  limits?: Partial<MultipartLimits>,
): Promise<ReadPart[]> {
  const parts: ReadPart[] = [];
  for await (const part of readMultipartRelated(source, contentType, limits).parts) {
    const body = (await collect(part.body)).toString('latin1');
    const contentType = part.contentType && formatMediaType(part.contentType);
    parts.push({ headers: Object.fromEntries(part.headers), contentType, body });
  }
  return parts;
}

/** A body delivered as one chunk. */
export const whole = async function* (text: string | Uint8Array) {
  yield typeof text === 'string' ? Buffer.from(text, 'latin1') : text;
};

/** What reading a body gives: its parts, or the code and reason it is refused with. */
export async function outcome(source: AsyncIterable<Uint8Array>): Promise<ReadPart[] | string> {
  try {
    return await readAll(source);
  } catch (error) {
    if (isStrataError(error)) return [error.code, error.details?.['reason']].join(' ');
    throw error;
  }
}

/** The code and reason a body is refused with. */
export async function refusal(read: () => Promise<unknown>): Promise<string> {
  try {
    await read();
  } catch (error) {
    if (isStrataError(error)) return [error.code, error.details?.['reason'] ?? error.details?.['limit']].join(' ');
    throw error;
  }
  throw new Error('the body was accepted');
}

/** Large buffers compared by digest: Jest compares buffers element by element, slowly. */
export const digests = (buffers: readonly Uint8Array[]) =>
  buffers.map((b) => createHash('sha256').update(b).digest('hex'));

/** A stand-in DICOM file: preamble, DICM, then bytes full of CRLF and "--". */
export function dicomFile(length: number, seed: number): Buffer {
  const file = awkwardBytes(length, seed);
  Buffer.from('DICM').copy(file, 128);
  return file;
}
