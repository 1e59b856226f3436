import { defineEntity, p } from '@mikro-orm/core';
import { AccountSchema } from './account.js';
import { DatasetSchema } from './dataset.js';
import { ThreadSchema } from './thread.js';

/**
 * A change proposal: the thread (kind `proposal`) it is, and what it proposes — merging the
 * source branch (of the same dataset, or of a fork in its lineage) into the target branch. Commit ids are raw 32-byte SHA-256.
 * `headCommit` is the source head last seen (at opening, at each review, at merge): it keeps what
 * was proposed reachable (a gc root while open) even if the source branch is deleted.
 */
export const ProposalSchema = defineEntity({
  name: 'Proposal',
  tableName: 'proposal',
  indexes: [{ name: 'proposal_dataset_source_index', properties: ['dataset', 'sourceBranch'] }],
  properties: {
    thread: () => p.oneToOne(ThreadSchema).primary().owner().deleteRule('cascade'),
    dataset: () => p.manyToOne(DatasetSchema).deleteRule('cascade'),
    /** The dataset the source branch is in: the proposal's own, or a fork (null once that fork is deleted). */
    sourceDataset: () =>
      p.manyToOne(DatasetSchema).nullable().deleteRule('set null').index('proposal_source_dataset_index'),
    sourceBranch: p.string().length(255),
    targetBranch: p.string().length(255),
    headCommit: p.blob().columnType('bytea'),
    /** The merge base of source and target when opened, for the record. */
    baseCommit: p.blob().columnType('bytea').nullable(),
    mergeCommit: p.blob().columnType('bytea').nullable(),
    mergeMethod: p.enum(['merge', 'fast-forward'] as const).nullable(),
    mergedBy: () => p.manyToOne(AccountSchema).nullable().deleteRule('set null').index('proposal_merged_by_index'),
    mergedAt: p.datetime().nullable(),
  },
});

export class Proposal extends ProposalSchema.class {}
ProposalSchema.setClass(Proposal);

/**
 * A review of a proposal at the commit its reviewer saw. It goes stale when the source head
 * moves past that commit: a stale approval no longer counts (docs/design/collaboration.md).
 */
export const ReviewSchema = defineEntity({
  name: 'Review',
  tableName: 'review',
  indexes: [{ name: 'review_thread_index', properties: ['thread', 'createdAt'] }],
  properties: {
    id: p.uuid().primary(),
    thread: () => p.manyToOne(ThreadSchema).deleteRule('cascade'),
    reviewer: () => p.manyToOne(AccountSchema).nullable().deleteRule('set null').index('review_reviewer_index'),
    verdict: p.enum(['approve', 'request-changes', 'comment'] as const),
    body: p.text(),
    commitId: p.blob().columnType('bytea'),
    createdAt: p.datetime(),
    /** Set when an admin dismisses the review by hand. */
    dismissedAt: p.datetime().nullable(),
  },
});

export class Review extends ReviewSchema.class {}
ReviewSchema.setClass(Review);

/** Rules for the branches of a dataset whose names match `pattern` (`main`, `release/*`). */
export const BranchProtectionSchema = defineEntity({
  name: 'BranchProtection',
  tableName: 'branch_protection',
  uniques: [{ name: 'branch_protection_pattern_unique', properties: ['dataset', 'pattern'] }],
  properties: {
    id: p.uuid().primary(),
    dataset: () => p.manyToOne(DatasetSchema).deleteRule('cascade'),
    pattern: p.string().length(255),
    requiredApprovals: p.smallint(),
    dismissStaleReviews: p.boolean(),
    /** No direct STOW-RS, DELETE or push to a matching branch, except by dataset admins. */
    blockDirectWrites: p.boolean(),
    /** Status check contexts that must be `success` on a proposal's head before it merges (JSON array). */
    requiredChecks: p.json<string[]>(),
    updatedAt: p.datetime(),
  },
});

export class BranchProtection extends BranchProtectionSchema.class {}
BranchProtectionSchema.setClass(BranchProtection);

/** A status a check (CI, a QA bot) reported for a commit, by context (`qa/dicom-validate`). */
export const CommitStatusSchema = defineEntity({
  name: 'CommitStatus',
  tableName: 'commit_status',
  properties: {
    dataset: () => p.manyToOne(DatasetSchema).primary().deleteRule('cascade'),
    commitId: p.blob().columnType('bytea').primary(),
    context: p.string().length(100).primary(),
    state: p.enum(['pending', 'success', 'failure', 'error'] as const),
    description: p.string().length(300).nullable(),
    targetUrl: p.string().length(2000).nullable(),
    creator: () => p.manyToOne(AccountSchema).nullable().deleteRule('set null').index('commit_status_creator_index'),
    updatedAt: p.datetime(),
  },
});

export class CommitStatus extends CommitStatusSchema.class {}
CommitStatusSchema.setClass(CommitStatus);
