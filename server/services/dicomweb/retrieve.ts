import type { Readable } from 'node:stream';
import type { Digest } from '@strata/modules/blob';
import { StrataError } from '@strata/modules/errors';
import { entryAt, filesUnder, NodeStaging } from '@strata/modules/objects';
import type { DatasetRecord, FileRecord, InstanceMetadataRecord, Role } from '@strata/models';
import type { Actor } from '../access/actor.js';
import { openDatasetWithRole } from '../access/require-access.js';
import { requireDirectWrite } from '../collaboration/protection.js';
import { readCommit } from '../versioning/commit-store.js';
import { commitCache, fileCache, metadataCache, sharedTreeNodes } from './read-cache.js';
import { resolveRef, type ResolvedRef } from '../versioning/refs.js';
import type { VersioningDeps } from '../versioning/versioning-deps.js';

/** A version of a dataset a request reads: the ref as resolved, once, and its tree. */
export interface OpenVersion {
  dataset: DatasetRecord;
  ref: ResolvedRef;
  tree: Digest;
}

/** One DICOM instance of a version, with the record of its stored bytes. */
export interface VersionInstance {
  studyUid: string;
  seriesUid: string;
  sopUid: string;
  file: FileRecord;
  /** What ingest parsed (transfer syntax, frames, pixel data location); absent for files stored without it. */
  metadata: InstanceMetadataRecord | undefined;
}

/**
 * Resolves `owner/name` and a ref (default: the dataset's default branch) to a commit and its
 * tree, for an actor who needs a role on the dataset (read to retrieve, write to store or delete):
 * `requireAccess`'s answers otherwise.
 */
export async function openVersion(
  deps: VersioningDeps,
  actor: Actor,
  needed: Role,
  datasetName: string,
  ref?: string,
): Promise<OpenVersion> {
  const { dataset, role } = await openDatasetWithRole(deps, actor, datasetName, needed);
  const resolved = await resolveRef(deps, dataset, ref ?? dataset.defaultBranch);
  // A protected branch takes changes through proposals only (dataset admins excepted).
  if (needed !== 'read' && resolved.kind === 'branch') await requireDirectWrite(deps, dataset, resolved.name, role);
  let commit = commitCache.get(resolved.commit);
  if (commit === undefined) {
    commit = await readCommit(deps.database.read(), resolved.commit);
    commitCache.set(resolved.commit, commit);
  }
  const { tree } = commit;
  return { dataset, ref: resolved, tree };
}

/**
 * The instances of a study, a series or one instance in a version, in UID order (only the first
 * with `firstOnly`: a study's thumbnail need not list the study); 404 (`dicomweb.not_found`) when
 * the version has none there.
 */
export async function instancesOf(
  deps: VersioningDeps,
  version: OpenVersion,
  uids: { study: string; series?: string; instance?: string },
  options: { firstOnly?: boolean } = {},
): Promise<VersionInstance[]> {
  const repositories = deps.database.read();
  const staging = new NodeStaging(repositories.objects, new Map(), sharedTreeNodes);
  const path = [uids.study, uids.series, uids.instance].filter((uid) => uid !== undefined).join('/');
  const entry = await entryAt(staging, version.tree, path);
  const found: { path: string; id: Digest }[] = [];
  if (entry?.kind === 'dicom') found.push({ path, id: entry.id });
  else if (entry?.kind === 'dir' && uids.instance === undefined) {
    for await (const file of filesUnder(staging, entry.id, `${path}/`)) {
      if (file.entry.kind === 'dicom' && file.path.split('/').length === 3) {
        found.push({ path: file.path, id: file.entry.id });
        if (options.firstOnly === true) break;
      }
    }
  }
  if (found.length === 0) {
    throw new StrataError('dicomweb.not_found', 'not_found', `No instances at ${path} in ${version.ref.name}.`, {
      details: { ...uids, commit: version.ref.commit },
    });
  }
  const ids = found.map((file) => file.id);
  const records = await fileCache.getMany(ids, (missing) => repositories.files.getMany(missing));
  const metadata = await metadataCache.getMany(ids, (missing) => repositories.metadata.getMany(missing));
  return found.map(({ path: instancePath, id }) => {
    const file = records.get(id);
    if (file === undefined) throw new Error(`instancesOf: the file record of ${instancePath} (${id}) is missing`);
    const [studyUid = '', seriesUid = '', sopUid = ''] = instancePath.split('/');
    return { studyUid, seriesUid, sopUid, file, metadata: metadata.get(id) };
  });
}

/** The bytes of a stored file, exactly as they were received: its parts, one after another, streamed. */
export async function* fileContent(deps: VersioningDeps, file: FileRecord): AsyncGenerator<Buffer> {
  for (const part of file.parts) {
    const stream: Readable = await deps.blobStore.get(part);
    for await (const chunk of stream) yield chunk as Buffer;
  }
}

/** What `fileSource` reads from: a size known up front, and reads into the caller's buffer, in order. */
export interface StoredFileSource {
  readonly size: number;
  open(): Promise<{ read(target: Uint8Array): Promise<number>; close(): Promise<void> }>;
}

/**
 * The bytes of a stored file, read into the caller's buffers part by part (see BlobReader): the
 * way to stream many files without a new buffer per chunk. Its parts (header, pixels, trailer)
 * are opened at once, and each is known to be done by its size, not by one more read: a response
 * of 500 CT slices waited on about ten thread-pool round trips per file, one after another.
 */
export function fileSource(deps: VersioningDeps, file: FileRecord): StoredFileSource {
  return {
    size: file.size,
    async open() {
      // Opened now, so a missing blob fails the open, before anything was sent.
      const opened = await Promise.allSettled(file.parts.map((part) => deps.blobStore.open(part)));
      const readers = opened.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
      const failed = opened.find((result) => result.status === 'rejected');
      if (failed !== undefined) {
        await Promise.allSettled(readers.map((reader) => reader.close()));
        throw failed.reason;
      }
      let index = 0;
      let position = 0;
      return {
        async read(target) {
          for (; index < readers.length; index++, position = 0) {
            const current = readers[index];
            if (current === undefined || position >= current.size) continue;
            const count = await current.read(target.subarray(0, current.size - position), position);
            if (count === 0) throw new Error(`A stored part of ${file.id} ended before its ${current.size} bytes.`);
            position += count;
            return count;
          }
          return 0;
        },
        async close() {
          await Promise.all(readers.splice(0).map((reader) => reader.close()));
        },
      };
    },
  };
}

/** The whole stored file of an instance, in memory, in a buffer of its own (kept as long as the caller likes). */
export async function fileBytes(deps: VersioningDeps, file: FileRecord): Promise<Buffer> {
  const bytes = Buffer.allocUnsafe(file.size);
  await readWholeFile(deps, file, bytes);
  return bytes;
}

/**
 * Runs `work` on the whole stored file of an instance, read into a buffer lent from a pool and
 * taken back when `work` settles: `work` must not keep the bytes, or any view of them, past that
 * (a rendered image is encoded into bytes of its own, so rendering qualifies; a response streamed
 * after the handler returns does not). Reading into fresh memory costs a page fault per 4 KiB
 * touched — about 1 ms for a 512² CT slice here, more than decoding it — so reused buffers are
 * the difference for requests that read a file only to compute from it.
 */
export async function withFileBytes<T>(
  deps: VersioningDeps,
  file: FileRecord,
  work: (bytes: Buffer) => Promise<T>,
): Promise<T> {
  const backing = filePool.take(file.size);
  try {
    const bytes = backing.subarray(0, file.size);
    await readWholeFile(deps, file, bytes);
    return await work(bytes);
  } finally {
    filePool.give(backing);
  }
}

/** Buffers by power-of-two capacity from 64 KiB to 64 MiB, at most 64 MiB held in all. */
class BufferPool {
  private readonly free = new Map<number, Buffer[]>();
  private held = 0;
  constructor(
    private readonly smallest: number,
    private readonly largest: number,
    private readonly limit: number,
  ) {}

  take(size: number): Buffer {
    const capacity = this.capacityFor(size);
    if (capacity === undefined) return Buffer.allocUnsafeSlow(size);
    const found = this.free.get(capacity)?.pop();
    if (found === undefined) return Buffer.allocUnsafeSlow(capacity);
    this.held -= capacity;
    return found;
  }

  give(buffer: Buffer): void {
    const capacity = buffer.length;
    if (this.capacityFor(capacity) !== capacity || this.held + capacity > this.limit) return;
    const list = this.free.get(capacity) ?? [];
    list.push(buffer);
    this.free.set(capacity, list);
    this.held += capacity;
  }

  private capacityFor(size: number): number | undefined {
    if (size > this.largest) return undefined;
    let capacity = this.smallest;
    while (capacity < size) capacity *= 2;
    return capacity;
  }
}

const filePool = new BufferPool(64 * 1024, 64 * 1024 * 1024, 64 * 1024 * 1024);

/** Fills `bytes` (exactly the file's size) with a stored file, part after part. */
async function readWholeFile(deps: VersioningDeps, file: FileRecord, bytes: Buffer): Promise<void> {
  const reader = await fileSource(deps, file).open();
  try {
    let filled = 0;
    while (filled < bytes.length) {
      const count = await reader.read(bytes.subarray(filled));
      if (count === 0) break;
      filled += count;
    }
    if (filled !== bytes.length) {
      throw new Error(`readWholeFile: ${file.id} holds ${filled} bytes, its record says ${file.size}`);
    }
  } finally {
    await reader.close();
  }
}
