import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import { openDataset } from '@strata/services/access';
import {
  dismissReview,
  mergeProposal,
  openProposal,
  removeBranchProtection,
  reviewProposal,
  setBranchProtection,
  setCommitStatus,
  setProposalState,
} from '@strata/services/collaboration';
import type { GraphqlContext } from '../context.js';
import { isGiven } from './arguments.js';
import {
  BranchProtection,
  CheckStateValue,
  CommitStatus,
  MergeMethodValue,
  Proposal,
  Review,
  ReviewVerdictValue,
} from '../types/proposal-types.js';
import { commitStatusOf, proposalOf, protectionOf, reviewOf } from './proposal-convert.js';

/** Change proposals, reviews, merges, branch protection and commit statuses. */
@Resolver()
export class ProposalMutations {
  @Mutation(() => Proposal, {
    description:
      'Proposes merging `source` into `target`, a branch of the dataset; anyone signed in who can read it. `source` is a branch of the dataset, or of `sourceDataset` (a fork of its lineage the opener can read).',
  })
  async openProposal(
    @Arg('dataset', () => String, { description: 'owner/name' }) dataset: string,
    @Arg('source', () => String) source: string,
    @Arg('target', () => String) target: string,
    @Arg('title', () => String) title: string,
    @Arg('body', () => String, { defaultValue: '' }) body: string,
    @Arg('sourceDataset', () => String, {
      nullable: true,
      description: 'owner/name of the fork the source branch is in (default: the dataset itself)',
    })
    sourceDataset: string | null | undefined,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<Proposal> {
    const record = await openDataset(deps, actor, dataset, 'read');
    const from = isGiven(sourceDataset) ? await openDataset(deps, actor, sourceDataset, 'read') : undefined;
    return proposalOf(
      record,
      await openProposal(deps, actor, record, { source, target, title, body, ...(from && { sourceDataset: from }) }),
    );
  }

  @Mutation(() => Review, {
    description:
      'Reviews the proposal at its source’s head. Pass `commitId` (the head you looked at, ≥ 7 digits) to be refused with proposal.head_moved if it has moved.',
  })
  async reviewProposal(
    @Arg('dataset', () => String) dataset: string,
    @Arg('number', () => Int) number: number,
    @Arg('verdict', () => ReviewVerdictValue) verdict: ReviewVerdictValue,
    @Arg('body', () => String, { defaultValue: '' }) body: string,
    @Arg('commitId', () => String, { nullable: true }) commitId: string | null,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<Review> {
    const record = await openDataset(deps, actor, dataset, 'read');
    return reviewOf(
      await reviewProposal(deps, actor, record, number, {
        verdict,
        body,
        ...(isGiven(commitId) && { commit: commitId }),
      }),
    );
  }

  @Mutation(() => Review, { description: 'Dismisses a review (dataset admins): it no longer counts.' })
  async dismissReview(
    @Arg('dataset', () => String) dataset: string,
    @Arg('number', () => Int) number: number,
    @Arg('reviewId', () => ID) reviewId: string,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<Review> {
    const record = await openDataset(deps, actor, dataset, 'admin');
    return reviewOf(await dismissReview(deps, actor, record, number, reviewId));
  }

  @Mutation(() => Proposal, { description: 'Closes an open proposal (its author or a writer).' })
  async closeProposal(
    @Arg('dataset', () => String) dataset: string,
    @Arg('number', () => Int) number: number,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<Proposal> {
    const record = await openDataset(deps, actor, dataset, 'read');
    return proposalOf(record, await setProposalState(deps, actor, record, number, 'closed'));
  }

  @Mutation(() => Proposal, { description: 'Reopens a closed (not merged) proposal (its author or a writer).' })
  async reopenProposal(
    @Arg('dataset', () => String) dataset: string,
    @Arg('number', () => Int) number: number,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<Proposal> {
    const record = await openDataset(deps, actor, dataset, 'read');
    return proposalOf(record, await setProposalState(deps, actor, record, number, 'open'));
  }

  @Mutation(() => Proposal, {
    description:
      'Merges the proposal (writers) once its target’s protection is satisfied (proposal.not_mergeable lists why not) and it merges cleanly (merge.conflict lists the instances). Pass `expectedHeadId` to merge only the head you reviewed.',
  })
  async mergeProposal(
    @Arg('dataset', () => String) dataset: string,
    @Arg('number', () => Int) number: number,
    @Arg('method', () => MergeMethodValue, { defaultValue: MergeMethodValue.MERGE }) method: MergeMethodValue,
    @Arg('expectedHeadId', () => String, { nullable: true }) expectedHeadId: string | null,
    @Arg('message', () => String, { nullable: true }) message: string | null,
    @Arg('deleteSourceBranch', () => Boolean, { defaultValue: false }) deleteSourceBranch: boolean,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<Proposal> {
    const record = await openDataset(deps, actor, dataset, 'write');
    const merged = await mergeProposal(deps, actor, record, number, {
      method,
      deleteSourceBranch,
      ...(isGiven(expectedHeadId) && { expectedHead: expectedHeadId }),
      ...(isGiven(message) && { message }),
    });
    return proposalOf(record, merged);
  }

  @Mutation(() => BranchProtection, { description: 'Protects the branches matching `pattern` (dataset admins).' })
  async setBranchProtection(
    @Arg('dataset', () => String) dataset: string,
    @Arg('pattern', () => String) pattern: string,
    @Arg('requiredApprovals', () => Int, { defaultValue: 1 }) requiredApprovals: number,
    @Arg('dismissStaleReviews', () => Boolean, { defaultValue: true }) dismissStaleReviews: boolean,
    @Arg('blockDirectWrites', () => Boolean, { defaultValue: true }) blockDirectWrites: boolean,
    @Arg('requiredChecks', () => [String], { defaultValue: [] }) requiredChecks: string[],
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<BranchProtection> {
    const record = await openDataset(deps, actor, dataset, 'admin');
    return protectionOf(
      await setBranchProtection(deps, actor, record, pattern, {
        requiredApprovals,
        dismissStaleReviews,
        blockDirectWrites,
        requiredChecks,
      }),
    );
  }

  @Mutation(() => Boolean, { description: 'Removes the protection rule for `pattern` (dataset admins).' })
  async removeBranchProtection(
    @Arg('dataset', () => String) dataset: string,
    @Arg('pattern', () => String) pattern: string,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<boolean> {
    const record = await openDataset(deps, actor, dataset, 'admin');
    await removeBranchProtection(deps, actor, record, pattern);
    return true;
  }

  @Mutation(() => CommitStatus, {
    description:
      'Reports a check’s state for a commit (writers; e.g. a QA bot’s token). `commit` may be a branch: its head now.',
  })
  async setCommitStatus(
    @Arg('dataset', () => String) dataset: string,
    @Arg('commit', () => String) commit: string,
    @Arg('context', () => String) context: string,
    @Arg('state', () => CheckStateValue) state: CheckStateValue,
    @Arg('description', () => String, { nullable: true }) description: string | null,
    @Arg('targetUrl', () => String, { nullable: true }) targetUrl: string | null,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<CommitStatus> {
    const record = await openDataset(deps, actor, dataset, 'write');
    return commitStatusOf(
      await setCommitStatus(deps, actor, record, {
        commit,
        context,
        state,
        ...(isGiven(description) && { description }),
        ...(isGiven(targetUrl) && { targetUrl }),
      }),
    );
  }
}
