import type { Digest } from '@strata/modules/blob';
import { StrataError } from '@strata/modules/errors';
import type {
  CommitStatusRecord,
  DatasetRecord,
  MergeMethod,
  ProposalRecord,
  ProtectionRule,
  ReviewRecord,
  ThreadState,
  VersioningRepositories,
} from '@strata/models';
import type { Actor, UserActor } from '../access/actor.js';
import { authorOf } from '../access/author-of.js';
import { roleRank } from '../access/decide-role.js';
import { requireAccess } from '../access/require-access.js';
import { roleOf } from '../access/role-of.js';
import { recordEvent } from '../audit/audit.js';
import { merge, previewMerge, type MergeConflict } from '../versioning/merge.js';
import { diffCommits, type RefDiff } from '../versioning/diff-refs.js';
import { requireSameLineage } from '../versioning/lineage.js';
import { mergeBase } from '../versioning/merge-base.js';
import { deleteBranch, resolveRef, type ResolvedRef } from '../versioning/refs.js';
import type { VersioningDeps } from '../versioning/versioning-deps.js';
import { protectionFor } from './protection.js';
import { refEvent } from './ref-changes.js';
import { checkBody, checkTitle } from './text-limits.js';
import { authorIdOf, requireSignedIn, threadNotFound } from './thread-access.js';
import { subjectOf } from './threads.js';

export interface NewProposal {
  /** The dataset of the source branch when it is not the target's: a dataset of its lineage (a fork). */
  sourceDataset?: DatasetRecord;
  source: string;
  target: string;
  title: string;
  body?: string;
}

/**
 * Opens a change proposal to merge `source` into `target`, a branch of the dataset (anyone
 * signed in who can read it). The source is a branch of the same dataset, or of another dataset
 * of its lineage the opener can read (`dataset.unrelated` otherwise): opening shares the source's
 * commits with the target's readers, as a pull request from a fork does. Refused when the source adds nothing to the target
 * (`proposal.nothing_to_merge`) or when the same pair already has an open one (`proposal.exists`).
 */
export async function openProposal(
  deps: VersioningDeps,
  actor: Actor,
  dataset: DatasetRecord,
  proposal: NewProposal,
): Promise<ProposalRecord> {
  await requireAccess(deps, actor, dataset, 'read');
  requireSignedIn(actor);
  const title = checkTitle(proposal.title);
  const body = checkBody(proposal.body ?? '');
  const from = proposal.sourceDataset ?? dataset;
  if (from.id !== dataset.id) {
    requireSameLineage(dataset, from);
    await requireAccess(deps, actor, from, 'read');
  } else if (proposal.source === proposal.target) {
    throw new StrataError('proposal.same_branch', 'invalid', 'The source and target branches are the same branch.');
  }
  const read = deps.database.read();
  const [source, target] = await Promise.all([
    branchHead(read, from, proposal.source),
    branchHead(read, dataset, proposal.target),
  ]);
  const base = await mergeBase(read, target, source);
  if (base === source) {
    throw new StrataError(
      'proposal.nothing_to_merge',
      'conflict',
      `${proposal.target} already has everything ${proposal.source} has.`,
    );
  }
  return deps.database.transaction(async (repositories) => {
    const open = await repositories.proposals.openOn(dataset.id, proposal.source);
    const twin = open.find(
      (p) => p.sourceDatasetId === from.id && p.sourceBranch === proposal.source && p.targetBranch === proposal.target,
    );
    if (twin !== undefined) {
      throw new StrataError(
        'proposal.exists',
        'conflict',
        `#${twin.thread.number} already proposes ${proposal.source} into ${proposal.target}.`,
        { details: { number: twin.thread.number } },
      );
    }
    // Keep the proposed commit through gc's grace period until the proposal row makes it a root.
    await repositories.objects.touchCommit(source);
    const thread = await repositories.threads.create(
      { datasetId: dataset.id, kind: 'proposal', title, body, authorId: authorIdOf(actor) },
      deps.now(),
    );
    const fields = {
      sourceDatasetId: from.id,
      sourceBranch: proposal.source,
      targetBranch: proposal.target,
      headCommit: source,
      baseCommit: base ?? null,
      mergeCommit: null,
      mergeMethod: null,
      mergedById: null,
      mergedAt: null,
    };
    await repositories.proposals.create(thread.id, dataset.id, fields);
    await recordEvent(repositories, deps, actor, 'proposal.opened', {
      datasetId: dataset.id,
      subject: subjectOf(dataset, thread.number),
      data: {
        number: thread.number,
        source: proposal.source,
        ...(from.id !== dataset.id && { sourceDataset: `${from.owner}/${from.name}` }),
        target: proposal.target,
        head: source,
        title,
      },
    });
    return { thread, ...fields };
  });
}

/** The proposal `#number`; `thread.not_found` if there is none (or `#number` is an issue). */
export async function getProposal(
  deps: VersioningDeps,
  actor: Actor,
  dataset: DatasetRecord,
  number: number,
): Promise<ProposalRecord> {
  await requireAccess(deps, actor, dataset, 'read');
  return found(dataset, number, await deps.database.read().proposals.get(dataset.id, number));
}

/** A page of proposals, newest first; `after` is the number the previous page ended with. */
export async function listProposals(
  deps: VersioningDeps,
  actor: Actor,
  dataset: DatasetRecord,
  options: { states?: ThreadState[]; first: number; after?: number },
): Promise<{ proposals: ProposalRecord[]; next: number | undefined }> {
  await requireAccess(deps, actor, dataset, 'read');
  const rows = await deps.database.read().proposals.list(dataset.id, {
    ...(options.states !== undefined && { states: options.states }),
    ...(options.after !== undefined && { before: options.after }),
    limit: options.first + 1,
  });
  const proposals = rows.slice(0, options.first);
  return { proposals, next: rows.length > options.first ? proposals.at(-1)?.thread.number : undefined };
}

/** The reviews of several proposals (by thread id), oldest first: one query for a page of them. */
export async function reviewsOfProposals(
  deps: VersioningDeps,
  threadIds: readonly string[],
): Promise<ReviewRecord[][]> {
  const reviews = await deps.database.read().proposals.reviewsOf([...new Set(threadIds)]);
  return threadIds.map((id) => reviews.filter((review) => review.threadId === id));
}

export type Verdict = ReviewRecord['verdict'];

/**
 * Reviews the proposal at its source's current head (anyone signed in who can read the dataset;
 * not its author, except to comment). `commit`, when given, is the head the reviewer looked at:
 * `proposal.head_moved` if the source has moved since, so no one approves what they did not see.
 */
export async function reviewProposal(
  deps: VersioningDeps,
  actor: Actor,
  dataset: DatasetRecord,
  number: number,
  review: { verdict: Verdict; body?: string; commit?: string },
): Promise<ReviewRecord> {
  await requireAccess(deps, actor, dataset, 'read');
  requireSignedIn(actor);
  // A review is a person's judgement: the local operator, who is no account, cannot give one.
  if (actor.kind !== 'user')
    throw new StrataError('auth.user_required', 'forbidden', 'Only a signed-in user can review.');
  const user = actor;
  const body = checkBody(review.body ?? '', review.verdict !== 'approve');
  return deps.database.transaction(async (repositories) => {
    const proposal = found(dataset, number, await repositories.proposals.get(dataset.id, number, true));
    requireOpen(proposal);
    if (proposal.thread.authorId === user.userId && review.verdict !== 'comment') {
      throw new StrataError(
        'review.own_proposal',
        'forbidden',
        'The author of a proposal cannot approve it or request changes to it; comment instead.',
      );
    }
    const head = await sourceHead(repositories, proposal);
    if (review.commit !== undefined && !head.startsWith(review.commit.toLowerCase())) {
      throw headMoved(proposal, head);
    }
    const record = await repositories.proposals.addReview({
      threadId: proposal.thread.id,
      reviewerId: user.userId,
      verdict: review.verdict,
      body,
      commit: head,
      createdAt: deps.now(),
    });
    if (head !== proposal.headCommit) await repositories.proposals.setHead(proposal.thread.id, head);
    await repositories.threads.touch(proposal.thread.id, deps.now());
    await recordEvent(repositories, deps, actor, 'review.submitted', {
      datasetId: dataset.id,
      subject: subjectOf(dataset, number),
      data: { number, review: record.id, verdict: review.verdict, commit: head },
    });
    return record;
  });
}

/** Dismisses a review by hand (dataset admins): it no longer counts, for or against. */
export async function dismissReview(
  deps: VersioningDeps,
  actor: Actor,
  dataset: DatasetRecord,
  number: number,
  reviewId: string,
): Promise<ReviewRecord> {
  await requireAccess(deps, actor, dataset, 'admin');
  return deps.database.transaction(async (repositories) => {
    const proposal = found(dataset, number, await repositories.proposals.get(dataset.id, number, true));
    const review = (await repositories.proposals.reviewsOf([proposal.thread.id])).find((r) => r.id === reviewId);
    if (review === undefined) {
      throw new StrataError('review.not_found', 'not_found', `No review ${reviewId} on #${number}.`);
    }
    const at = deps.now();
    await repositories.proposals.dismissReview(review.id, at);
    await recordEvent(repositories, deps, actor, 'review.dismissed', {
      datasetId: dataset.id,
      subject: subjectOf(dataset, number),
      data: { number, review: review.id },
    });
    return { ...review, dismissedAt: at };
  });
}

/** Closes an open proposal, or reopens a closed one (its author, or a writer of the dataset). */
export async function setProposalState(
  deps: VersioningDeps,
  actor: Actor,
  dataset: DatasetRecord,
  number: number,
  state: 'open' | 'closed',
): Promise<ProposalRecord> {
  const role = await requireAccess(deps, actor, dataset, 'read');
  return deps.database.transaction(async (repositories) => {
    const proposal = found(dataset, number, await repositories.proposals.get(dataset.id, number, true));
    const isAuthor = actor.kind === 'user' && proposal.thread.authorId === actor.userId;
    if (!isAuthor && roleRank(role) < roleRank('write')) {
      throw new StrataError(
        'auth.forbidden',
        'forbidden',
        'Only the author or a writer of the dataset can close or reopen it.',
        {
          details: { needed: 'write' },
        },
      );
    }
    if (proposal.thread.state === 'merged') {
      throw new StrataError('proposal.merged', 'conflict', `#${number} is merged: it can no longer change state.`);
    }
    if (proposal.thread.state === state) return proposal;
    if (state === 'open') {
      await sourceHead(repositories, proposal);
      const twin = (await repositories.proposals.openOn(dataset.id, proposal.sourceBranch)).find(
        (p) => p.sourceDatasetId === proposal.sourceDatasetId && p.targetBranch === proposal.targetBranch,
      );
      if (twin !== undefined) {
        throw new StrataError(
          'proposal.exists',
          'conflict',
          `#${twin.thread.number} already proposes ${proposal.sourceBranch} into ${proposal.targetBranch}.`,
          { details: { number: twin.thread.number } },
        );
      }
    }
    const at = deps.now();
    await repositories.threads.setState(proposal.thread.id, state, at);
    await recordEvent(repositories, deps, actor, state === 'open' ? 'proposal.reopened' : 'proposal.closed', {
      datasetId: dataset.id,
      subject: subjectOf(dataset, number),
      data: { number },
    });
    return {
      ...proposal,
      thread: { ...proposal.thread, state, updatedAt: at, closedAt: state === 'open' ? null : at },
    };
  });
}

/** A review as it stands against the proposal's current head. */
export interface ReviewView extends ReviewRecord {
  /** Made on an earlier head than the source's current one. */
  stale: boolean;
  /** Does not count: dismissed by hand, or a stale approval under a rule that dismisses those. */
  dismissed: boolean;
}

/** Where a proposal stands against its target's protection rule. */
export interface ProposalStatus {
  /** The source's current head, or the last one seen if the branch is gone. */
  head: Digest;
  sourceExists: boolean;
  targetHead: Digest | undefined;
  rule: ProtectionRule | undefined;
  reviews: ReviewView[];
  /** Reviewers (with write access, not the author) whose latest verdict is a standing approval. */
  approvals: number;
  /** Reviewers whose latest verdict is a standing request for changes. */
  changesRequested: number;
  checks: CommitStatusRecord[];
  /** Why it cannot merge now (not counting conflicts: see mergeability). Empty: it can. */
  blockers: string[];
}

/** Where the proposal stands: reviews against the current head, approvals, checks, blockers. */
export async function proposalStatus(
  deps: VersioningDeps,
  dataset: DatasetRecord,
  proposal: ProposalRecord,
  reviews?: ReviewRecord[],
): Promise<ProposalStatus> {
  const read = deps.database.read();
  const [source, target, rule, allReviews] = await Promise.all([
    proposal.sourceDatasetId === null ? undefined : read.refs.get(proposal.sourceDatasetId, proposal.sourceBranch),
    read.refs.get(dataset.id, proposal.targetBranch),
    protectionFor(deps, dataset, proposal.targetBranch),
    reviews ?? read.proposals.reviewsOf([proposal.thread.id]),
  ]);
  const merged = proposal.thread.state === 'merged';
  const sourceExists = source?.kind === 'branch';
  const head = merged || !sourceExists ? proposal.headCommit : source.commit;
  const views: ReviewView[] = allReviews.map((review) => {
    const stale = review.commit !== head;
    const dismissed =
      review.dismissedAt !== null || (stale && review.verdict === 'approve' && (rule?.dismissStaleReviews ?? true));
    return { ...review, stale, dismissed };
  });
  // Each reviewer's latest decisive verdict stands (a later approval lifts their request for changes).
  const latest = new Map<string, ReviewView>();
  for (const review of views) {
    if (review.verdict !== 'comment' && review.reviewerId !== null) latest.set(review.reviewerId, review);
  }
  let approvals = 0;
  let changesRequested = 0;
  for (const [reviewerId, review] of latest) {
    if (review.dismissed || reviewerId === proposal.thread.authorId) continue;
    if (review.verdict === 'request-changes') changesRequested++;
    else if (await canWrite(deps, dataset, reviewerId)) approvals++;
  }
  const checks = await read.proposals.statuses(dataset.id, head);
  const blockers: string[] = [];
  if (proposal.thread.state !== 'open') blockers.push(`the proposal is ${proposal.thread.state}`);
  if (!sourceExists && !merged) blockers.push(`the source branch ${proposal.sourceBranch} no longer exists`);
  if (target?.kind !== 'branch') blockers.push(`the target branch ${proposal.targetBranch} no longer exists`);
  const required = rule?.requiredApprovals ?? 0;
  if (approvals < required) blockers.push(`${required} approval(s) required, ${approvals} given`);
  if (changesRequested > 0) blockers.push(`${changesRequested} reviewer(s) requested changes`);
  for (const context of rule?.requiredChecks ?? []) {
    const check = checks.find((c) => c.context === context);
    if (check?.state !== 'success') {
      blockers.push(`required check ${context} is ${check === undefined ? 'missing' : check.state}`);
    }
  }
  return {
    head,
    sourceExists,
    targetHead: target?.kind === 'branch' ? target.commit : undefined,
    rule,
    reviews: views,
    approvals,
    changesRequested,
    checks,
    blockers,
  };
}

/** Whether the source merges into the target cleanly now, and which instances conflict if not. */
export async function proposalMergeability(
  deps: VersioningDeps,
  dataset: DatasetRecord,
  proposal: ProposalRecord,
): Promise<{ upToDate: boolean; canFastForward: boolean; conflicts: MergeConflict[] }> {
  const status = await proposalStatus(deps, dataset, proposal);
  if (status.targetHead === undefined || proposal.thread.state === 'merged') {
    return { upToDate: proposal.thread.state === 'merged', canFastForward: false, conflicts: [] };
  }
  return previewMerge(deps, status.targetHead, status.head);
}

/**
 * What the proposal changes: from the merge base of its branches (at opening) to the source head,
 * or, once merged, what it merged. The source may be a fork's branch: its commits are read by id.
 */
export async function proposalDiff(
  deps: VersioningDeps,
  dataset: DatasetRecord,
  proposal: ProposalRecord,
): Promise<RefDiff> {
  const status = await proposalStatus(deps, dataset, proposal);
  return diffCommits(deps, proposal.baseCommit ?? status.head, status.head);
}

export interface MergeRequest {
  method: MergeMethod;
  /** The source head the merger decided on: `proposal.head_moved` if the source has moved since. */
  expectedHead?: string;
  message?: string;
  deleteSourceBranch?: boolean;
}

/**
 * Merges a proposal into its target (writers of the dataset), when its target's protection is
 * satisfied (`proposal.not_mergeable` lists why not) and the merge is clean (`merge.conflict`
 * lists the instances changed differently on both sides). The target moves, the proposal is marked
 * merged and the event is recorded in one transaction; the source branch is deleted after, if asked.
 */
export async function mergeProposal(
  deps: VersioningDeps,
  actor: Actor,
  dataset: DatasetRecord,
  number: number,
  request: MergeRequest,
): Promise<ProposalRecord> {
  await requireAccess(deps, actor, dataset, 'write');
  const proposal = found(dataset, number, await deps.database.read().proposals.get(dataset.id, number));
  requireOpen(proposal);
  const status = await proposalStatus(deps, dataset, proposal);
  if (request.expectedHead !== undefined && !status.head.startsWith(request.expectedHead.toLowerCase())) {
    throw headMoved(proposal, status.head);
  }
  if (status.blockers.length > 0) {
    throw new StrataError(
      'proposal.not_mergeable',
      'conflict',
      `#${number} cannot merge yet: ${status.blockers.join('; ')}.`,
      { details: { blockers: status.blockers } },
    );
  }
  const from = await sourceDatasetOf(deps, dataset, proposal);
  const author = await authorOf(deps, actor, { name: 'Strata operator', email: 'operator@strata.invalid' });
  let merged: ProposalRecord | undefined;
  await merge(
    deps,
    dataset,
    proposal.targetBranch,
    status.head,
    author,
    request.message ?? `Merge #${number} from ${proposal.sourceBranch}\n\n${proposal.thread.title}`,
    {
      mode: request.method === 'merge' ? 'merge-commit' : 'fast-forward',
      from,
      ...(status.targetHead !== undefined && { expectedHead: status.targetHead }),
      within: async (repositories, result) => {
        const locked = found(dataset, number, await repositories.proposals.get(dataset.id, number, true));
        requireOpen(locked);
        const head = await sourceHead(repositories, locked);
        if (head !== status.head) throw headMoved(locked, head);
        const at = deps.now();
        const method: MergeMethod = result.kind === 'merge' ? 'merge' : 'fast-forward';
        const byId = actor.kind === 'user' ? actor.userId : null;
        await repositories.proposals.setMerged(locked.thread.id, { head, commit: result.commit, method, byId, at });
        await repositories.threads.setState(locked.thread.id, 'merged', at);
        await recordEvent(repositories, deps, actor, 'proposal.merged', {
          datasetId: dataset.id,
          subject: subjectOf(dataset, number),
          data: { number, head, commit: result.commit, method, target: locked.targetBranch },
        });
        merged = {
          ...locked,
          headCommit: head,
          mergeCommit: result.commit,
          mergeMethod: method,
          mergedById: byId,
          mergedAt: at,
          thread: { ...locked.thread, state: 'merged', updatedAt: at, closedAt: at },
        };
      },
    },
  );
  if (merged === undefined) throw new Error('merge returned without running its transaction');
  if (request.deleteSourceBranch === true && proposal.sourceBranch !== from.defaultBranch) {
    // A fork's branch goes only if the merger may write to the fork; the merge stands either way.
    if (from.id !== dataset.id && roleRank(await roleOf(deps, actor, from)) < roleRank('write')) return merged;
    await deleteBranch(deps, from, proposal.sourceBranch, (repositories, ref) =>
      refEvent(repositories, deps, actor, from, 'branch.deleted', ref),
    ).catch((error: unknown) => {
      // Merged is merged: a source branch someone deleted meanwhile is not a failure of the merge.
      if (!(error instanceof StrataError && error.code === 'ref.not_found')) throw error;
    });
  }
  return merged;
}

/**
 * A ref of the dataset, or the full id of a commit an open proposal into it proposes (a fork's
 * head, which the dataset does not hold until it merges): what checks report on and comments
 * anchor to.
 */
export async function resolveProposable(
  deps: VersioningDeps,
  dataset: DatasetRecord,
  ref: string,
): Promise<ResolvedRef> {
  try {
    return await resolveRef(deps, dataset, ref);
  } catch (error) {
    const commit = ref.toLowerCase() as Digest;
    if (
      error instanceof StrataError &&
      error.code === 'ref.not_found' &&
      /^[0-9a-f]{64}$/.test(commit) &&
      (await deps.database.read().proposals.isProposedHead(dataset.id, commit))
    ) {
      return { commit, kind: 'commit', name: commit };
    }
    throw error;
  }
}

/** The dataset a proposal's source branch is in; `proposal.source_missing` once that fork is deleted. */
async function sourceDatasetOf(
  deps: VersioningDeps,
  dataset: DatasetRecord,
  proposal: ProposalRecord,
): Promise<DatasetRecord> {
  if (proposal.sourceDatasetId === dataset.id) return dataset;
  const from =
    proposal.sourceDatasetId === null
      ? undefined
      : await deps.database.read().datasets.findById(proposal.sourceDatasetId);
  if (from === undefined) {
    throw new StrataError(
      'proposal.source_missing',
      'conflict',
      `The dataset of the source branch of #${proposal.thread.number} no longer exists.`,
    );
  }
  return from;
}

async function canWrite(deps: VersioningDeps, dataset: DatasetRecord, userId: string): Promise<boolean> {
  const account = await deps.database.read().accounts.findById(userId);
  if (account === undefined || account.disabledAt !== null) return false;
  const reviewer: UserActor = { kind: 'user', userId, login: account.login, siteAdmin: account.siteAdmin };
  return roleRank(await roleOf(deps, reviewer, dataset)) >= roleRank('write');
}

async function branchHead(read: VersioningRepositories, dataset: DatasetRecord, name: string): Promise<Digest> {
  const ref = await read.refs.get(dataset.id, name);
  if (ref?.kind !== 'branch') {
    throw new StrataError('ref.not_found', 'not_found', `No branch '${name}' in ${dataset.owner}/${dataset.name}.`, {
      details: { ref: name },
    });
  }
  return ref.commit;
}

async function sourceHead(repositories: VersioningRepositories, proposal: ProposalRecord): Promise<Digest> {
  const ref =
    proposal.sourceDatasetId === null
      ? undefined
      : await repositories.refs.get(proposal.sourceDatasetId, proposal.sourceBranch);
  if (ref?.kind !== 'branch') {
    throw new StrataError(
      'proposal.source_missing',
      'conflict',
      `The source branch ${proposal.sourceBranch} of #${proposal.thread.number} no longer exists.`,
    );
  }
  return ref.commit;
}

function found(dataset: DatasetRecord, number: number, proposal: ProposalRecord | undefined): ProposalRecord {
  if (proposal === undefined) throw threadNotFound(dataset, number, 'proposal');
  return proposal;
}

function requireOpen(proposal: ProposalRecord): void {
  if (proposal.thread.state !== 'open') {
    throw new StrataError('proposal.not_open', 'conflict', `#${proposal.thread.number} is ${proposal.thread.state}.`, {
      details: { state: proposal.thread.state },
    });
  }
}

function headMoved(proposal: ProposalRecord, head: Digest): StrataError {
  return new StrataError(
    'proposal.head_moved',
    'conflict',
    `The source branch ${proposal.sourceBranch} has moved to ${head}: look again before you review or merge.`,
    { details: { head } },
  );
}
