import { open, rm } from 'node:fs/promises';
import type { BlobWriter } from '@strata/modules/blob';
import {
  bufferSource,
  decodeDicomJson,
  differencesFromSent,
  segmentLength,
  writePart10,
  type DecodedDicomJson,
  type Part10Segment,
} from '@strata/modules/dicom';
import { isStrataError } from '@strata/modules/errors';
import { ingestBytes, ingestFile, type IngestedInstance } from '../ingest/ingest-file.js';
import { CHUNK } from '../ingest/store-file.js';
import type { BulkDataParts } from './bulk-data-parts.js';
import { spooledSource } from './part-body.js';
import { FAILURE, failureOf, WARNING, type FailedInstance } from './stow-outcome.js';

export interface JsonInstanceContext {
  readonly bulkData: BulkDataParts;
  /** The study of the request URL: data sets of other studies fail. */
  readonly studyUid: string | undefined;
  /** Where the written Part 10 bytes go when they are larger than `inMemory` (the spool made on demand). */
  readonly spoolFile: () => Promise<string>;
  readonly inMemory: number;
}

const AVAILABLE_TRANSFER_SYNTAX_UID = '00083002';
const TRANSFER_SYNTAX_UID = '00020010';
const MAX_DIFFERENCES_REPORTED = 5;

/**
 * One data set of a metadata and bulk data request: written as a Part 10 file (in memory, or
 * through the spool when large), read back and compared with what was sent, then stored like a
 * received instance. Anything that keeps it from being stored exactly as sent is a failure with
 * its reason; the other data sets of the request proceed.
 */
export async function ingestJsonDataSet(
  blobs: BlobWriter,
  dataSet: unknown,
  context: JsonInstanceContext,
): Promise<(IngestedInstance & { warningReason?: number }) | FailedInstance> {
  const uids = uidsOf(dataSet);
  let decoded: DecodedDicomJson;
  try {
    // Which syntax compressed frames are in, when their media type allows several: what the
    // metadata says the instance was (some servers send TransferSyntaxUID, which F.2.2 leaves out).
    const hint = firstString(dataSet, AVAILABLE_TRANSFER_SYNTAX_UID) ?? firstString(dataSet, TRANSFER_SYNTAX_UID);
    decoded = await decodeDicomJson(dataSet, {
      resolveBulkData: (uri, target) => context.bulkData.resolve(uri, target, hint),
    });
  } catch (error) {
    if (!isStrataError(error) || error.kind !== 'invalid') throw error;
    return failureOf(error.code, error.message, uids);
  }
  if (context.studyUid !== undefined && decoded.studyInstanceUid !== context.studyUid) {
    return {
      ...uids,
      reason: FAILURE.studyMismatch,
      code: 'stow.study_mismatch',
      message: `The data set belongs to study ${decoded.studyInstanceUid}, not to ${context.studyUid} of the request URL.`,
    };
  }
  let segments: Part10Segment[];
  try {
    segments = writePart10(decoded.elements, decoded);
  } catch (error) {
    if (!isStrataError(error) || error.kind !== 'invalid') throw error;
    return failureOf(error.code, error.message, uids);
  }
  const size = segments.reduce((sum, segment) => sum + segmentLength(segment), 0);
  let spooled: string | undefined;
  try {
    let held: { bytes: Buffer } | { file: string };
    if (size <= context.inMemory) {
      held = { bytes: await inMemory(segments, size) };
    } else {
      spooled = await context.spoolFile();
      await spool(segments, spooled);
      held = { file: spooled };
    }
    const written = 'bytes' in held ? bufferSource(held.bytes) : spooledSource(held.file, size);
    const differences = await differencesFromSent(written, decoded);
    if (differences.length > 0) {
      return {
        ...uids,
        reason: FAILURE.processing,
        code: 'stow.written_differs',
        message: `The file written from the data set does not read back as sent, so it was not stored: ${differences
          .slice(0, MAX_DIFFERENCES_REPORTED)
          .join('; ')}.`,
      };
    }
    const instance =
      'bytes' in held
        ? await ingestBytes(blobs, held.bytes)
        : await ingestFile(blobs, held.file, Buffer.allocUnsafe(CHUNK));
    return decoded.characterSetReplaced ? { ...instance, warningReason: WARNING.coercion } : instance;
  } catch (error) {
    if (!isStrataError(error) || !error.code.startsWith('dicom.')) throw error;
    return failureOf(error.code, error.message, uids);
  } finally {
    if (spooled !== undefined) await rm(spooled, { force: true });
  }
}

async function inMemory(segments: readonly Part10Segment[], size: number): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for (const segment of segments) {
    parts.push(segment instanceof Uint8Array ? segment : await segment.read(0, segment.size));
  }
  return Buffer.concat(parts, size);
}

/** Writes the file chunk by chunk, so that a large bulk value is never held whole. */
async function spool(segments: readonly Part10Segment[], file: string): Promise<void> {
  const handle = await open(file, 'w');
  try {
    for (const segment of segments) {
      if (segment instanceof Uint8Array) {
        await handle.write(segment);
        continue;
      }
      for (let offset = 0; offset < segment.size; offset += CHUNK) {
        await handle.write(await segment.read(offset, Math.min(CHUNK, segment.size - offset)));
      }
    }
  } finally {
    await handle.close();
  }
}

/** SOP Class and Instance UIDs as sent, for the FailedSOPSequence, whatever else is wrong. */
function uidsOf(dataSet: unknown): Pick<FailedInstance, 'sopUid' | 'sopClassUid'> {
  const sopUid = firstString(dataSet, '00080018');
  const sopClassUid = firstString(dataSet, '00080016');
  return { ...(sopUid !== undefined && { sopUid }), ...(sopClassUid !== undefined && { sopClassUid }) };
}

function firstString(dataSet: unknown, tag: string): string | undefined {
  if (typeof dataSet !== 'object' || dataSet === null) return undefined;
  const attribute = (dataSet as Record<string, unknown>)[tag];
  const value = (attribute as { Value?: unknown } | undefined)?.Value;
  const first = Array.isArray(value) ? (value[0] as unknown) : undefined;
  return typeof first === 'string' ? first : undefined;
}
