import type { Digest } from '@strata/modules/blob';
import { diffDirectories, emptyTree, NodeStaging } from '@strata/modules/objects';
import type { HeadStudyChange, VersioningRepositories } from '@strata/models';

/**
 * Listings of versions that never move (tags, commits) kept per dataset, newest first; an older
 * one is dropped when a new one is made, and made again (by a diff) if it is asked for again. So
 * listings cost rows per study for the branches and at most this many other versions, however
 * many tags a dataset has.
 */
export const KEPT_FIXED_LISTINGS = 8;

/** The listing name of a commit asked for by its id (ref names cannot hold a colon). */
export function commitListing(commit: Digest): string {
  return `commit:${commit}`;
}

/**
 * Brings the study listing (`head_study`) of a branch, tag or commit (`name`; see commitListing)
 * up to that version's tree, in the caller's transaction and under the listing's row lock: the
 * root directories of the tree it reflects and of the version are diffed, so the cost follows the
 * studies that changed since the listing was last used — one for a commit that touched one study.
 * A first listing starts as a copy of another listing of the same dataset, then diffs from that
 * one's tree; the very first listing of a dataset diffs from the empty tree (one row per study).
 * Returns the listing's id.
 */
export async function catchUpListing(
  repositories: VersioningRepositories,
  datasetId: string,
  name: string,
  version: { commit: Digest; tree: Digest },
): Promise<number> {
  const { commit, tree } = version;
  const scope = await repositories.index.lockScope(datasetId, name);
  if (scope.commit === commit) return scope.id;
  const staging = new NodeStaging(repositories.objects);
  const made = scope.tree === undefined;
  const base = scope.tree ?? (await repositories.index.copyScope(datasetId, scope.id)) ?? (await emptyTree(staging));
  const changes: HeadStudyChange[] = [];
  // A move to another commit with the same tree (a revert of a revert) changes no rows.
  for await (const change of diffDirectories(staging, base, tree)) {
    if (change.after?.kind === 'dir') changes.push({ name: change.name, dirId: change.after.id });
    else if (change.before?.kind === 'dir') changes.push({ name: change.name, dirId: undefined });
  }
  await repositories.index.updateScope(scope.id, commit, tree, changes);
  if (made) await repositories.index.dropFixedScopes(datasetId, KEPT_FIXED_LISTINGS);
  return scope.id;
}
