import type { Digest } from '@strata/modules/blob';
import type { Commit } from '@strata/modules/objects';
import type { DatasetRecord } from '@strata/models';
import { StrataError } from '@strata/modules/errors';
import { readCommit } from './commit-store.js';
import { resolveRef } from './refs.js';
import type { VersioningDeps } from './versioning-deps.js';

export interface LogEntry {
  id: Digest;
  commit: Commit;
}

/** The commits reachable from a ref, newest first (by committer time), at most `limit`. */
export async function log(deps: VersioningDeps, dataset: DatasetRecord, ref: string, limit = 50): Promise<LogEntry[]> {
  return (await historyPage(deps, dataset, ref, limit)).entries;
}

/** One page of a ref's history, and the cursor of the next page when there is one. */
export interface HistoryPage {
  entries: LogEntry[];
  /** Opaque: the commits still to visit (the walk's frontier), for `after`. */
  next: string | undefined;
}

/**
 * `first` commits of a ref's history, newest first by committer time, continuing after `after` (a
 * page's `next`). The cursor is the walk's frontier, so a page costs its own commits, however deep
 * it is. The commits already listed are not in a cursor: a commit whose committer clock ran behind
 * its parent's can appear on two pages. A cursor naming commits the dataset does not hold is refused.
 */
export async function historyPage(
  deps: VersioningDeps,
  dataset: DatasetRecord,
  ref: string,
  first: number,
  after?: string,
): Promise<HistoryPage> {
  const repositories = deps.database.read();
  const starts = after === undefined ? [(await resolveRef(deps, dataset, ref)).commit] : parseCursor(after);
  for (const id of after === undefined ? [] : starts) {
    if ((await repositories.datasetCommits.withPrefix(dataset.id, id, 1)).length !== 1) throw invalidCursor();
  }
  const frontier: LogEntry[] = await Promise.all(
    starts.map(async (id) => ({ id, commit: await readCommit(repositories, id) })),
  );
  const queued = new Set<Digest>(starts);
  const entries: LogEntry[] = [];
  while (frontier.length > 0 && entries.length < first) {
    frontier.sort((a, b) => (a.commit.committer.time < b.commit.committer.time ? 1 : -1));
    const next = frontier.shift();
    if (next === undefined) break;
    entries.push(next);
    for (const parent of next.commit.parents) {
      if (queued.has(parent)) continue;
      queued.add(parent);
      frontier.push({ id: parent, commit: await readCommit(repositories, parent) });
    }
  }
  return {
    entries,
    next:
      frontier.length === 0
        ? undefined
        : Buffer.from(frontier.map((entry) => entry.id).join(',')).toString('base64url'),
  };
}

function parseCursor(cursor: string): Digest[] {
  const ids = Buffer.from(cursor, 'base64url').toString('latin1').split(',');
  if (ids.length === 0 || ids.length > 1000 || ids.some((id) => !/^[0-9a-f]{64}$/.test(id))) throw invalidCursor();
  return ids as Digest[];
}

function invalidCursor(): StrataError {
  return new StrataError('history.invalid_cursor', 'invalid', 'The history cursor is not one this dataset gave out.');
}

/** The commit a ref names in a dataset (a branch, a tag, or one of the dataset's commit ids). */
export async function commitAt(deps: VersioningDeps, dataset: DatasetRecord, ref: string): Promise<LogEntry> {
  const { commit: id } = await resolveRef(deps, dataset, ref);
  return { id, commit: await readCommit(deps.database.read(), id) };
}

/**
 * Commits by id, for ids reached from a dataset's own commits (parents): callers never pass ids a
 * client chose. `commit.not_found` if one is missing.
 */
export async function commitsById(deps: VersioningDeps, ids: readonly Digest[]): Promise<Commit[]> {
  const repositories = deps.database.read();
  return Promise.all(ids.map((id) => readCommit(repositories, id)));
}
