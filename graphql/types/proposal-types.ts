import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from './object-types.js';

export enum ProposalStateValue {
  OPEN = 'open',
  CLOSED = 'closed',
  MERGED = 'merged',
}
registerEnumType(ProposalStateValue, { name: 'ProposalState' });

export enum ReviewVerdictValue {
  APPROVE = 'approve',
  REQUEST_CHANGES = 'request-changes',
  COMMENT = 'comment',
}
registerEnumType(ReviewVerdictValue, { name: 'ReviewVerdict' });

export enum MergeMethodValue {
  MERGE = 'merge',
  FAST_FORWARD = 'fast-forward',
}
registerEnumType(MergeMethodValue, {
  name: 'MergeMethod',
  description: 'MERGE: always a merge commit with both parents; FAST_FORWARD: only when the target has not moved.',
});

export enum CheckStateValue {
  PENDING = 'pending',
  SUCCESS = 'success',
  FAILURE = 'failure',
  ERROR = 'error',
}
registerEnumType(CheckStateValue, { name: 'CheckState' });

@ObjectType({ description: 'A change proposal: merge a source branch into a target branch, after review.' })
export class Proposal {
  @Field(() => ID, { description: 'The proposal’s thread id.' })
  id!: string;

  @Field(() => Int, { description: 'Its number in the dataset, shared with issues: #12.' })
  number!: number;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  body!: string;

  @Field(() => ProposalStateValue)
  state!: ProposalStateValue;

  @Field(() => String)
  sourceBranch!: string;

  @Field(() => String)
  targetBranch!: string;

  @Field(() => ID, { description: 'The source head last seen (when opened, reviewed or merged).' })
  headCommitId!: string;

  @Field(() => ID, { nullable: true, description: 'The merge base when the proposal was opened.' })
  baseCommitId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The commit the target moved to when it merged.' })
  mergeCommitId!: string | null;

  @Field(() => MergeMethodValue, { nullable: true })
  mergeMethod!: MergeMethodValue | null;

  @Field(() => DateTimeISOResolver, { nullable: true })
  mergedAt!: Date | null;

  @Field(() => DateTimeISOResolver)
  createdAt!: Date;

  @Field(() => DateTimeISOResolver)
  updatedAt!: Date;

  @Field(() => DateTimeISOResolver, { nullable: true })
  closedAt!: Date | null;
}

@ObjectType()
export class ProposalConnection {
  @Field(() => [Proposal])
  nodes!: Proposal[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType({ description: 'A review, as it stands against the proposal’s current head.' })
export class Review {
  @Field(() => ID)
  id!: string;

  @Field(() => ReviewVerdictValue)
  verdict!: ReviewVerdictValue;

  @Field(() => String)
  body!: string;

  @Field(() => ID, { description: 'The source head the reviewer saw.' })
  commitId!: string;

  @Field(() => DateTimeISOResolver)
  createdAt!: Date;

  @Field(() => Boolean, { description: 'Made on an earlier head than the source’s current one.' })
  stale!: boolean;

  @Field(() => Boolean, {
    description: 'Does not count: dismissed by an admin, or a stale approval under a rule that dismisses them.',
  })
  dismissed!: boolean;

  /** Resolved by the reviewer field (one query per batch). */
  reviewerId!: string | null;
}

@ObjectType({ description: 'What a check reported for a commit.' })
export class CommitStatus {
  @Field(() => ID)
  commitId!: string;

  @Field(() => String)
  context!: string;

  @Field(() => CheckStateValue)
  state!: CheckStateValue;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => String, { nullable: true })
  targetUrl!: string | null;

  @Field(() => DateTimeISOResolver)
  updatedAt!: Date;
}

@ObjectType({ description: 'Where a proposal stands against its target’s protection rule.' })
export class ProposalStatus {
  @Field(() => ID, { description: 'The source’s current head (the last one seen if the branch is gone).' })
  headCommitId!: string;

  @Field(() => Boolean)
  sourceExists!: boolean;

  @Field(() => Int, { description: 'Standing approvals from writers of the dataset other than the author.' })
  approvals!: number;

  @Field(() => Int)
  requiredApprovals!: number;

  @Field(() => Int, { description: 'Reviewers whose standing verdict asks for changes.' })
  changesRequested!: number;

  @Field(() => [String], { description: 'The status checks the target requires.' })
  requiredChecks!: string[];

  @Field(() => [CommitStatus], { description: 'What checks reported for the head.' })
  checks!: CommitStatus[];

  @Field(() => [String], { description: 'Why it cannot merge now, besides conflicts; empty when it can.' })
  blockers!: string[];
}

@ObjectType({ description: 'An instance (path) changed differently on both sides since the merge base.' })
export class MergeConflict {
  @Field(() => String, { description: 'StudyInstanceUID/SeriesInstanceUID/SOPInstanceUID, or another file’s path.' })
  path!: string;

  @Field(() => ID, { nullable: true })
  baseId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The target’s version (null: removed there).' })
  targetId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The source’s version (null: removed there).' })
  sourceId!: string | null;
}

@ObjectType({ description: 'Whether the source merges into the target cleanly now.' })
export class Mergeability {
  @Field(() => Boolean, { description: 'No conflicts (and something to merge).' })
  clean!: boolean;

  @Field(() => Boolean, { description: 'The target has everything the source has.' })
  upToDate!: boolean;

  @Field(() => Boolean)
  canFastForward!: boolean;

  @Field(() => [MergeConflict])
  conflicts!: MergeConflict[];
}

@ObjectType({ description: 'Protection for the branches whose names match a pattern.' })
export class BranchProtection {
  @Field(() => String, { description: '`main`, `release/*` (* within a segment, ** across).' })
  pattern!: string;

  @Field(() => Int)
  requiredApprovals!: number;

  @Field(() => Boolean)
  dismissStaleReviews!: boolean;

  @Field(() => Boolean, { description: 'No direct STOW-RS, DELETE or push except by dataset admins.' })
  blockDirectWrites!: boolean;

  @Field(() => [String])
  requiredChecks!: string[];

  @Field(() => DateTimeISOResolver)
  updatedAt!: Date;
}
