import type {
  CommitStatusRecord,
  ProposalRecord,
  ProtectionRule,
  ReviewRecordView,
  ReviewViewRecord,
} from './proposal-records.js';
import type { DatasetRecord } from './records.js';
import {
  type BranchProtection,
  type CheckStateValue,
  type CommitStatus,
  type MergeMethodValue,
  type Proposal,
  type ProposalStateValue,
  type Review,
  type ReviewVerdictValue,
} from '../types/proposal-types.js';

/** Where a Proposal keeps its service record and dataset, for field resolvers (see convert.ts, RECORD). */
const SOURCE = Symbol('strata.proposalRecord');

interface ProposalSource {
  dataset: DatasetRecord;
  record: ProposalRecord;
}

export function sourceOf(proposal: Proposal): ProposalSource {
  const source = (proposal as Proposal & { [SOURCE]?: ProposalSource })[SOURCE];
  if (source === undefined) throw new Error('sourceOf: a Proposal not made by proposalOf');
  return source;
}

export function proposalOf(dataset: DatasetRecord, record: ProposalRecord): Proposal {
  const { thread } = record;
  const proposal: Proposal & { [SOURCE]: ProposalSource } = {
    [SOURCE]: { dataset, record },
    id: thread.id,
    number: thread.number,
    title: thread.title,
    body: thread.body,
    state: thread.state as ProposalStateValue,
    sourceBranch: record.sourceBranch,
    targetBranch: record.targetBranch,
    headCommitId: record.headCommit,
    baseCommitId: record.baseCommit,
    mergeCommitId: record.mergeCommit,
    mergeMethod: record.mergeMethod as MergeMethodValue | null,
    mergedAt: record.mergedAt,
    createdAt: thread.createdAt,
    updatedAt: thread.updatedAt,
    closedAt: thread.closedAt,
  };
  return proposal;
}

/** A review; `view` says how it stands against the current head (a new review stands: not stale). */
export function reviewOf(record: ReviewRecordView | ReviewViewRecord): Review {
  return {
    id: record.id,
    verdict: record.verdict as ReviewVerdictValue,
    body: record.body,
    commitId: record.commit,
    createdAt: record.createdAt,
    stale: 'stale' in record ? record.stale : false,
    dismissed: 'dismissed' in record ? record.dismissed : record.dismissedAt !== null,
    reviewerId: record.reviewerId,
  };
}

export function commitStatusOf(record: CommitStatusRecord): CommitStatus {
  return {
    commitId: record.commit,
    context: record.context,
    state: record.state as CheckStateValue,
    description: record.description,
    targetUrl: record.targetUrl,
    updatedAt: record.updatedAt,
  };
}

export function protectionOf(rule: ProtectionRule): BranchProtection {
  return {
    pattern: rule.pattern,
    requiredApprovals: rule.requiredApprovals,
    dismissStaleReviews: rule.dismissStaleReviews,
    blockDirectWrites: rule.blockDirectWrites,
    requiredChecks: [...rule.requiredChecks],
    updatedAt: rule.updatedAt,
  };
}
