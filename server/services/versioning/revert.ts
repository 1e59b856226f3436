import { StrataError } from '@strata/modules/errors';
import { NodeStaging } from '@strata/modules/objects';
import type { DatasetRecord } from '@strata/models';
import { commitChanges, type ChangeResult } from './commit-changes.js';
import { readCommit } from './commit-store.js';
import { mergeConflict, threeWay } from './merge.js';
import { holdCommit, resolveRef } from './refs.js';
import type { Author, VersioningDeps } from './versioning-deps.js';

/**
 * Undoes one commit on a branch with a new commit. It is a three-way merge of the commit's
 * parent onto the branch, from the commit: later changes to other paths stay; a path changed
 * again since that commit is a conflict, and nothing is committed.
 */
export async function revert(
  deps: VersioningDeps,
  dataset: DatasetRecord,
  branch: string,
  target: string,
  author: Author,
): Promise<ChangeResult> {
  const read = deps.database.read();
  const head = await resolveRef(deps, dataset, branch);
  if (head.kind !== 'branch')
    throw new StrataError('ref.not_a_branch', 'method_not_allowed', `'${branch}' is not a branch.`);
  const reverted = await resolveRef(deps, dataset, target);
  await holdCommit(deps, dataset, reverted);
  const commit = await readCommit(read, reverted.commit);
  const [parent] = commit.parents;
  if (parent === undefined || commit.parents.length > 1) {
    throw new StrataError(
      'revert.unsupported',
      'invalid',
      commit.parents.length > 1
        ? 'Reverting a merge commit is not supported: revert the commits it brought in.'
        : 'The first commit of a dataset cannot be reverted.',
    );
  }
  const staging = new NodeStaging(read.objects);
  const [headCommit, parentCommit] = await Promise.all([readCommit(read, head.commit), readCommit(read, parent)]);
  const { edits, conflicts } = await threeWay(staging, commit.tree, headCommit.tree, parentCommit.tree);
  if (conflicts.length > 0) throw mergeConflict(conflicts, 'nothing was reverted');
  const subject = commit.message.split('\n')[0] ?? '';
  return commitChanges(deps, {
    dataset,
    branch,
    edits,
    files: [],
    message: `Revert "${subject}"\n\nThis reverts commit ${reverted.commit}.`,
    author,
    expectedHead: head.commit,
  });
}
