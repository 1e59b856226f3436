import type { Digest } from '@strata/modules/blob';
import { StrataError } from '@strata/modules/errors';
import {
  NodeStaging,
  diffTrees,
  editPaths,
  emptyTree,
  sameEntry,
  type PathChange,
  type PathEdit,
} from '@strata/modules/objects';
import type { DatasetRecord, VersioningRepositories } from '@strata/models';
import { branchKey, oneAtATime } from './branch-queue.js';
import { readCommit, sealCommit } from './commit-store.js';
import { mergeBase } from './merge-base.js';
import { commitsToAdopt, requireSameLineage } from './lineage.js';
import { holdCommit, resolveRef } from './refs.js';
import type { Author, VersioningDeps } from './versioning-deps.js';
import { indexCommitTree } from '../qido/index-tree.js';

export type MergeResult =
  | { kind: 'up-to-date'; commit: Digest }
  | { kind: 'fast-forward'; commit: Digest }
  | { kind: 'merge'; commit: Digest; applied: number };

/** How a merge may go, and what else it must write in its transaction. */
export interface MergeOptions {
  /** `merge-commit`: always a merge commit, even when the branch could fast-forward; `fast-forward`: only a fast-forward (`merge.not_fast_forward` otherwise). */
  mode?: 'auto' | 'merge-commit' | 'fast-forward';
  /** The branch's head the caller decided on; `ref.moved` if it has moved since. */
  expectedHead?: Digest;
  /**
   * Runs inside the transaction that moves the branch, with the outcome: whatever it writes is
   * committed with the merge or not at all (a proposal marked merged, its audit event).
   */
  within?: (repositories: VersioningRepositories, result: MergeResult) => Promise<void>;
  /**
   * The dataset `theirsRef` is in, when it is another dataset of the lineage (a fork, or the
   * original): the commits the merge brings are recorded as this dataset's in its transaction.
   */
  from?: DatasetRecord;
}

/** A path changed on both sides since the merge base, to different content. */
export interface MergeConflict {
  path: string;
  base?: Digest;
  ours?: Digest;
  theirs?: Digest;
}

/**
 * Merges a ref into a branch, three-way by path: fast-forward when the branch is an ancestor of
 * the ref; otherwise a merge commit with both parents, unless some path was changed differently
 * on both sides, in which case nothing is committed and `merge.conflict` lists exactly those paths.
 * It takes its turn with this process's other writes to the branch (branch-queue.ts), so a STOW-RS
 * commit landing while it is computed does not fail it; another process's write still does
 * (`ref.moved`: the branch moved, try again).
 */
export async function merge(
  deps: VersioningDeps,
  dataset: DatasetRecord,
  branch: string,
  theirsRef: string,
  author: Author,
  message?: string,
  options: MergeOptions = {},
): Promise<MergeResult> {
  return oneAtATime(deps.database, branchKey(dataset, branch), () =>
    mergeOnce(deps, dataset, branch, theirsRef, author, message, options),
  );
}

async function mergeOnce(
  deps: VersioningDeps,
  dataset: DatasetRecord,
  branch: string,
  theirsRef: string,
  author: Author,
  message: string | undefined,
  options: MergeOptions,
): Promise<MergeResult> {
  const read = deps.database.read();
  const mode = options.mode ?? 'auto';
  const ours = await resolveRef(deps, dataset, branch);
  if (ours.kind !== 'branch')
    throw new StrataError(
      'ref.not_a_branch',
      'method_not_allowed',
      `'${branch}' is not a branch: only branches take merges.`,
    );
  if (options.expectedHead !== undefined && ours.commit !== options.expectedHead) throw branchMoved(branch);
  const from = options.from ?? dataset;
  if (from.id !== dataset.id) requireSameLineage(dataset, from);
  const theirs = await resolveRef(deps, from, theirsRef);
  await holdCommit(deps, from, theirs);
  const base = await mergeBase(read, ours.commit, theirs.commit);
  const adopted = from.id === dataset.id ? [] : await commitsToAdopt(read, dataset.id, theirs.commit);
  if (base === theirs.commit) {
    const result: MergeResult = { kind: 'up-to-date', commit: ours.commit };
    if (options.within !== undefined) await deps.database.transaction((r) => options.within!(r, result));
    return result;
  }
  if (base === ours.commit && mode !== 'merge-commit') {
    const result: MergeResult = { kind: 'fast-forward', commit: theirs.commit };
    await moveBranch(deps, dataset, branch, ours.commit, theirs.commit, async (r) => {
      await r.datasetCommits.record(dataset.id, adopted);
      await options.within?.(r, result);
    });
    return result;
  }
  if (mode === 'fast-forward') {
    throw new StrataError(
      'merge.not_fast_forward',
      'conflict',
      `${branch} has commits that ${theirsRef} does not: it cannot fast-forward; merge with a merge commit instead.`,
    );
  }
  const [baseCommit, oursCommit, theirsCommit] = await Promise.all([
    base === undefined ? Promise.resolve(undefined) : readCommit(read, base),
    readCommit(read, ours.commit),
    readCommit(read, theirs.commit),
  ]);
  const staging = new NodeStaging(read.objects);
  // Unrelated histories merge as if from an empty dataset.
  const baseTree = baseCommit?.tree ?? (await emptyTree(staging));
  const { edits, conflicts } = await threeWay(staging, baseTree, oursCommit.tree, theirsCommit.tree);
  if (conflicts.length > 0) throw mergeConflict(conflicts, 'nothing was merged');
  const tree = await editPaths(staging, oursCommit.tree, edits);
  const signature = { ...author, time: deps.now().toISOString() };
  const { id, encoded } = sealCommit({
    tree,
    parents: [ours.commit, theirs.commit],
    author: signature,
    committer: signature,
    message: message ?? `Merge ${theirsRef} into ${branch}`,
  });
  const result: MergeResult = { kind: 'merge', commit: id, applied: edits.length };
  await deps.database.transaction(async (repositories) => {
    await repositories.objects.putNodes(staging.pending());
    await indexCommitTree(repositories, staging, tree, oursCommit.tree);
    await repositories.objects.putCommit(id, encoded);
    await repositories.datasetCommits.record(dataset.id, [...adopted, id]);
    if (!(await repositories.refs.compareAndSwap(dataset.id, branch, ours.commit, id))) throw branchMoved(branch);
    await options.within?.(repositories, result);
  });
  return result;
}

async function moveBranch(
  deps: VersioningDeps,
  dataset: DatasetRecord,
  branch: string,
  from: Digest,
  to: Digest,
  within: (repositories: VersioningRepositories) => Promise<void> | undefined,
): Promise<void> {
  await deps.database.transaction(async (repositories) => {
    if (!(await repositories.refs.compareAndSwap(dataset.id, branch, from, to))) throw branchMoved(branch);
    await within(repositories);
  });
}

/**
 * The edits that bring `theirs`' changes since `base` onto `ours`, and the paths both sides
 * changed differently. Paths only one side touched never conflict.
 */
export async function threeWay(
  staging: NodeStaging,
  base: Digest,
  ours: Digest,
  theirs: Digest,
): Promise<{ edits: PathEdit[]; conflicts: MergeConflict[] }> {
  const ourChanges = await changesByPath(staging, base, ours);
  const conflicts: MergeConflict[] = [];
  const edits: PathEdit[] = [];
  for await (const change of diffTrees(staging, base, theirs)) {
    const mine = ourChanges.get(change.path);
    if (mine !== undefined) {
      if (!sameSide(mine, change)) {
        conflicts.push({
          path: change.path,
          ...idOf('base', change.before),
          ...idOf('ours', mine.after),
          ...idOf('theirs', change.after),
        });
      }
      continue;
    }
    const after = change.after;
    edits.push({
      path: change.path,
      file: after === undefined || after.kind === 'dir' ? null : { kind: after.kind, id: after.id, bytes: after.bytes },
    });
  }
  return { edits, conflicts };
}

/** The refusal of a merge or revert that would overwrite someone's change. */
export function mergeConflict(conflicts: MergeConflict[], outcome: string): StrataError {
  return new StrataError(
    'merge.conflict',
    'conflict',
    `${conflicts.length} path(s) changed differently on both sides; ${outcome}.`,
    {
      details: { conflicts },
    },
  );
}

async function changesByPath(staging: NodeStaging, before: Digest, after: Digest): Promise<Map<string, PathChange>> {
  const changes = new Map<string, PathChange>();
  for await (const change of diffTrees(staging, before, after)) changes.set(change.path, change);
  return changes;
}

/** Both sides made the same change (both removed the path, or both put the same file there). */
function sameSide(a: PathChange, b: PathChange): boolean {
  if (a.after === undefined || b.after === undefined) return a.after === b.after;
  return sameEntry(a.after, b.after);
}

function idOf(role: 'base' | 'ours' | 'theirs', entry: { id: Digest } | undefined): Partial<MergeConflict> {
  return entry === undefined ? {} : { [role]: entry.id };
}

function branchMoved(branch: string): StrataError {
  return new StrataError('ref.moved', 'conflict', `Branch ${branch} moved during the merge; merge again.`);
}

/** What merging `theirs` into `ours` would do, without doing it. */
export interface MergePreview {
  base: Digest | undefined;
  upToDate: boolean;
  canFastForward: boolean;
  /** Paths changed differently on both sides (none when up to date or fast-forward). */
  conflicts: MergeConflict[];
}

/** Previews a three-way merge of two commits (for a proposal's mergeability); writes nothing. */
export async function previewMerge(deps: VersioningDeps, ours: Digest, theirs: Digest): Promise<MergePreview> {
  const read = deps.database.read();
  const base = await mergeBase(read, ours, theirs);
  if (base === theirs) return { base, upToDate: true, canFastForward: false, conflicts: [] };
  if (base === ours) return { base, upToDate: false, canFastForward: true, conflicts: [] };
  const [baseCommit, oursCommit, theirsCommit] = await Promise.all([
    base === undefined ? Promise.resolve(undefined) : readCommit(read, base),
    readCommit(read, ours),
    readCommit(read, theirs),
  ]);
  const staging = new NodeStaging(read.objects);
  const baseTree = baseCommit?.tree ?? (await emptyTree(staging));
  const { conflicts } = await threeWay(staging, baseTree, oursCommit.tree, theirsCommit.tree);
  return { base, upToDate: false, canFastForward: false, conflicts };
}
