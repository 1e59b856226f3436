import type { Digest } from '@strata/modules/blob';
import type { VersioningRepositories } from '@strata/models';
import { readCommit } from './commit-store.js';

/** Every ancestor of a commit, itself included. */
async function ancestors(repositories: VersioningRepositories, start: Digest): Promise<Set<Digest>> {
  const seen = new Set<Digest>([start]);
  const queue = [start];
  while (queue.length > 0) {
    const id = queue.pop() as Digest;
    for (const parent of (await readCommit(repositories, id)).parents) {
      if (!seen.has(parent)) {
        seen.add(parent);
        queue.push(parent);
      }
    }
  }
  return seen;
}

/**
 * A best common ancestor of two commits: the newest (by committer time) common ancestor that is
 * not itself an ancestor of another common ancestor; undefined if their histories never meet.
 */
export async function mergeBase(
  repositories: VersioningRepositories,
  a: Digest,
  b: Digest,
): Promise<Digest | undefined> {
  const ofA = await ancestors(repositories, a);
  const common: { id: Digest; time: string }[] = [];
  const seen = new Set<Digest>([b]);
  const queue = [b];
  while (queue.length > 0) {
    const id = queue.shift() as Digest;
    const commit = await readCommit(repositories, id);
    if (ofA.has(id)) {
      common.push({ id, time: commit.committer.time });
      continue; // its ancestors are common too, but never better
    }
    for (const parent of commit.parents) {
      if (!seen.has(parent)) {
        seen.add(parent);
        queue.push(parent);
      }
    }
  }
  if (common.length <= 1) return common[0]?.id;
  const dominated = new Set<Digest>();
  for (const candidate of common) {
    for (const ancestor of await ancestors(repositories, candidate.id))
      if (ancestor !== candidate.id) dominated.add(ancestor);
  }
  const best = common.filter((candidate) => !dominated.has(candidate.id)).sort((x, y) => (x.time < y.time ? 1 : -1));
  return best[0]?.id;
}
