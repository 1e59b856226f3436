import type { Digest } from '@strata/modules/blob';
import type { QidoQuery } from '@strata/modules/qido';
import type { DatasetRecord, QidoMatch, VersioningRepositories } from '@strata/models';
import { readCommit } from '../versioning/commit-store.js';
import { resolveRef, type ResolvedRef } from '../versioning/refs.js';
import type { VersioningDeps } from '../versioning/versioning-deps.js';
import { catchUpListing, commitListing } from './head-scope.js';
import { materializeIndex } from './index-tree.js';

export interface SearchResult {
  ref: ResolvedRef;
  tree: Digest;
  matches: QidoMatch[];
}

/** Attempts at a branch that moves under a query before the query falls back to walking the last head seen. */
const BRANCH_ATTEMPTS = 4;

/**
 * Answers a QIDO query at any ref of a dataset (branch, tag, commit) from the index. Every
 * version answers from a study listing (see catchUpListing): a branch's is kept up with its head
 * by the first query after each move; a tag's or a commit's is made by the first query at it (a
 * diff from another listing, after the version's tree is indexed, once) and never changes.
 *
 * The usual case, a branch or tag whose listing is current, is one statement: it finds the
 * listing at the ref's commit and searches it, in one snapshot, so the answer is exactly that
 * commit's (a branch's head a moment ago). Anything else — no match, a listing behind its
 * branch or not made yet, a commit id — goes the careful way.
 */
export async function searchVersion(
  deps: VersioningDeps,
  dataset: DatasetRecord,
  ref: string,
  query: QidoQuery,
): Promise<SearchResult> {
  const read = deps.database.read();
  // Ref names never look like commit ids (checkRefName).
  const byName = !COMMIT_ID.test(ref);
  const current = byName ? await read.index.searchHead(dataset.id, ref, query) : undefined;
  if (current !== undefined) {
    const { commit, tree, kind, matches } = current;
    return { ref: { commit, kind, name: ref }, tree, matches };
  }
  const head = byName ? await read.index.headOf(dataset.id, ref) : undefined;
  if (head?.kind === 'branch') return searchBranch(deps, dataset, ref, query);
  // A tag was found by that statement; anything else is resolved as a commit id.
  const resolved: ResolvedRef =
    head === undefined ? await resolveRef(deps, dataset, ref) : { commit: head.commit, kind: head.kind, name: ref };
  const listing = resolved.kind === 'commit' ? commitListing(resolved.commit) : ref;
  if (resolved.kind === 'commit') {
    const hit = await read.index.searchHead(dataset.id, listing, query);
    if (hit !== undefined) return { ref: resolved, tree: hit.tree, matches: hit.matches };
  }
  // A tag or a commit never moves: its listing, once made, is current for good.
  const { tree } = await readCommit(read, resolved.commit);
  await ensureIndexed(deps, tree);
  const matches = await deps.database.transaction(async (repositories) => {
    const scope = await catchUpListing(repositories, dataset.id, listing, { commit: resolved.commit, tree });
    return repositories.index.search({ scope, commit: resolved.commit }, query);
  });
  return { ref: resolved, tree, matches };
}

const COMMIT_ID = /^[0-9a-f]{7,64}$/;

/**
 * At a branch head, carefully. If the listing is current, the head and the listing are read in
 * one snapshot. After the branch moved, the first query brings the listing up (a diff of the
 * changed studies) in a transaction that re-reads the head under the listing's lock, and answers
 * from it there.
 */
async function searchBranch(
  deps: VersioningDeps,
  dataset: DatasetRecord,
  branch: string,
  query: QidoQuery,
): Promise<SearchResult> {
  let head: BranchHead | undefined;
  for (let attempt = 0; attempt < BRANCH_ATTEMPTS; attempt++) {
    const current = await deps.database.snapshot(async (repositories) => {
      const seen = await branchHead(repositories, dataset, branch);
      if (seen === undefined) return undefined;
      if (seen.scope?.commit !== seen.ref.commit) return seen;
      const matches = await repositories.index.search({ scope: seen.scope.id, commit: seen.ref.commit }, query);
      return { ref: seen.ref, tree: seen.tree, matches };
    });
    // Deleted since it was resolved: resolve afresh (not found, or a tag or commit by that name).
    if (current === undefined) return searchVersion(deps, dataset, branch, query);
    if ('matches' in current) return current;
    head = current;
    // The tree's study and series rows must exist before the listing is joined with them.
    await ensureIndexed(deps, head.tree);
    const expected = head.ref.commit;
    const caughtUp = await deps.database.transaction(async (repositories) => {
      const locked = await branchHead(repositories, dataset, branch);
      if (locked?.ref.commit !== expected) return undefined; // moved again: start over
      const scope = await catchUpListing(repositories, dataset.id, branch, { commit: expected, tree: locked.tree });
      const matches = await repositories.index.search({ scope, commit: expected }, query);
      return { ref: locked.ref, tree: locked.tree, matches };
    });
    if (caughtUp !== undefined) return caughtUp;
  }
  // Still moving after every attempt: answer at the last head seen, by walking its tree.
  if (head === undefined) throw new Error('searchBranch: no head seen');
  return {
    ref: head.ref,
    tree: head.tree,
    matches: await deps.database.read().index.search({ tree: head.tree }, query),
  };
}

interface BranchHead {
  ref: ResolvedRef;
  tree: Digest;
  scope: { id: number; commit: Digest | undefined } | undefined;
}

async function branchHead(
  repositories: VersioningRepositories,
  dataset: DatasetRecord,
  branch: string,
): Promise<BranchHead | undefined> {
  const head = await repositories.index.headOf(dataset.id, branch);
  if (head?.kind !== 'branch') return undefined;
  const { tree } = await readCommit(repositories, head.commit);
  return { ref: { commit: head.commit, kind: 'branch', name: branch }, tree, scope: head.scope };
}

async function ensureIndexed(deps: VersioningDeps, tree: Digest): Promise<void> {
  if (!(await deps.database.read().index.isIndexed(tree))) {
    await deps.database.transaction((repositories) => materializeIndex(repositories, tree));
  }
}
