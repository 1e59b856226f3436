import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { commitAt, diffRefs, historyPage } from '@strata/services/versioning';
import type { GraphqlContext } from '../context.js';
import { Commit, CommitConnection, Dataset, Diff, Ref } from '../types/object-types.js';
import { commitOf, diffOf, digestOf, recordOf, refOf } from './convert.js';
import { pageSize } from './page-size.js';

@Resolver(() => Dataset)
export class DatasetResolver {
  @FieldResolver(() => [Ref], { description: 'Branches, by name.' })
  async branches(@Root() dataset: Dataset, @Ctx() { loaders }: GraphqlContext): Promise<Ref[]> {
    return (await loaders.refs.load(recordOf(dataset))).filter((ref) => ref.kind === 'branch').map(refOf);
  }

  @FieldResolver(() => [Ref], { description: 'Tags, by name.' })
  async tags(@Root() dataset: Dataset, @Ctx() { loaders }: GraphqlContext): Promise<Ref[]> {
    return (await loaders.refs.load(recordOf(dataset))).filter((ref) => ref.kind === 'tag').map(refOf);
  }

  @FieldResolver(() => Ref, { nullable: true, description: 'The branch or tag of that name; null if none.' })
  async ref(
    @Root() dataset: Dataset,
    @Arg('name', () => String) name: string,
    @Ctx() { loaders }: GraphqlContext,
  ): Promise<Ref | null> {
    const found = (await loaders.refs.load(recordOf(dataset))).find((ref) => ref.name === name);
    return found === undefined ? null : refOf(found);
  }

  @FieldResolver(() => Commit, {
    description: 'The commit a branch, a tag or a (full or ≥ 7-digit) commit id of this dataset names.',
  })
  async commit(
    @Root() dataset: Dataset,
    @Arg('rev', () => String) rev: string,
    @Ctx() { deps }: GraphqlContext,
  ): Promise<Commit> {
    const { id, commit } = await commitAt(deps, recordOf(dataset), rev);
    return commitOf(id, commit);
  }

  @FieldResolver(() => CommitConnection, {
    description: 'History from `rev` (default: the default branch), newest first by committer time.',
  })
  async history(
    @Root() dataset: Dataset,
    @Arg('rev', () => String, { nullable: true }) rev: string | null,
    @Arg('first', () => Int, { defaultValue: 30 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() { deps }: GraphqlContext,
  ): Promise<CommitConnection> {
    const record = recordOf(dataset);
    const page = await historyPage(deps, record, rev ?? record.defaultBranch, pageSize(first), after ?? undefined);
    return {
      nodes: page.entries.map(({ id, commit }) => commitOf(id, commit)),
      pageInfo: { hasNextPage: page.next !== undefined, endCursor: page.next ?? null },
    };
  }

  @FieldResolver(() => Diff, {
    description: 'What differs from one version to another: DICOM instances by study and series.',
  })
  async diff(
    @Root() dataset: Dataset,
    @Arg('from', () => String) from: string,
    @Arg('to', () => String) to: string,
    @Ctx() { deps }: GraphqlContext,
  ): Promise<Diff> {
    const diff = await diffRefs(deps, recordOf(dataset), from, to);
    return diffOf(diff);
  }
}

@Resolver(() => Commit)
export class CommitResolver {
  @FieldResolver(() => [Commit], { description: 'The commits this one was made from (two for a merge).' })
  async parents(@Root() commit: Commit, @Ctx() { loaders }: GraphqlContext): Promise<Commit[]> {
    const ids = commit.parentIds.map(digestOf);
    const parents = await loaders.commits.loadMany(ids);
    return parents.map((parent, index) => {
      if (parent instanceof Error) throw parent;
      return commitOf(ids[index] ?? digestOf(''), parent);
    });
  }
}

@Resolver(() => Ref)
export class RefResolver {
  @FieldResolver(() => Commit, { description: 'The commit the ref points at.' })
  async commit(@Root() ref: Ref, @Ctx() { loaders }: GraphqlContext): Promise<Commit> {
    const id = digestOf(ref.commitId);
    return commitOf(id, await loaders.commits.load(id));
  }
}
