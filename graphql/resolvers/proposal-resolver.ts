import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { StrataError } from '@strata/modules/errors';
import {
  commitStatuses,
  getProposal,
  listProposals,
  listProtections,
  proposalDiff,
  proposalMergeability,
  proposalStatus,
} from '@strata/services/collaboration';
import type { GraphqlContext } from '../context.js';
import { isGiven } from './arguments.js';
import { Account, Dataset, Diff } from '../types/object-types.js';
import { CommentConnection, Label } from '../types/discussion-types.js';
import {
  BranchProtection,
  CommitStatus,
  Mergeability,
  Proposal,
  ProposalConnection,
  ProposalStateValue,
  ProposalStatus,
  Review,
} from '../types/proposal-types.js';
import { diffOf, recordOf } from './convert.js';
import { authorAccount, threadAssignees, threadComments, threadLabels } from './thread-fields.js';
import { pageSize } from './page-size.js';
import { commitStatusOf, proposalOf, protectionOf, reviewOf, sourceOf } from './proposal-convert.js';

@Resolver(() => Dataset)
export class DatasetProposalFields {
  @FieldResolver(() => ProposalConnection, { description: 'Change proposals, newest first.' })
  async proposals(
    @Root() dataset: Dataset,
    @Arg('states', () => [ProposalStateValue], { nullable: true }) states: ProposalStateValue[] | null,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<ProposalConnection> {
    const record = recordOf(dataset);
    const page = await listProposals(deps, actor, record, {
      first: pageSize(first),
      ...(isGiven(states) && { states }),
      ...(isGiven(after) && { after: cursorNumber(after) }),
    });
    return {
      nodes: page.proposals.map((proposal) => proposalOf(record, proposal)),
      pageInfo: { hasNextPage: page.next !== undefined, endCursor: page.next === undefined ? null : String(page.next) },
    };
  }

  @FieldResolver(() => Proposal, { nullable: true, description: 'The proposal #number; null if there is none.' })
  async proposal(
    @Root() dataset: Dataset,
    @Arg('number', () => Int) number: number,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<Proposal | null> {
    const record = recordOf(dataset);
    try {
      return proposalOf(record, await getProposal(deps, actor, record, number));
    } catch (error) {
      if (error instanceof StrataError && error.code === 'thread.not_found') return null;
      throw error;
    }
  }

  @FieldResolver(() => [BranchProtection], { description: 'Branch protection rules, by pattern.' })
  async branchProtections(@Root() dataset: Dataset, @Ctx() { deps }: GraphqlContext): Promise<BranchProtection[]> {
    return (await listProtections(deps, recordOf(dataset))).map(protectionOf);
  }

  @FieldResolver(() => [CommitStatus], { description: 'What checks reported for the commit `rev` names.' })
  async statuses(
    @Root() dataset: Dataset,
    @Arg('rev', () => String) rev: string,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<CommitStatus[]> {
    return (await commitStatuses(deps, actor, recordOf(dataset), rev)).map(commitStatusOf);
  }
}

@Resolver(() => Proposal)
export class ProposalResolver {
  @FieldResolver(() => Account, { nullable: true, description: 'Null once the account is deleted.' })
  async author(@Root() proposal: Proposal, @Ctx() context: GraphqlContext): Promise<Account | null> {
    return authorAccount(sourceOf(proposal).record.thread.authorId, context);
  }

  @FieldResolver(() => Account, { nullable: true })
  async mergedBy(@Root() proposal: Proposal, @Ctx() context: GraphqlContext): Promise<Account | null> {
    return authorAccount(sourceOf(proposal).record.mergedById, context);
  }

  @FieldResolver(() => [Account])
  async assignees(@Root() proposal: Proposal, @Ctx() context: GraphqlContext): Promise<Account[]> {
    return threadAssignees(proposal.id, context);
  }

  @FieldResolver(() => [Label])
  async labels(@Root() proposal: Proposal, @Ctx() context: GraphqlContext): Promise<Label[]> {
    return threadLabels(proposal.id, context);
  }

  @FieldResolver(() => Int, { description: 'Comments not deleted.' })
  async commentCount(@Root() proposal: Proposal, @Ctx() { loaders }: GraphqlContext): Promise<number> {
    return loaders.commentCounts.load(proposal.id);
  }

  @FieldResolver(() => CommentConnection, {
    description: 'Oldest first (anchored ones included); deleted ones stay in place, empty.',
  })
  async comments(
    @Root() proposal: Proposal,
    @Arg('first', () => Int, { defaultValue: 30 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() context: GraphqlContext,
  ): Promise<CommentConnection> {
    return threadComments(proposal.id, first, after, context);
  }

  @FieldResolver(() => Int, { description: 'How many reviews it has had (of every verdict).' })
  async reviewCount(@Root() proposal: Proposal, @Ctx() { loaders }: GraphqlContext): Promise<number> {
    return (await loaders.reviews.load(proposal.id)).length;
  }

  @FieldResolver(() => [Review], { description: 'Reviews, oldest first, as they stand against the current head.' })
  async reviews(@Root() proposal: Proposal, @Ctx() { deps, loaders }: GraphqlContext): Promise<Review[]> {
    const { dataset, record } = sourceOf(proposal);
    const status = await proposalStatus(deps, dataset, record, await loaders.reviews.load(proposal.id));
    return status.reviews.map(reviewOf);
  }

  @FieldResolver(() => ProposalStatus, { description: 'Approvals, checks and what blocks the merge.' })
  async status(@Root() proposal: Proposal, @Ctx() { deps, loaders }: GraphqlContext): Promise<ProposalStatus> {
    const { dataset, record } = sourceOf(proposal);
    const status = await proposalStatus(deps, dataset, record, await loaders.reviews.load(proposal.id));
    return {
      headCommitId: status.head,
      sourceExists: status.sourceExists,
      approvals: status.approvals,
      requiredApprovals: status.rule?.requiredApprovals ?? 0,
      changesRequested: status.changesRequested,
      requiredChecks: [...(status.rule?.requiredChecks ?? [])],
      checks: status.checks.map(commitStatusOf),
      blockers: status.blockers,
    };
  }

  @FieldResolver(() => Mergeability, {
    description: 'Whether the source merges into the target cleanly now; the conflicting instances if not.',
  })
  async mergeability(@Root() proposal: Proposal, @Ctx() { deps }: GraphqlContext): Promise<Mergeability> {
    const { dataset, record } = sourceOf(proposal);
    const result = await proposalMergeability(deps, dataset, record);
    return {
      clean: result.conflicts.length === 0 && !result.upToDate,
      upToDate: result.upToDate,
      canFastForward: result.canFastForward,
      conflicts: result.conflicts.map((conflict) => ({
        path: conflict.path,
        baseId: conflict.base ?? null,
        targetId: conflict.ours ?? null,
        sourceId: conflict.theirs ?? null,
      })),
    };
  }

  @FieldResolver(() => Diff, {
    description:
      'What the proposal changes: from the merge base of its branches (at opening) to the source head (or, once merged, what it merged).',
  })
  async diff(@Root() proposal: Proposal, @Ctx() { deps }: GraphqlContext): Promise<Diff> {
    const { dataset, record } = sourceOf(proposal);
    return diffOf(await proposalDiff(deps, dataset, record));
  }
}

@Resolver(() => Review)
export class ReviewResolver {
  @FieldResolver(() => Account, { nullable: true, description: 'Null once the account is deleted.' })
  async reviewer(@Root() review: Review, @Ctx() context: GraphqlContext): Promise<Account | null> {
    return authorAccount(review.reviewerId, context);
  }
}

function cursorNumber(after: string): number {
  const number = Number(after);
  if (!/^[1-9]\d{0,9}$/.test(after) || !Number.isSafeInteger(number)) {
    throw new StrataError('graphql.invalid_cursor', 'invalid', 'after is not a cursor this API gave out.');
  }
  return number;
}
