import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import {
  accountProfile,
  addOrgMember,
  addTeamMember,
  createOrganization,
  createTeam,
  createToken,
  datasetMembers,
  deleteTeam,
  grantRole,
  openDatasetWithRole,
  removeOrgMember,
  removeTeamMember,
  revokeRole,
  revokeToken,
  setVisibility,
} from '@strata/services/access';
import type { GraphqlContext } from '../context.js';
import { CreatedToken, DatasetMember, Owner, Team } from '../types/access-types.js';
import { Dataset } from '../types/object-types.js';
import { OrgRoleValue, RoleValue, VisibilityValue } from '../types/scalars-and-enums.js';
import { AccountQueries, memberOf, tokenOf } from './access-resolver.js';
import { datasetOf } from './convert.js';

const DATASET = { description: 'owner/name' };
const GRANTEE = { description: 'A user’s login, or a team as org/team.' };

/** Grants, visibility, organizations, teams and tokens; every rule and audit event is the services'. */
@Resolver()
export class AccessMutations {
  @Mutation(() => [DatasetMember], {
    description: 'Grants a role on the dataset to a user or a team, replacing theirs (ADMIN); returns the members.',
  })
  async grantRole(
    @Arg('dataset', () => String, DATASET) dataset: string,
    @Arg('grantee', () => String, GRANTEE) grantee: string,
    @Arg('role', () => RoleValue) role: RoleValue,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<DatasetMember[]> {
    await grantRole(deps, actor, dataset, grantee, role);
    return (await datasetMembers(deps, actor, dataset)).map(memberOf);
  }

  @Mutation(() => [DatasetMember], {
    description: 'Removes the role granted to a user or a team (ADMIN; grant.not_found if none); returns the members.',
  })
  async revokeRole(
    @Arg('dataset', () => String, DATASET) dataset: string,
    @Arg('grantee', () => String, GRANTEE) grantee: string,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<DatasetMember[]> {
    await revokeRole(deps, actor, dataset, grantee);
    return (await datasetMembers(deps, actor, dataset)).map(memberOf);
  }

  @Mutation(() => Dataset, { description: 'Changes who may read the dataset without a grant (ADMIN).' })
  async setVisibility(
    @Arg('dataset', () => String, DATASET) dataset: string,
    @Arg('visibility', () => VisibilityValue) visibility: VisibilityValue,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<Dataset> {
    await setVisibility(deps, actor, dataset, visibility);
    const opened = await openDatasetWithRole(deps, actor, dataset, 'read');
    return datasetOf(opened.dataset, opened.role);
  }

  @Mutation(() => Owner, { description: 'Creates an organization; the signed-in user becomes its owner.' })
  async createOrganization(@Arg('login', () => String) login: string, @Ctx() context: GraphqlContext): Promise<Owner> {
    const org = await createOrganization(context.deps, context.actor, login);
    return new AccountQueries().account(org.login, context);
  }

  @Mutation(() => Boolean, {
    description: 'Adds a user to an organization, or changes their role in it (its owners and site admins).',
  })
  async addOrganizationMember(
    @Arg('organization', () => String) organization: string,
    @Arg('login', () => String) login: string,
    @Arg('role', () => OrgRoleValue, { defaultValue: OrgRoleValue.MEMBER }) role: OrgRoleValue,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<boolean> {
    await addOrgMember(deps, actor, organization, login, role);
    return true;
  }

  @Mutation(() => Boolean, {
    description:
      'Removes a user from an organization and its teams (its owners and site admins; a member may remove themself). ' +
      'Roles granted to them by name on its datasets stay. org.not_member if they are not one; org.last_owner for its only owner.',
  })
  async removeOrganizationMember(
    @Arg('organization', () => String) organization: string,
    @Arg('login', () => String) login: string,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<boolean> {
    await removeOrgMember(deps, actor, organization, login);
    return true;
  }

  @Mutation(() => Team, { description: 'Creates a team in an organization (its owners and site admins).' })
  async createTeam(
    @Arg('organization', () => String) organization: string,
    @Arg('name', () => String) name: string,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<Team> {
    const team = await createTeam(deps, actor, organization, name);
    return { name: team.name, fullName: `${organization}/${team.name}`, members: [] };
  }

  @Mutation(() => Team, { description: 'Adds a user to a team, org/team (the organization’s owners and site admins).' })
  async addTeamMember(
    @Arg('team', () => String, { description: 'org/team' }) team: string,
    @Arg('login', () => String) login: string,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<Team> {
    await addTeamMember(deps, actor, team, login);
    return teamAfter(team, { deps, actor });
  }

  @Mutation(() => Team, {
    description:
      'Removes a user from a team, org/team (the organization’s owners and site admins); team.not_member if not in it.',
  })
  async removeTeamMember(
    @Arg('team', () => String, { description: 'org/team' }) team: string,
    @Arg('login', () => String) login: string,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<Team> {
    await removeTeamMember(deps, actor, team, login);
    return teamAfter(team, { deps, actor });
  }

  @Mutation(() => Boolean, {
    description:
      'Deletes a team, org/team (the organization’s owners and site admins). Its members stay in the organization; ' +
      'the roles granted to the team end with it.',
  })
  async deleteTeam(
    @Arg('team', () => String, { description: 'org/team' }) team: string,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<boolean> {
    await deleteTeam(deps, actor, team);
    return true;
  }

  @Mutation(() => CreatedToken, {
    description: 'Creates an API token for the signed-in user; its secret is returned this once.',
  })
  async createToken(
    @Arg('name', () => String) name: string,
    @Arg('scope', () => RoleValue) scope: RoleValue,
    @Arg('dataset', () => String, { nullable: true, description: 'Restricts it to one dataset, owner/name.' })
    dataset: string | null,
    @Arg('expiresAt', () => DateTimeISOResolver, { nullable: true }) expiresAt: Date | null,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<CreatedToken> {
    const created = await createToken(deps, actor, {
      name,
      scope,
      ...(dataset !== null && dataset !== undefined && { dataset }),
      ...(expiresAt !== null && expiresAt !== undefined && { expiresAt }),
    });
    return { secret: created.token, token: tokenOf({ ...created.record, dataset: dataset ?? null }) };
  }

  @Mutation(() => Boolean, { description: 'Revokes one of the signed-in user’s tokens by id or prefix.' })
  async revokeToken(@Arg('id', () => ID) id: string, @Ctx() { deps, actor }: GraphqlContext): Promise<boolean> {
    await revokeToken(deps, actor, id);
    return true;
  }
}

/** A team as it is after a change to its members, as its organization's page lists it. */
async function teamAfter(team: string, { deps, actor }: Pick<GraphqlContext, 'deps' | 'actor'>): Promise<Team> {
  const [org = '', name = ''] = team.split('/');
  const found = (await accountProfile(deps, actor, org)).teams?.find((t) => t.name === name);
  return { name: found?.name ?? name, fullName: `${org}/${found?.name ?? name}`, members: found?.members ?? [] };
}
