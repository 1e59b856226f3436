import type { Digest } from '@strata/modules/blob';
import { diffDirectories, emptyTree, NodeStaging } from '@strata/modules/objects';
import type { HeadStudyChange, VersioningRepositories } from '@strata/models';

/**
 * Brings a branch's study listing (`head_study`) up to the branch's head tree, in the caller's
 * transaction and under the listing's row lock: the root directories of the tree it reflects and
 * of the head are diffed, so the cost follows the studies that changed since the listing was last
 * used — one for a commit that touched one study. A branch's first listing starts as a copy of
 * another branch's of the same dataset, then diffs from that branch's tree; the very first
 * listing of a dataset diffs from the empty tree (one row per study). Returns the listing's id.
 */
export async function catchUpBranch(
  repositories: VersioningRepositories,
  datasetId: string,
  branch: string,
  head: { commit: Digest; tree: Digest },
): Promise<number> {
  const { commit, tree } = head;
  const scope = await repositories.index.lockScope(datasetId, branch);
  if (scope.commit === commit) return scope.id;
  const staging = new NodeStaging(repositories.objects);
  const base = scope.tree ?? (await repositories.index.copyScope(datasetId, scope.id)) ?? (await emptyTree(staging));
  const changes: HeadStudyChange[] = [];
  // A move to another commit with the same tree (a revert of a revert) changes no rows.
  for await (const change of diffDirectories(staging, base, tree)) {
    if (change.after?.kind === 'dir') changes.push({ name: change.name, dirId: change.after.id });
    else if (change.before?.kind === 'dir') changes.push({ name: change.name, dirId: undefined });
  }
  await repositories.index.updateScope(scope.id, commit, tree, changes);
  return scope.id;
}
