import type { Digest } from '@strata/modules/blob';
import { StrataError } from '@strata/modules/errors';
import type { DatasetRecord, VersioningRepositories } from '@strata/models';
import { readCommit } from './commit-store.js';

/** Refuses work between two datasets that are not forks of one original (`dataset.unrelated`). */
export function requireSameLineage(into: DatasetRecord, from: DatasetRecord): void {
  if (into.lineageId !== from.lineageId) {
    throw new StrataError(
      'dataset.unrelated',
      'invalid',
      `${from.owner}/${from.name} is not a fork of ${into.owner}/${into.name} or of what it was forked from.`,
      { details: { dataset: `${from.owner}/${from.name}` } },
    );
  }
}

/**
 * The commits reachable from `head` that a dataset does not hold yet, newest first: what a merge
 * from a fork brings into it. The walk stops at commits the dataset holds (their ancestors it
 * holds too), so it costs the commits brought, not the history.
 */
export async function commitsToAdopt(
  repositories: VersioningRepositories,
  datasetId: string,
  head: Digest,
): Promise<Digest[]> {
  const adopted: Digest[] = [];
  const seen = new Set<Digest>([head]);
  let frontier: Digest[] = [head];
  while (frontier.length > 0) {
    const held = await repositories.datasetCommits.held(datasetId, frontier);
    const next: Digest[] = [];
    for (const id of frontier) {
      if (held.has(id)) continue;
      adopted.push(id);
      for (const parent of (await readCommit(repositories, id)).parents) {
        if (!seen.has(parent)) {
          seen.add(parent);
          next.push(parent);
        }
      }
    }
    frontier = next;
  }
  return adopted;
}
