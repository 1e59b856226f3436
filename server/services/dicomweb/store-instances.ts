import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { BlobWriter, Digest } from '@strata/modules/blob';
import { isStrataError } from '@strata/modules/errors';
import type { DatasetRecord } from '@strata/models';
import { ingestBytes, ingestFile, type IngestedInstance } from '../ingest/ingest-file.js';
import { CHUNK } from '../ingest/store-file.js';
import { commitChanges } from '../versioning/commit-changes.js';
import type { Actor, VersioningDeps } from '../versioning/versioning-deps.js';

/** One part of a STOW-RS request body, read in order; its body must be consumed before the next part. */
export interface StowPart {
  contentType: string | undefined;
  body: AsyncIterable<Uint8Array>;
}

export interface StoredInstance {
  studyUid: string;
  seriesUid: string;
  sopUid: string;
  sopClassUid: string;
}

export interface FailedInstance {
  /** Absent when the part could not be read far enough to know it. */
  sopUid?: string;
  sopClassUid?: string;
  /** FailureReason (0008,1197), PS3.18 Table 10.5.3-2 (see FAILURE). */
  reason: number;
  code: string;
  message: string;
}

export interface StowResult {
  /** The commit made, or undefined when nothing was stored (or everything was already there, unchanged). */
  commit: Digest | undefined;
  stored: StoredInstance[];
  failed: FailedInstance[];
}

/** The FailureReason codes a STOW-RS response uses. */
export const FAILURE = {
  /** 0xC000: the part is not a DICOM file that can be read. */
  cannotUnderstand: 0xc000,
  /** 0xA900: the data set lacks what identifies it (a UID missing or malformed). */
  datasetMismatch: 0xa900,
  /** 0xA901: the instance's StudyInstanceUID is not the study of the request URL (as Microsoft's DICOM server). */
  studyMismatch: 0xa901,
  /** 0x0110: processing failure (two parts claim one SOP Instance UID with different bytes). */
  processing: 0x0110,
} as const;

export interface StoreRequest {
  dataset: DatasetRecord;
  branch: string;
  /** The study of the request URL (`…/studies/{study}`): instances of other studies fail. */
  studyUid?: string;
  author: Actor;
  message: string;
  /** A directory for parts while they are parsed (each part is written there, then removed). */
  spoolDir: string;
  parts: AsyncIterable<StowPart>;
  /** Parts up to this size are parsed and stored from memory, larger ones through the spool (default 64 MiB). */
  inMemoryPartBytes?: number;
}

const DICOM = 'application/dicom';

const IN_MEMORY_PART = 64 * 1024 * 1024;

/**
 * STOW-RS into a branch: every part is streamed to disk (memory stays at one chunk whatever the
 * request's size), parsed up to its pixel data and stored in the blob store; the accepted instances
 * become one commit, made only after the whole body was read. A part that fails is reported with
 * its reason and the others proceed; a body that breaks off (the `parts` iterable throws) commits
 * nothing. Parts stored for a request that commits nothing are collected by gc.
 */
export async function storeInstances(deps: VersioningDeps, request: StoreRequest): Promise<StowResult> {
  const spool = await mkdtemp(join(request.spoolDir, 'stow-'));
  const blobs = deps.blobStore.batch();
  const inMemory = request.inMemoryPartBytes ?? IN_MEMORY_PART;
  // Parts arrive one after another, but each waits mostly on its blobs' fsyncs: while one is
  // stored, the next is read, with up to PARTS_IN_FLIGHT being stored at once.
  const outcomes: Promise<IngestedInstance | FailedInstance>[] = [];
  const inFlight = new Set<Promise<unknown>>();
  try {
    let index = 0;
    for await (const part of request.parts) {
      const received = await receivePart(part, join(spool, `${index++}.dcm`), inMemory);
      const outcome = 'reason' in received ? Promise.resolve(received) : ingestPart(blobs, received, request.studyUid);
      // Handled at once (and again by Promise.all below), so a failure never goes unobserved.
      const settled: Promise<unknown> = outcome.then(
        () => inFlight.delete(settled),
        () => inFlight.delete(settled),
      );
      inFlight.add(settled);
      outcomes.push(outcome);
      if (inFlight.size >= PARTS_IN_FLIGHT) await Promise.race(inFlight);
    }
    const { accepted, failed } = sortOut(await Promise.all(outcomes));
    const items = [...accepted.values()];
    if (items.length === 0) return { commit: undefined, stored: [], failed };
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
    });
    return { commit: result.commit, stored: items.map(storedOf), failed };
  } finally {
    await Promise.allSettled(outcomes);
    await rm(spool, { recursive: true, force: true });
  }
}

/** The first buffer a part is received into, grown by doubling (most instances fit). */
const RECEIVE_START = 1 << 20;

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

/** A part's body as received: in memory (in a pooled buffer, returned once ingested), or in a spool file. */
type Received = { bytes: Buffer; pooled: Buffer | undefined } | { file: string };

/** Receive buffers of RECEIVE_START bytes, reused: a new one per part would be a GC per ~60 parts. */
const receivePool: Buffer[] = [];
const RECEIVE_POOLED = 16;

/** Reads one part (in order: the next part cannot be read before this one's body). */
async function receivePart(part: StowPart, file: string, inMemory: number): Promise<Received | FailedInstance> {
  const type = part.contentType?.split(';')[0]?.trim().toLowerCase();
  if (type !== undefined && type !== DICOM) {
    for await (const chunk of part.body) void chunk; // read past it: the next part follows
    return {
      reason: FAILURE.cannotUnderstand,
      code: 'stow.unsupported_part',
      message: `A part of type ${type} is not stored: parts must be ${DICOM}.`,
    };
  }
  return (await receive(part.body, file, inMemory)) ?? { file };
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
    const unreadable = ['dicom.not_dicom', 'dicom.truncated'].includes(error.code);
    return {
      reason: unreadable ? FAILURE.cannotUnderstand : FAILURE.datasetMismatch,
      code: error.code,
      message: error.message,
    };
  } finally {
    // Nothing ingested keeps a view of the bytes (the metadata is decoded), so the buffer is free.
    if ('file' in received) await rm(received.file, { force: true });
    else if (received.pooled !== undefined && receivePool.length < RECEIVE_POOLED) receivePool.push(received.pooled);
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

/**
 * Reads a part's body: in memory up to `inMemory` bytes (returned), beyond that into `file`
 * (undefined is returned), so a part of any size costs at most that much memory.
 */
async function receive(
  body: AsyncIterable<Uint8Array>,
  file: string,
  inMemory: number,
): Promise<{ bytes: Buffer; pooled: Buffer | undefined } | undefined> {
  // One growing buffer, never zero-filled: the reader may hand out views of a buffer it reuses,
  // so each chunk is copied once, straight to its place (a copy per chunk and a concat at the
  // end cost a second of a 1,000-instance STOW in zero-filling and copying).
  let held =
    inMemory >= RECEIVE_START
      ? (receivePool.pop() ?? Buffer.allocUnsafeSlow(RECEIVE_START))
      : Buffer.allocUnsafeSlow(inMemory);
  let size = 0;
  let spill: FileHandle | undefined;
  try {
    for await (const chunk of body) {
      if (spill !== undefined) {
        await spill.write(chunk);
        continue;
      }
      if (size + chunk.length > inMemory) {
        spill = await open(file, 'w');
        await spill.write(held.subarray(0, size));
        await spill.write(chunk);
        continue;
      }
      if (size + chunk.length > held.length) {
        const grown = Buffer.allocUnsafeSlow(Math.min(inMemory, Math.max(held.length * 2, size + chunk.length)));
        grown.set(held.subarray(0, size));
        held = grown;
      }
      held.set(chunk, size);
      size += chunk.length;
    }
  } finally {
    await spill?.close();
  }
  if (spill !== undefined) return undefined;
  return { bytes: held.subarray(0, size), pooled: held.length === RECEIVE_START ? held : undefined };
}

function storedOf(item: IngestedInstance): StoredInstance {
  return {
    studyUid: item.metadata.studyInstanceUid,
    seriesUid: item.metadata.seriesInstanceUid,
    sopUid: item.metadata.sopInstanceUid,
    sopClassUid: item.metadata.sopClassUid,
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
