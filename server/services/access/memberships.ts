import type {
  AccountRecord,
  DatasetGrantView,
  DatasetRecord,
  OrgMemberView,
  OrgRole,
  Role,
  TeamView,
} from '@strata/models';
import { StrataError } from '@strata/modules/errors';
import type { VersioningDeps } from '../versioning/versioning-deps.js';
import { authRequired } from './access-errors.js';
import type { Actor } from './actor.js';
import { openDataset } from './require-access.js';
import { roleOf } from './role-of.js';

/** Who holds a role on a dataset through a grant: users and teams (its admins only). */
export async function datasetMembers(
  deps: VersioningDeps,
  actor: Actor,
  fullName: string,
): Promise<DatasetGrantView[]> {
  const dataset = await openDataset(deps, actor, fullName, 'admin');
  return deps.database.read().memberships.grantsOf(dataset.id);
}

/** A user's or an organization's page: what anyone may see, and to its members, members and teams. */
export interface AccountProfile {
  account: AccountRecord;
  /** The datasets it owns that the actor can read, by name, with the actor's role on each. */
  datasets: { dataset: DatasetRecord; role: Role }[];
  /** The actor's role in the organization; undefined for a user or a non-member. */
  viewerOrgRole: OrgRole | undefined;
  /** An organization's members and teams, for its members and site admins; undefined otherwise. */
  members: OrgMemberView[] | undefined;
  teams: TeamView[] | undefined;
}

/**
 * The public profile of `login`: `account.not_found` if there is no such account. Members and teams
 * of an organization are shown to its members (and site admins), like a forge's organization page.
 */
export async function accountProfile(deps: VersioningDeps, actor: Actor, login: string): Promise<AccountProfile> {
  const read = deps.database.read();
  const account = await read.accounts.findByLogin(login);
  if (account === undefined) {
    throw new StrataError('account.not_found', 'not_found', `No user or organization ${login}.`, {
      details: { login },
    });
  }
  const datasets: AccountProfile['datasets'] = [];
  for (const dataset of await read.datasets.listByOwner(account.login)) {
    const role = await roleOf(deps, actor, dataset);
    if (role !== undefined) datasets.push({ dataset, role });
  }
  const viewerOrgRole =
    account.kind === 'organization' && actor.kind === 'user'
      ? await read.memberships.orgRole(account.id, actor.userId)
      : undefined;
  const seesMembers =
    account.kind === 'organization' &&
    (actor.kind === 'operator' || (actor.kind === 'user' && (actor.siteAdmin || viewerOrgRole !== undefined)));
  return {
    account,
    datasets,
    viewerOrgRole,
    members: seesMembers ? await read.memberships.orgMembers(account.id) : undefined,
    teams: seesMembers ? await read.memberships.teamsOf(account.id) : undefined,
  };
}

/** The organizations the signed-in user belongs to, with their role in each. */
export async function organizationsOf(
  deps: VersioningDeps,
  actor: Actor,
): Promise<{ login: string; displayName: string | null; role: OrgRole }[]> {
  if (actor.kind === 'anonymous') throw authRequired();
  if (actor.kind === 'operator') return [];
  return deps.database.read().memberships.orgsOfUser(actor.userId);
}
