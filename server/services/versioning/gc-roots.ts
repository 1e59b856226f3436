import type { Digest } from '@strata/modules/blob';
import type { VersioningRepositories } from '@strata/models';

/**
 * The commits gc keeps, with all they reach (their history, trees, files and parts). This is the
 * one place roots come from:
 * - the commit of every branch and tag of every dataset;
 * - every commit written or touched since the cutoff: a new commit, the head of a branch deleted
 *   within the grace period, a commit an operation named by id to build on (`holdCommit`), so an
 *   operation that read a ref just before it moved or vanished still finds everything it reads.
 * - the head commit of every open change proposal, and the commits its reviews saw, so what was
 *   proposed and reviewed stays readable even when its source branch is deleted.
 */
export async function gcRoots(repositories: VersioningRepositories, cutoff: Date): Promise<Digest[]> {
  const roots = new Set<Digest>(await repositories.gc.refCommits());
  for (const commit of await repositories.gc.commitsTouchedSince(cutoff)) roots.add(commit);
  for (const commit of await repositories.proposals.openProposalCommits()) roots.add(commit);
  return [...roots];
}
