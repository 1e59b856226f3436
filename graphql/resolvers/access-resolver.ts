import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { accountProfile, datasetMembers, organizationsOf, tokenViews, type TokenView } from '@strata/services/access';
import { readmeAt, treeSize } from '@strata/services/versioning';
import type { GraphqlContext } from '../context.js';
import { ApiToken, DatasetMember, OrganizationMembership, Owner, Readme, VersionSize } from '../types/access-types.js';
import { Commit, Dataset, Viewer } from '../types/object-types.js';
import { GranteeKindValue, OrgRoleValue, RoleValue } from '../types/scalars-and-enums.js';
import { datasetOf, digestOf, recordOf } from './convert.js';

/** Who may do what: a dataset's members, an account's page, the viewer's organizations and tokens. */
@Resolver()
export class AccountQueries {
  @Query(() => Owner, {
    description:
      'A user or an organization by login, with its datasets the viewer can read; an organization’s members and teams to its members (account.not_found if none).',
  })
  async account(@Arg('login', () => String) login: string, @Ctx() { deps, actor }: GraphqlContext): Promise<Owner> {
    const profile = await accountProfile(deps, actor, login);
    const { account } = profile;
    return {
      login: account.login,
      displayName: account.displayName,
      isUser: account.kind === 'user',
      datasets: profile.datasets.map(({ dataset, role }) => datasetOf(dataset, role)),
      viewerRole: (profile.viewerOrgRole ?? null) as OrgRoleValue | null,
      members: profile.members?.map((member) => ({ ...member, role: member.role as OrgRoleValue })) ?? null,
      teams: profile.teams?.map((team) => ({ ...team, fullName: `${account.login}/${team.name}` })) ?? null,
    };
  }
}

@Resolver(() => Viewer)
export class ViewerFields {
  @FieldResolver(() => [OrganizationMembership], {
    description: 'The organizations the signed-in user belongs to, by login; empty when anonymous.',
  })
  async organizations(@Ctx() { deps, actor }: GraphqlContext): Promise<OrganizationMembership[]> {
    if (actor.kind === 'anonymous') return [];
    return (await organizationsOf(deps, actor)).map((org) => ({ ...org, role: org.role as OrgRoleValue }));
  }

  @FieldResolver(() => [ApiToken], {
    description: 'The signed-in user’s API tokens, oldest first, revoked ones too (auth.required when anonymous).',
  })
  async tokens(@Ctx() { deps, actor }: GraphqlContext): Promise<ApiToken[]> {
    return (await tokenViews(deps, actor)).map(tokenOf);
  }
}

@Resolver(() => Dataset)
export class DatasetAccessFields {
  @FieldResolver(() => [DatasetMember], {
    description: 'The users and teams granted a role on the dataset, users first (ADMIN).',
  })
  async members(@Root() dataset: Dataset, @Ctx() { deps, actor }: GraphqlContext): Promise<DatasetMember[]> {
    return (await datasetMembers(deps, actor, dataset.fullName)).map(memberOf);
  }

  @FieldResolver(() => Readme, {
    nullable: true,
    description:
      'The README.md (or README.txt, README, datasheet.md) at the root of `rev` (default: the default branch); null if none.',
  })
  async readme(
    @Root() dataset: Dataset,
    @Arg('rev', () => String, { nullable: true }) rev: string | null,
    @Ctx() { deps }: GraphqlContext,
  ): Promise<Readme | null> {
    const record = recordOf(dataset);
    return (await readmeAt(deps, record, rev ?? record.defaultBranch)) ?? null;
  }
}

@Resolver(() => Commit)
export class CommitSizeField {
  @FieldResolver(() => VersionSize, {
    description: 'How many instances and bytes the version holds, read off its tree’s totals.',
  })
  async size(@Root() commit: Commit, @Ctx() { deps }: GraphqlContext): Promise<VersionSize> {
    return treeSize(deps, digestOf(commit.treeId));
  }
}

export function memberOf(member: { grantee: string; kind: 'user' | 'team'; role: string }): DatasetMember {
  return {
    grantee: member.grantee,
    kind: member.kind === 'team' ? GranteeKindValue.TEAM : GranteeKindValue.USER,
    role: member.role as RoleValue,
  };
}

export function tokenOf(token: TokenView): ApiToken {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    scope: token.scope as RoleValue,
    dataset: token.dataset,
    expiresAt: token.expiresAt,
    lastUsedAt: token.lastUsedAt,
    revokedAt: token.revokedAt,
    createdAt: token.createdAt,
  };
}
