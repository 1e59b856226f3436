import { join } from 'node:path';
import type { Digest } from '@strata/modules/blob';
import { StrataError, isStrataError } from '@strata/modules/errors';
import type { PathEdit } from '@strata/modules/objects';
import type { DatasetRecord } from '@strata/models';
import { commitChanges } from '../versioning/commit-changes.js';
import type { Author, VersioningDeps } from '../versioning/versioning-deps.js';
import { README_NAMES } from '../versioning/version-facts.js';
import { ingestFile, type IngestedInstance } from './ingest-file.js';
import { CHUNK, storeFileParts } from './store-file.js';
import { listFiles } from './walk.js';

/**
 * Files in flight by default. Each spends most of its time waiting on its parts' fsyncs, which the
 * disk completes faster when many are queued: 4 left it idle between them, 16 keeps it busy.
 */
const DEFAULT_CONCURRENCY = 16;

export interface ImportOptions {
  dataset: DatasetRecord;
  branch: string;
  message: string;
  author: Author;
  /** `skip`: commit what could be read and report the rest; `abort`: commit nothing if any file fails. */
  onError: 'skip' | 'abort';
  /** Files read and stored at once (default 16). */
  concurrency?: number;
}

export interface ImportFailure {
  file: string;
  code: string;
  message: string;
}

export interface ImportReport {
  files: number;
  instances: number;
  /** The datasheet (README.md, README.txt, README, datasheet.md) found at the folder's root, kept as is. */
  datasheets: string[];
  failures: ImportFailure[];
  commit: Digest;
  changed: boolean;
}

interface Accepted extends IngestedInstance {
  file: string;
}

/**
 * Imports every DICOM file under a directory into a branch as one commit, at
 * StudyInstanceUID/SeriesInstanceUID/SOPInstanceUID. Each file is parsed up to its pixel data and
 * stored as header and pixel parts; a file that cannot be imported is reported with its reason.
 * A README or datasheet at the folder's root is committed beside them as a plain file (what the
 * dataset's home page shows). Nothing is visible until the commit: a failed or aborted import
 * leaves the branch unchanged.
 */
export async function importDirectory(
  deps: VersioningDeps,
  root: string,
  options: ImportOptions,
): Promise<ImportReport> {
  const listed = await listFiles(root);
  const datasheets = listed.filter((file) => (README_NAMES as readonly string[]).includes(file));
  const files = listed.filter((file) => !datasheets.includes(file));
  const failures: ImportFailure[] = [];
  const accepted = new Map<string, Accepted>();
  const refused = new Set<string>();
  // One batch for the whole import: parts are written into packs as they come (a new pack each GiB,
  // parts over 64 MiB on their own), all made durable by one sync before the commit that refers to them.
  const blobs = deps.blobStore.batch();
  try {
    let next = 0;
    const worker = async () => {
      const scratch = Buffer.allocUnsafe(CHUNK);
      while (next < files.length) {
        const file = files[next++] ?? '';
        try {
          const item = { file, ...(await ingestFile(blobs, join(root, file), scratch)) };
          const seen = accepted.get(item.path);
          if (refused.has(item.path)) {
            failures.push(duplicate(file, item.path, seen?.file));
          } else if (seen !== undefined && seen.record.id !== item.record.id) {
            // Two different files claim one SOP Instance UID: which one is right is not ours to guess.
            accepted.delete(item.path);
            refused.add(item.path);
            failures.push(duplicate(seen.file, item.path, file), duplicate(file, item.path, seen.file));
          } else if (seen === undefined) {
            accepted.set(item.path, item);
          }
        } catch (error) {
          if (!isStrataError(error)) throw error;
          failures.push({ file, code: error.code, message: error.message });
        }
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? DEFAULT_CONCURRENCY }, worker));
    failures.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    if (failures.length > 0 && options.onError === 'abort') {
      throw new StrataError(
        'import.refused',
        'invalid',
        `${failures.length} of ${files.length} files could not be imported, so nothing was committed (--on-error abort). ` +
          `First: ${failures[0]?.file}: ${failures[0]?.message}`,
        { details: { failures } },
      );
    }
    const items = [...accepted.values()];
    const documents = await Promise.all(
      datasheets.map(async (path) => ({ path, record: await storeFileParts(blobs, join(root, path)) })),
    );
    await blobs.sync();
    const edits: PathEdit[] = [
      ...items.map((item) => ({
        path: item.path,
        file: { kind: 'dicom' as const, id: item.record.id, bytes: item.record.size },
      })),
      ...documents.map((document) => ({
        path: document.path,
        file: { kind: 'file' as const, id: document.record.id, bytes: document.record.size },
      })),
    ];
    const result = await commitChanges(deps, {
      dataset: options.dataset,
      branch: options.branch,
      edits,
      files: [...items.map((item) => item.record), ...documents.map((document) => document.record)],
      metadata: items.map((item) => item.metadata),
      message: options.message,
      author: options.author,
    });
    return {
      files: listed.length,
      instances: items.length,
      datasheets,
      failures,
      commit: result.commit,
      changed: result.changed,
    };
  } finally {
    // Committed, refused or failed: what was not synced is nobody's.
    await blobs.close();
  }
}

function duplicate(file: string, path: string, other: string | undefined): ImportFailure {
  return {
    file,
    code: 'import.duplicate_sop_instance',
    message: `SOP Instance ${path.split('/')[2]} is also in ${other ?? 'another file'} with different bytes; neither was imported.`,
  };
}
