import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { openDatasetWithRole, visibleDatasets } from '@strata/services/access';
import type { GraphqlContext } from '../context.js';
import { Dataset, DatasetConnection, Viewer } from '../types/object-types.js';
import { datasetOf } from './convert.js';
import { pageSize } from './page-size.js';

@Resolver()
export class QueryResolver {
  @Query(() => Viewer, { description: 'Who the request is authenticated as.' })
  viewer(@Ctx() { actor }: GraphqlContext): Viewer {
    if (actor.kind === 'user') return { signedIn: true, login: actor.login, siteAdmin: actor.siteAdmin };
    return { signedIn: actor.kind === 'operator', login: null, siteAdmin: actor.kind === 'operator' };
  }

  @Query(() => Dataset, {
    description:
      'A dataset the viewer can read. One that does not exist and one the viewer may not read are refused alike (dataset.not_found; auth.required when anonymous).',
  })
  async dataset(
    @Arg('owner', () => String) owner: string,
    @Arg('name', () => String) name: string,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<Dataset> {
    const { dataset, role } = await openDatasetWithRole(deps, actor, `${owner}/${name}`, 'read');
    return datasetOf(dataset, role);
  }

  @Query(() => DatasetConnection, {
    description: 'The datasets the viewer can read, by owner then name.',
  })
  async datasets(
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<DatasetConnection> {
    const page = await visibleDatasets(deps, actor, pageSize(first), after ?? undefined);
    return {
      nodes: page.datasets.map(({ dataset, role }) => datasetOf(dataset, role)),
      pageInfo: { hasNextPage: page.next !== undefined, endCursor: page.next ?? null },
    };
  }
}
