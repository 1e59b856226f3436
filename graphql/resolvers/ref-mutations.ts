import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { openDataset } from '@strata/services/access';
import { createBranchAs, createTagAs, deleteBranchAs } from '@strata/services/collaboration';
import type { GraphqlContext } from '../context.js';
import { Ref } from '../types/object-types.js';
import { refOf } from './convert.js';

/** Branches and tags (WRITE on the dataset). */
@Resolver()
export class RefMutations {
  @Mutation(() => Ref, { description: 'Creates a branch at `from` (default: the default branch).' })
  async createBranch(
    @Arg('dataset', () => String, { description: 'owner/name' }) dataset: string,
    @Arg('name', () => String) name: string,
    @Arg('from', () => String, { nullable: true }) from: string | null,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<Ref> {
    const record = await openDataset(deps, actor, dataset, 'write');
    return refOf(await createBranchAs(deps, actor, record, name, from ?? undefined));
  }

  @Mutation(() => Ref, { description: 'Creates a tag at `at`; tags never move.' })
  async createTag(
    @Arg('dataset', () => String, { description: 'owner/name' }) dataset: string,
    @Arg('name', () => String) name: string,
    @Arg('at', () => String) at: string,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<Ref> {
    const record = await openDataset(deps, actor, dataset, 'write');
    return refOf(await createTagAs(deps, actor, record, name, at));
  }

  @Mutation(() => Ref, {
    description:
      'Deletes a branch (not the default branch, nor a protected one unless an admin); returns it as it was.',
  })
  async deleteBranch(
    @Arg('dataset', () => String, { description: 'owner/name' }) dataset: string,
    @Arg('name', () => String) name: string,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<Ref> {
    const record = await openDataset(deps, actor, dataset, 'write');
    return refOf(await deleteBranchAs(deps, actor, record, name));
  }
}
