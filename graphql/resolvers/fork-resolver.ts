import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { openDataset, openDatasetWithRole } from '@strata/services/access';
import { forkDataset, forksOf, readableDataset } from '@strata/services/collaboration';
import type { GraphqlContext } from '../context.js';
import { Dataset } from '../types/object-types.js';
import { Proposal } from '../types/proposal-types.js';
import { VisibilityValue } from '../types/scalars-and-enums.js';
import { datasetOf, recordOf } from './convert.js';
import { sourceOf } from './proposal-convert.js';

/** Forks: the lineage of a dataset, and where a proposal's source branch lives. */
@Resolver(() => Dataset)
export class DatasetForkFields {
  @FieldResolver(() => Dataset, {
    nullable: true,
    description: 'The dataset this one was forked from; null for an original, or one the viewer cannot read.',
  })
  async forkedFrom(@Root() dataset: Dataset, @Ctx() { deps, actor }: GraphqlContext): Promise<Dataset | null> {
    const parent = await readableDataset(deps, actor, recordOf(dataset).forkedFromId);
    return parent === undefined ? null : datasetOf(parent.dataset, parent.role);
  }

  @FieldResolver(() => [Dataset], { description: 'Its forks the viewer can read, by owner then name.' })
  async forks(@Root() dataset: Dataset, @Ctx() { deps, actor }: GraphqlContext): Promise<Dataset[]> {
    return (await forksOf(deps, actor, recordOf(dataset))).map((fork) => datasetOf(fork.dataset, fork.role));
  }

  @FieldResolver(() => Boolean, { description: 'Whether it is a fork (even of a dataset since deleted).' })
  isFork(@Root() dataset: Dataset): boolean {
    const record = recordOf(dataset);
    return record.lineageId !== record.id;
  }
}

@Resolver(() => Proposal)
export class ProposalSourceFields {
  @FieldResolver(() => Dataset, {
    nullable: true,
    description:
      'The dataset of the source branch: this one, or a fork of its lineage; null once that fork is deleted or if the viewer cannot read it.',
  })
  async sourceDataset(@Root() proposal: Proposal, @Ctx() { deps, actor }: GraphqlContext): Promise<Dataset | null> {
    const source = await readableDataset(deps, actor, sourceOf(proposal).record.sourceDatasetId);
    return source === undefined ? null : datasetOf(source.dataset, source.role);
  }
}

/** Forking (READ on the dataset forked; the right to create datasets under the new owner). */
@Resolver()
export class ForkMutations {
  @Mutation(() => Dataset, {
    description:
      'Forks a dataset into `name` (owner/name: your account or an organization you own): same branches, tags and history, sharing all data. As visible as the original unless `visibility` says otherwise; never more visible, except by the original’s admins.',
  })
  async forkDataset(
    @Arg('dataset', () => String, { description: 'owner/name of the dataset to fork' }) dataset: string,
    @Arg('name', () => String, { description: 'owner/name of the fork' }) name: string,
    @Arg('visibility', () => VisibilityValue, { nullable: true }) visibility: VisibilityValue | null,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<Dataset> {
    const source = await openDataset(deps, actor, dataset, 'read');
    const fork = await forkDataset(deps, actor, source, name, visibility === null ? {} : { visibility });
    const opened = await openDatasetWithRole(deps, actor, `${fork.owner}/${fork.name}`, 'read');
    return datasetOf(opened.dataset, opened.role);
  }
}
