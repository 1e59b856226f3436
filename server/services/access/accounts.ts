import type { AccountRecord, OrgRole, TeamRecord } from '@strata/models';
import { StrataError } from '@strata/modules/errors';
import type { VersioningDeps } from '../versioning/versioning-deps.js';
import { checkNewLogin } from '../versioning/names.js';
import { authRequired, forbidden } from './access-errors.js';
import type { Actor } from './actor.js';
import { requireSiteAdmin } from './require-access.js';
import { hashPassword } from './secrets.js';
import { recordEvent } from '../audit/audit.js';

/** What a login (and a team name) may be: 1–100 letters, digits, '.', '_' or '-', starting with a letter or digit. */
export const LOGIN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
/** What an email must look like (the provider or the administrator vouches for the rest). */
export const EMAIL = /^[^\s@]+@[^\s@]+$/;

export interface NewUser {
  login: string;
  email: string;
  displayName?: string;
  /** None: the user signs in with tokens only. */
  password?: string;
  siteAdmin?: boolean;
}

/** Creates a user (site admins only). */
export async function createUser(deps: VersioningDeps, actor: Actor, user: NewUser): Promise<AccountRecord> {
  requireSiteAdmin(actor);
  checkLogin(user.login);
  if (!EMAIL.test(user.email)) {
    throw new StrataError('account.invalid_email', 'invalid', `Invalid email ${JSON.stringify(user.email)}.`);
  }
  const passwordHash = user.password === undefined ? undefined : await hashPassword(user.password);
  return deps.database.transaction(async (repositories) => {
    const created = await repositories.accounts.create({
      login: user.login,
      kind: 'user',
      email: user.email,
      ...(user.displayName !== undefined && { displayName: user.displayName }),
      ...(passwordHash !== undefined && { passwordHash }),
      siteAdmin: user.siteAdmin ?? false,
    });
    await recordEvent(repositories, deps, actor, 'user.created', {
      subject: `user:${created.login}`,
      data: { email: user.email, siteAdmin: user.siteAdmin ?? false, password: passwordHash !== undefined },
    });
    return created;
  });
}

export async function listUsers(deps: VersioningDeps, actor: Actor): Promise<AccountRecord[]> {
  requireSiteAdmin(actor);
  return deps.database.read().accounts.list('user');
}

/** Disables a user (their tokens and sessions stop working at once) or enables them again. */
export async function setUserDisabled(
  deps: VersioningDeps,
  actor: Actor,
  login: string,
  disabled: boolean,
): Promise<AccountRecord> {
  requireSiteAdmin(actor);
  const user = await findUser(deps, login);
  const at = disabled ? deps.now() : null;
  await deps.database.transaction(async (repositories) => {
    await repositories.accounts.setDisabled(user.id, at);
    await recordEvent(repositories, deps, actor, disabled ? 'user.disabled' : 'user.enabled', {
      subject: `user:${user.login}`,
    });
  });
  return { ...user, disabledAt: at };
}

/** Creates an organization; a user who creates one becomes its owner. */
export async function createOrganization(deps: VersioningDeps, actor: Actor, login: string): Promise<AccountRecord> {
  if (actor.kind === 'anonymous') throw authRequired();
  checkLogin(login);
  return deps.database.transaction(async (repositories) => {
    const org = await repositories.accounts.create({ login, kind: 'organization' });
    if (actor.kind === 'user') await repositories.memberships.setOrgMember(org.id, actor.userId, 'owner');
    await recordEvent(repositories, deps, actor, 'org.created', { subject: `org:${org.login}` });
    return org;
  });
}

/** Adds a user to an organization with a role (its owners or site admins). */
export async function addOrgMember(
  deps: VersioningDeps,
  actor: Actor,
  orgLogin: string,
  userLogin: string,
  role: OrgRole,
): Promise<void> {
  const org = await administeredOrg(deps, actor, orgLogin);
  const user = await findUser(deps, userLogin);
  await deps.database.transaction(async (repositories) => {
    if (role !== 'owner') keepAnOwner(org, await repositories.memberships.lockOwners(org.id), user);
    await repositories.memberships.setOrgMember(org.id, user.id, role);
    await recordEvent(repositories, deps, actor, 'org.member_set', {
      subject: `org:${org.login}`,
      data: { user: user.login, role },
    });
  });
}

/**
 * Removes a user from an organization and from its teams (its owners or site admins; anyone may
 * leave). `org.not_member` if they are not one; `org.last_owner` if they are its only owner. Roles
 * granted to them by name on the organization's datasets stay, as on a forge: they are listed,
 * and revoked, on each dataset's settings.
 */
export async function removeOrgMember(
  deps: VersioningDeps,
  actor: Actor,
  orgLogin: string,
  userLogin: string,
): Promise<void> {
  const leaving =
    actor.kind === 'user' &&
    actor.login.toLowerCase() === userLogin.toLowerCase() &&
    (actor.token === undefined || (actor.token.scope === 'admin' && actor.token.datasetId === null));
  const org = leaving ? await findOrganization(deps, orgLogin) : await administeredOrg(deps, actor, orgLogin);
  const user = await findUser(deps, userLogin);
  await deps.database.transaction(async (repositories) => {
    const owners = await repositories.memberships.lockOwners(org.id);
    // Checked again under the lock: an owner removed a moment ago removes no one.
    if (actor.kind === 'user' && !actor.siteAdmin && !leaving && !owners.includes(actor.userId)) {
      throw forbidden('admin', `the organization ${org.login}`);
    }
    keepAnOwner(org, owners, user);
    if (!(await repositories.memberships.removeOrgMember(org.id, user.id))) {
      throw new StrataError('org.not_member', 'not_found', `${user.login} is not a member of ${org.login}.`, {
        details: { organization: org.login, login: user.login },
      });
    }
    await recordEvent(repositories, deps, actor, 'org.member_removed', {
      subject: `org:${org.login}`,
      data: { user: user.login },
    });
  });
}

/** Refuses a change that would leave the organization without an owner: someone must be able to administer it. */
function keepAnOwner(org: AccountRecord, owners: string[], losing: AccountRecord): void {
  if (owners.length === 1 && owners[0] === losing.id) {
    throw new StrataError(
      'org.last_owner',
      'conflict',
      `${losing.login} is the only owner of ${org.login}: make another member an owner first.`,
      { details: { organization: org.login, login: losing.login } },
    );
  }
}

/** Creates a team in an organization (its owners or site admins). */
export async function createTeam(
  deps: VersioningDeps,
  actor: Actor,
  orgLogin: string,
  name: string,
): Promise<TeamRecord> {
  const org = await administeredOrg(deps, actor, orgLogin);
  checkLogin(name);
  return deps.database.transaction(async (repositories) => {
    const team = await repositories.memberships.createTeam(org.id, name);
    await recordEvent(repositories, deps, actor, 'team.created', { subject: `team:${org.login}/${name}` });
    return team;
  });
}

/** Adds a user to a team `org/team` (the organization's owners or site admins). */
export async function addTeamMember(
  deps: VersioningDeps,
  actor: Actor,
  teamName: string,
  userLogin: string,
): Promise<void> {
  const team = await findTeam(deps, actor, teamName, true);
  const user = await findUser(deps, userLogin);
  await deps.database.transaction(async (repositories) => {
    await repositories.memberships.addTeamMember(team.id, user.id);
    await recordEvent(repositories, deps, actor, 'team.member_added', {
      subject: `team:${teamName}`,
      data: { user: user.login },
    });
  });
}

/** Removes a user from a team `org/team` (the organization's owners or site admins); `team.not_member` if they are not in it. */
export async function removeTeamMember(
  deps: VersioningDeps,
  actor: Actor,
  teamName: string,
  userLogin: string,
): Promise<void> {
  const team = await findTeam(deps, actor, teamName, true);
  const user = await findUser(deps, userLogin);
  await deps.database.transaction(async (repositories) => {
    if (!(await repositories.memberships.removeTeamMember(team.id, user.id))) {
      throw new StrataError('team.not_member', 'not_found', `${user.login} is not in team ${teamName}.`, {
        details: { team: teamName, login: user.login },
      });
    }
    await recordEvent(repositories, deps, actor, 'team.member_removed', {
      subject: `team:${teamName}`,
      data: { user: user.login },
    });
  });
}

/**
 * Deletes a team `org/team` (the organization's owners or site admins). Its members stay in the
 * organization; the roles granted to the team on datasets end with it, and the audit event lists them.
 */
export async function deleteTeam(deps: VersioningDeps, actor: Actor, teamName: string): Promise<void> {
  const team = await findTeam(deps, actor, teamName, true);
  await deps.database.transaction(async (repositories) => {
    const had = await repositories.memberships.deleteTeam(team.id);
    if (had === undefined) {
      throw new StrataError('team.not_found', 'not_found', `No team ${teamName}.`, { details: { team: teamName } });
    }
    await recordEvent(repositories, deps, actor, 'team.deleted', {
      subject: `team:${teamName}`,
      data: { members: had.members, grants: had.grants },
    });
  });
}

/** A team by `org/team`; with `administer`, only for the organization's owners and site admins. */
export async function findTeam(
  deps: VersioningDeps,
  actor: Actor,
  teamName: string,
  administer: boolean,
): Promise<TeamRecord> {
  const [orgLogin = '', name = '', ...rest] = teamName.split('/');
  const org = administer ? await administeredOrg(deps, actor, orgLogin) : await findAccount(deps, orgLogin);
  const team = rest.length > 0 ? undefined : await deps.database.read().memberships.findTeam(org.id, name);
  if (team === undefined) {
    throw new StrataError('team.not_found', 'not_found', `No team ${teamName}.`, { details: { team: teamName } });
  }
  return team;
}

export async function findUser(deps: VersioningDeps, login: string): Promise<AccountRecord> {
  const account = await findAccount(deps, login);
  if (account.kind !== 'user') {
    throw new StrataError('account.not_a_user', 'invalid', `${login} is an organization, not a user.`);
  }
  return account;
}

async function findAccount(deps: VersioningDeps, login: string): Promise<AccountRecord> {
  const account = await deps.database.read().accounts.findByLogin(login);
  if (account === undefined) {
    throw new StrataError('account.not_found', 'not_found', `No user or organization ${login}.`, {
      details: { login },
    });
  }
  return account;
}

/**
 * The account `login` if the actor may create datasets owned by it (a fork, a new dataset): their
 * own account, an organization they own, any account for site admins and the operator. A token
 * must be unrestricted to a dataset and of write scope or more.
 */
export async function requireDatasetOwner(deps: VersioningDeps, actor: Actor, login: string): Promise<AccountRecord> {
  if (actor.kind === 'anonymous') throw authRequired();
  const account = await findAccount(deps, login);
  if (actor.kind === 'operator') return account;
  const tokenAllows = actor.token === undefined || (actor.token.datasetId === null && actor.token.scope !== 'read');
  const owns =
    actor.siteAdmin ||
    account.id === actor.userId ||
    (account.kind === 'organization' &&
      (await deps.database.read().memberships.orgRole(account.id, actor.userId)) === 'owner');
  if (!tokenAllows || !owns) throw forbidden('admin', `the account ${account.login}`);
  return account;
}

async function findOrganization(deps: VersioningDeps, login: string): Promise<AccountRecord> {
  const org = await findAccount(deps, login);
  if (org.kind !== 'organization') {
    throw new StrataError('account.not_an_organization', 'invalid', `${login} is a user, not an organization.`);
  }
  return org;
}

async function administeredOrg(deps: VersioningDeps, actor: Actor, login: string): Promise<AccountRecord> {
  if (actor.kind === 'anonymous') throw authRequired();
  const org = await findOrganization(deps, login);
  if (actor.kind === 'operator') return org;
  const adminToken = actor.token === undefined || actor.token.scope === 'admin';
  const owner = actor.siteAdmin || (await deps.database.read().memberships.orgRole(org.id, actor.userId)) === 'owner';
  if (!adminToken || !owner) throw forbidden('admin', `the organization ${org.login}`);
  return org;
}

function checkLogin(login: string): void {
  checkNewLogin(login);
  if (!LOGIN.test(login)) {
    throw new StrataError(
      'account.invalid_login',
      'invalid',
      `Invalid name ${JSON.stringify(login)}: 1–100 letters, digits, '.', '_' or '-', starting with a letter or digit.`,
    );
  }
}

/**
 * Accounts by id, in the order asked, undefined where there is none (a deleted account): what
 * lists of authors, reviewers and assignees resolve in one query. Logins and display names are
 * public within the installation, like a forge's user pages.
 */
export async function accountsById(
  deps: VersioningDeps,
  ids: readonly string[],
): Promise<(AccountRecord | undefined)[]> {
  const found = new Map((await deps.database.read().accounts.byIds([...new Set(ids)])).map((a) => [a.id, a]));
  return ids.map((id) => found.get(id));
}
