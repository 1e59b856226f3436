import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { openDataset } from '@strata/services/access';
import { createBranchAs, createTagAs, deleteBranchAs, saveReadme } from '@strata/services/collaboration';
import type { GraphqlContext } from '../context.js';
import { SavedReadme } from '../types/access-types.js';
import { Ref } from '../types/object-types.js';
import { refOf } from './convert.js';

/** Branches and tags, and the README written on a branch (WRITE on the dataset). */
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

  @Mutation(() => SavedReadme, {
    description:
      'Writes the README at the root of a branch as one commit (WRITE; admins only on a branch that blocks direct writes). ' +
      'The existing README keeps its name, else README.md. With expectedHead, ref.moved if the branch has moved since. ' +
      'readme.empty, readme.too_large (over 256 KiB).',
  })
  async saveReadme(
    @Arg('dataset', () => String, { description: 'owner/name' }) dataset: string,
    @Arg('branch', () => String) branch: string,
    @Arg('text', () => String) text: string,
    @Arg('message', () => String, { nullable: true }) message: string | null,
    @Arg('expectedHead', () => String, {
      nullable: true,
      description: 'The head the text was written against (a full commit id).',
    })
    expectedHead: string | null,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<SavedReadme> {
    const saved = await saveReadme(deps, actor, {
      dataset,
      branch,
      text,
      ...(message !== null && message !== undefined && { message }),
      ...(expectedHead !== null && expectedHead !== undefined && { expectedHead }),
    });
    return { commitId: saved.commit, path: saved.path, changed: saved.changed };
  }
}
