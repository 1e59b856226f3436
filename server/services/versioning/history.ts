import type { Digest } from '@strata/modules/blob';
import type { Commit } from '@strata/modules/objects';
import type { DatasetRecord } from '@strata/models';
import { readCommit } from './commit-store.js';
import { resolveRef } from './refs.js';
import type { VersioningDeps } from './versioning-deps.js';

export interface LogEntry {
  id: Digest;
  commit: Commit;
}

/** The commits reachable from a ref, newest first (by committer time), at most `limit`. */
export async function log(deps: VersioningDeps, dataset: DatasetRecord, ref: string, limit = 50): Promise<LogEntry[]> {
  const repositories = deps.database.read();
  const start = await resolveRef(deps, dataset, ref);
  const seen = new Set<Digest>([start.commit]);
  const frontier: LogEntry[] = [{ id: start.commit, commit: await readCommit(repositories, start.commit) }];
  const out: LogEntry[] = [];
  while (frontier.length > 0 && out.length < limit) {
    frontier.sort((a, b) => (a.commit.committer.time < b.commit.committer.time ? 1 : -1));
    const next = frontier.shift();
    if (next === undefined) break;
    out.push(next);
    for (const parent of next.commit.parents) {
      if (seen.has(parent)) continue;
      seen.add(parent);
      frontier.push({ id: parent, commit: await readCommit(repositories, parent) });
    }
  }
  return out;
}
