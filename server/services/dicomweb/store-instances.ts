import { rm } from 'node:fs/promises';
import type { BlobWriter } from '@strata/modules/blob';
import { isStrataError, StrataError } from '@strata/modules/errors';
import type { DatasetRecord } from '@strata/models';
import { ingestBytes, ingestFile, type IngestedInstance } from '../ingest/ingest-file.js';
import { CHUNK } from '../ingest/store-file.js';
import type { Actor } from '../access/actor.js';
import { commitEvent } from '../collaboration/ref-changes.js';
import { commitChanges } from '../versioning/commit-changes.js';
import type { Author, VersioningDeps } from '../versioning/versioning-deps.js';
import { ingestJsonDataSet } from './json-instance.js';
import { MetadataAndBulkData, type MetadataAndBulkDataOptions } from './metadata-and-bulk-data.js';
import { receive, releaseReceiveBuffer, Spool, type Received } from './part-body.js';
import {
  FAILURE,
  failureOf,
  type FailedInstance,
  type StoredInstance,
  type StowPart,
  type StowResult,
} from './stow-outcome.js';

export {
  FAILURE,
  WARNING,
  type FailedInstance,
  type StoredInstance,
  type StowPart,
  type StowResult,
} from './stow-outcome.js';

export interface StoreRequest {
  dataset: DatasetRecord;
  branch: string;
  /** The study of the request URL (`…/studies/{study}`): instances of other studies fail. */
  studyUid?: string;
  author: Author;
  /** Who is storing: the commit's audit event names them. */
  actor: Actor;
  message: string;
  /** A directory for parts while they are parsed (each part is written there, then removed). */
  spoolDir: string;
  parts: AsyncIterable<StowPart>;
  /** Parts up to this size are parsed and stored from memory, larger ones through the spool (default 64 MiB). */
  inMemoryPartBytes?: number;
  /**
   * The body is `multipart/related; type="application/dicom+json"`: DICOM JSON metadata parts and
   * the bulk data parts they refer to (application/dicom parts are taken too, as instances).
   */
  metadataAndBulkData?: MetadataAndBulkDataOptions;
}

const DICOM = 'application/dicom';

const IN_MEMORY_PART = 64 * 1024 * 1024;

/**
 * STOW-RS into a branch: every part is streamed to disk (memory stays at one chunk whatever the
 * request's size), parsed up to its pixel data and stored in the blob store; the accepted instances
 * become one commit, made only after the whole body was read. A part that fails is reported with
 * its reason and the others proceed; a body that breaks off (the `parts` iterable throws) commits
 * nothing. Parts stored for a request that commits nothing are discarded or collected by gc. With
 * `metadataAndBulkData`, DICOM JSON data sets are written as Part 10 files from their metadata and
 * bulk data parts once the whole body is read, and join the same commit.
 */
export async function storeInstances(deps: VersioningDeps, request: StoreRequest): Promise<StowResult> {
  const spool = new Spool(request.spoolDir);
  const blobs = deps.blobStore.batch();
  const inMemory = request.inMemoryPartBytes ?? IN_MEMORY_PART;
  // Parts arrive one after another, but each waits mostly on its blobs' fsyncs: while one is
  // stored, the next is read, with up to PARTS_IN_FLIGHT being stored at once.
  const outcomes: Promise<IngestedInstance | FailedInstance>[] = [];
  const inFlight = new Set<Promise<unknown>>();
  const start = async (outcome: Promise<IngestedInstance | FailedInstance>) => {
    // Handled at once (and again by Promise.all below), so a failure never goes unobserved.
    const settled: Promise<unknown> = outcome.then(
      () => inFlight.delete(settled),
      () => inFlight.delete(settled),
    );
    inFlight.add(settled);
    outcomes.push(outcome);
    if (inFlight.size >= PARTS_IN_FLIGHT) await Promise.race(inFlight);
  };
  const json =
    request.metadataAndBulkData === undefined
      ? undefined
      : new MetadataAndBulkData(spool, inMemory, request.metadataAndBulkData);
  try {
    let index = 0;
    for await (const part of request.parts) {
      if (json !== undefined && part.contentType !== DICOM) {
        await json.receive(part, index++);
        continue;
      }
      const name = `${index++}.dcm`;
      const received = await receivePart(part, () => spool.path(name), inMemory);
      await start('reason' in received ? Promise.resolve(received) : ingestPart(blobs, received, request.studyUid));
    }
    const warnings: string[] = [];
    if (json !== undefined) {
      if (!json.hasMetadata && outcomes.length === 0 && index > 0) {
        throw new StrataError(
          'stow.no_metadata',
          'invalid',
          'The request is metadata and bulk data (type="application/dicom+json") but has no application/dicom+json part.',
        );
      }
      for (const [i, dataSet] of json.dataSets.entries()) {
        const context = {
          bulkData: json.bulkData,
          studyUid: request.studyUid,
          spoolFile: () => spool.path(`json-${i}.dcm`),
          inMemory,
        };
        await start(ingestJsonDataSet(blobs, dataSet, context));
      }
    }
    const { accepted, failed } = sortOut(await Promise.all(outcomes));
    // Only now has every data set asked for its bulk data.
    const unreferenced = json?.bulkData.unreferenced() ?? [];
    if (unreferenced.length > 0) {
      warnings.push(
        `${unreferenced.length} bulk data part(s) that no data set refers to were ignored: ${unreferenced
          .slice(0, 5)
          .map((location) => (location === '' ? '(no Content-Location)' : location))
          .join(', ')}`,
      );
    }
    const items = [...accepted.values()];
    if (items.length === 0) return { commit: undefined, stored: [], failed, warnings };
    await blobs.sync();
    const result = await commitChanges(deps, {
      dataset: request.dataset,
      branch: request.branch,
      edits: items.map((item) => ({
        path: item.path,
        file: { kind: 'dicom', id: item.record.id, bytes: item.record.size },
      })),
      files: items.map((item) => item.record),
      metadata: items.map((item) => item.metadata),
      message: request.message,
      author: request.author,
      within: (repositories, commit) =>
        commitEvent(repositories, deps, request.actor, request.dataset, {
          branch: request.branch,
          ...commit,
          via: 'stow-rs',
          instances: items.length,
        }),
    });
    return { commit: result.commit, stored: items.map(storedOf), failed, warnings };
  } finally {
    await Promise.allSettled(outcomes);
    // After a commit, or with nothing to commit: what was not synced is nobody's.
    await blobs.close();
    await spool.remove();
  }
}

/** Parts being stored at once within one request. */
const PARTS_IN_FLIGHT = 8;

/** The instances to commit and the failures, in the order of the parts; duplicates resolved. */
function sortOut(results: readonly (IngestedInstance | FailedInstance)[]) {
  const accepted = new Map<string, IngestedInstance>();
  const refused = new Set<string>();
  const failed: FailedInstance[] = [];
  for (const outcome of results) {
    if ('reason' in outcome) {
      failed.push(outcome);
      continue;
    }
    const seen = accepted.get(outcome.path);
    if (refused.has(outcome.path)) {
      failed.push(duplicate(outcome));
    } else if (seen !== undefined && seen.record.id !== outcome.record.id) {
      // Two parts claim one SOP Instance UID with different bytes: which is right is not ours to guess.
      accepted.delete(outcome.path);
      refused.add(outcome.path);
      failed.push(duplicate(seen), duplicate(outcome));
    } else if (seen === undefined) {
      accepted.set(outcome.path, outcome);
    }
  }
  return { accepted, failed };
}

/** Reads one part (in order: the next part cannot be read before this one's body). */
async function receivePart(
  part: StowPart,
  spill: () => Promise<string>,
  inMemory: number,
): Promise<Received | FailedInstance> {
  const type = part.contentType?.split(';')[0]?.trim().toLowerCase();
  if (type !== undefined && type !== DICOM) {
    for await (const chunk of part.body) void chunk; // read past it: the next part follows
    return {
      reason: FAILURE.cannotUnderstand,
      code: 'stow.unsupported_part',
      message: `A part of type ${type} is not stored: parts must be ${DICOM}.`,
    };
  }
  return receive(part.body, spill, inMemory);
}

/** Parses and stores a received part; a file that is not usable DICOM is a failure with its reason. */
async function ingestPart(
  blobs: BlobWriter,
  received: Received,
  studyUid: string | undefined,
): Promise<IngestedInstance | FailedInstance> {
  let instance: IngestedInstance;
  try {
    instance =
      'bytes' in received
        ? await ingestBytes(blobs, received.bytes)
        : await ingestFile(blobs, received.file, Buffer.allocUnsafe(CHUNK));
  } catch (error) {
    if (!isStrataError(error) || !error.code.startsWith('dicom.')) throw error;
    return failureOf(error.code, error.message);
  } finally {
    // Nothing ingested keeps a view of the bytes (the metadata is decoded), so the buffer is free.
    if ('file' in received) await rm(received.file, { force: true });
    else releaseReceiveBuffer(received.pooled);
  }
  if (studyUid !== undefined && instance.metadata.studyInstanceUid !== studyUid) {
    return {
      sopUid: instance.metadata.sopInstanceUid,
      sopClassUid: instance.metadata.sopClassUid,
      reason: FAILURE.studyMismatch,
      code: 'stow.study_mismatch',
      message: `The instance belongs to study ${instance.metadata.studyInstanceUid}, not to ${studyUid} of the request URL.`,
    };
  }
  return instance;
}

function storedOf(item: IngestedInstance & Pick<StoredInstance, 'warningReason'>): StoredInstance {
  return {
    studyUid: item.metadata.studyInstanceUid,
    seriesUid: item.metadata.seriesInstanceUid,
    sopUid: item.metadata.sopInstanceUid,
    sopClassUid: item.metadata.sopClassUid,
    ...(item.warningReason !== undefined && { warningReason: item.warningReason }),
  };
}

function duplicate(item: IngestedInstance): FailedInstance {
  return {
    sopUid: item.metadata.sopInstanceUid,
    sopClassUid: item.metadata.sopClassUid,
    reason: FAILURE.processing,
    code: 'stow.duplicate_sop_instance',
    message: `Another part of the request has SOP Instance ${item.metadata.sopInstanceUid} with different bytes; neither was stored.`,
  };
}
