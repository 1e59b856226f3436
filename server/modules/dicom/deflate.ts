import { inflateRawSync, inflateSync } from 'node:zlib';
import { systemErrorCode } from '../errors/index.js';
import { dicomError, malformedAt } from './dicom-errors.js';
import type { SourceReader } from './source-reader.js';

/**
 * Inflates a deflated data set (PS3.5 A.5: raw deflate after the File Meta Information). The
 * whole file is read: a deflated file has no byte range that is its pixels, so it is stored as one
 * part, and its inflated data set counts as header against `maxBytes`.
 */
export async function inflateDataSet(reader: SourceReader, start: number, maxBytes: number): Promise<Uint8Array> {
  const length = reader.size - start;
  await reader.ensure(start, length, 'the deflated data set', false);
  const compressed = reader.bytes(start, length);
  try {
    return inflateRawSync(compressed, { maxOutputLength: maxBytes });
  } catch (error) {
    const code = systemErrorCode(error);
    if (code === 'ERR_BUFFER_TOO_LARGE') {
      throw dicomError(
        'dicom.header_too_large',
        `The deflated data set inflates to more than ${maxBytes} bytes (maxHeaderBytes).`,
        { offset: start, maxHeaderBytes: maxBytes },
      );
    }
    if (code === 'Z_BUF_ERROR') {
      throw dicomError(
        'dicom.truncated',
        `The file is truncated: the deflated data set from offset ${start} ends early.`,
        {
          offset: start,
          size: reader.size,
        },
      );
    }
    // Some writers wrapped the stream in a zlib header, against the standard; it is unambiguous.
    try {
      return inflateSync(compressed, { maxOutputLength: maxBytes });
    } catch {
      throw malformedAt(start, 'the deflated data set is not a deflate stream');
    }
  }
}
