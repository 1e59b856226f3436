import { sha256 } from '@strata/modules/blob';
import { commitChanges, createDataset, resolveRef } from '../versioning/index.js';
import { useVersioningFixture } from '../testing/versioning-fixture.js';
import { latestEvents } from '../audit/audit.js';
import {
  addOrgMember,
  addTeamMember,
  authenticate,
  createOrganization,
  createTeam,
  createToken,
  createUser,
  deleteTeam,
  grantRole,
  listTokens,
  OPERATOR,
  openDataset,
  removeOrgMember,
  removeTeamMember,
  requireAccess,
  revokeToken,
  setUserDisabled,
  setVisibility,
  signIn,
  type Actor,
} from './index.js';

const ada = { name: 'Ada', email: 'ada@example.org' };
const fixture = useVersioningFixture('access');
let users = 0;

async function user(options: { siteAdmin?: boolean; password?: string } = {}) {
  const login = `user${++users}`;
  const record = await createUser(fixture.deps, OPERATOR, { login, email: `${login}@example.org`, ...options });
  const { token } = await createToken(fixture.deps, OPERATOR, { login, name: 'test', scope: 'admin' });
  return { record, login, actor: await authenticate(fixture.deps, { kind: 'token', token }) };
}

const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: { code?: string }) => error.code,
  );

describe('accounts', () => {
  it('keeps one namespace of logins, unique regardless of case', async () => {
    await createOrganization(fixture.deps, OPERATOR, 'Radiology');
    await expect(
      createUser(fixture.deps, OPERATOR, { login: 'radiology', email: 'r@example.org' }),
    ).rejects.toMatchObject({ code: 'account.exists' });
    await expect(createOrganization(fixture.deps, OPERATOR, 'bad name')).rejects.toMatchObject({
      code: 'account.invalid_login',
    });
  });

  it('makes an organization of a new dataset owner without an account', async () => {
    await createDataset(fixture.deps, 'newowner/one', ada);
    const org = await fixture.deps.database.read().accounts.findByLogin('NEWOWNER');
    expect(org).toMatchObject({ login: 'newowner', kind: 'organization' });
    // A second dataset under it finds the organization there.
    await createDataset(fixture.deps, 'newowner/two', ada);
  });

  it('keeps the web app’s own top-level paths from becoming account names, in any case', async () => {
    expect(await code(createUser(fixture.deps, OPERATOR, { login: 'settings', email: 's@example.org' }))).toBe(
      'account.reserved_login',
    );
    expect(await code(createOrganization(fixture.deps, OPERATOR, 'Admin'))).toBe('account.reserved_login');
    expect(await code(createDataset(fixture.deps, 'dicomweb/one', ada))).toBe('account.reserved_login');
    expect(await fixture.deps.database.read().datasets.find('dicomweb', 'one')).toBeUndefined();
    // A name that merely starts like one is anyone's.
    expect(await code(createOrganization(fixture.deps, OPERATOR, 'admins'))).toBe('ok');
  });

  it('lets only site admins create users', async () => {
    const { actor } = await user();
    expect(await code(createUser(fixture.deps, actor, { login: 'x1', email: 'x1@example.org' }))).toBe(
      'auth.forbidden',
    );
    expect(await code(createUser(fixture.deps, { kind: 'anonymous' }, { login: 'x2', email: 'x2@example.org' }))).toBe(
      'auth.required',
    );
    const admin = await user({ siteAdmin: true });
    expect(await code(createUser(fixture.deps, admin.actor, { login: 'x3', email: 'x3@example.org' }))).toBe('ok');
  });
});

describe('credentials', () => {
  it('authenticates a token: strata_ and 240 random bits, its prefix kept for display', async () => {
    const { login, record } = await user();
    const { token, record: stored } = await createToken(fixture.deps, OPERATOR, {
      login,
      name: 'pacs',
      scope: 'write',
    });
    expect(token).toMatch(/^strata_[A-Za-z0-9_-]{40}$/);
    expect(stored.prefix).toBe(token.slice(0, 12));
    const actor = await authenticate(fixture.deps, { kind: 'token', token });
    expect(actor).toMatchObject({ kind: 'user', userId: record.id, token: { scope: 'write', datasetId: null } });
    const listed = await listTokens(fixture.deps, OPERATOR, login);
    expect(listed.find((t) => t.id === stored.id)?.lastUsedAt).toBeInstanceOf(Date);
  });

  it('updates last_used_at at most once a minute', async () => {
    const { login } = await user();
    const { token, record } = await createToken(fixture.deps, OPERATOR, { login, name: 'often', scope: 'read' });
    const used = async () =>
      (await listTokens(fixture.deps, OPERATOR, login)).find((t) => t.id === record.id)?.lastUsedAt;
    const at = (ms: number) => ({ ...fixture.deps, now: () => new Date(Date.UTC(2026, 0, 1) + ms) });
    await authenticate(at(0), { kind: 'token', token });
    await authenticate(at(30_000), { kind: 'token', token });
    expect((await used())?.getTime()).toBe(Date.UTC(2026, 0, 1));
    await authenticate(at(61_000), { kind: 'token', token });
    expect((await used())?.getTime()).toBe(Date.UTC(2026, 0, 1) + 61_000);
  });

  it('refuses unknown, malformed, revoked and expired tokens, and disabled users', async () => {
    const { login } = await user();
    const invalid = (token: string) => code(authenticate(fixture.deps, { kind: 'token', token }));
    expect(await invalid('strata_' + 'A'.repeat(40))).toBe('auth.invalid_credentials');
    expect(await invalid('nonsense')).toBe('auth.invalid_credentials');
    const revoked = await createToken(fixture.deps, OPERATOR, { login, name: 'r', scope: 'read' });
    await revokeToken(fixture.deps, OPERATOR, revoked.record.prefix, login);
    expect(await invalid(revoked.token)).toBe('auth.invalid_credentials');
    expect(await code(revokeToken(fixture.deps, OPERATOR, revoked.record.id, login))).toBe('token.not_found');
    const expired = await createToken(fixture.deps, OPERATOR, {
      login,
      name: 'e',
      scope: 'read',
      expiresAt: new Date(fixture.deps.now().getTime() - 1000),
    });
    expect(await invalid(expired.token)).toBe('auth.invalid_credentials');
    const live = await createToken(fixture.deps, OPERATOR, { login, name: 'l', scope: 'read' });
    expect(await invalid(live.token)).toBe('ok');
    await setUserDisabled(fixture.deps, OPERATOR, login, true);
    expect(await invalid(live.token)).toBe('auth.invalid_credentials');
    await setUserDisabled(fixture.deps, OPERATOR, login, false);
    expect(await invalid(live.token)).toBe('ok');
  });

  it('verifies argon2id passwords and opens sessions', async () => {
    const { login, record } = await user({ password: 'correct horse battery staple' });
    const hash = await fixture.deps.database.read().accounts.passwordHash(record.id);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await code(signIn(fixture.deps, login, 'wrong'))).toBe('auth.invalid_credentials');
    expect(await code(signIn(fixture.deps, 'nobody-at-all', 'wrong'))).toBe('auth.invalid_credentials');
    const { secret } = await signIn(fixture.deps, login.toUpperCase(), 'correct horse battery staple');
    expect(await authenticate(fixture.deps, { kind: 'session', secret })).toMatchObject({ userId: record.id });
    expect(await code(authenticate(fixture.deps, { kind: 'session', secret: 'x' }))).toBe('auth.invalid_credentials');
  });
});

describe('requireAccess', () => {
  let name: string;
  const deps = () => fixture.deps;

  beforeAll(async () => {
    await createOrganization(fixture.deps, OPERATOR, 'hospital');
    name = `hospital/study-${Date.now()}`;
    await createDataset(fixture.deps, name, ada);
  });

  it('answers auth.required, dataset.not_found, auth.forbidden as the design says', async () => {
    const anonymous: Actor = { kind: 'anonymous' };
    const outsider = await user();
    expect(await code(openDataset(deps(), anonymous, name, 'read'))).toBe('auth.required');
    expect(await code(openDataset(deps(), anonymous, 'hospital/none', 'read'))).toBe('auth.required');
    expect(await code(openDataset(deps(), outsider.actor, name, 'read'))).toBe('dataset.not_found');
    expect(await code(openDataset(deps(), outsider.actor, 'hospital/none', 'read'))).toBe('dataset.not_found');
    await setVisibility(deps(), OPERATOR, name, 'internal');
    expect(await code(openDataset(deps(), anonymous, name, 'read'))).toBe('auth.required');
    expect(await code(openDataset(deps(), outsider.actor, name, 'read'))).toBe('ok');
    expect(await code(openDataset(deps(), outsider.actor, name, 'write'))).toBe('auth.forbidden');
    await setVisibility(deps(), OPERATOR, name, 'public');
    expect(await code(openDataset(deps(), anonymous, name, 'read'))).toBe('ok');
    expect(await code(openDataset(deps(), anonymous, name, 'write'))).toBe('auth.forbidden');
    await setVisibility(deps(), OPERATOR, name, 'private');
  });

  it('gives roles through grants, teams and organization membership', async () => {
    const collaborator = await user();
    const teamMate = await user();
    const member = await user();
    const owner = await user();
    const dataset = (await deps()
      .database.read()
      .datasets.find('hospital', name.split('/')[1] ?? ''))!;
    await grantRole(deps(), OPERATOR, name, collaborator.login, 'write');
    await createTeam(deps(), OPERATOR, 'hospital', 'readers');
    await addTeamMember(deps(), OPERATOR, 'hospital/readers', teamMate.login);
    await grantRole(deps(), OPERATOR, name, 'hospital/readers', 'read');
    await addOrgMember(deps(), OPERATOR, 'hospital', member.login, 'member');
    await addOrgMember(deps(), OPERATOR, 'hospital', owner.login, 'owner');
    expect(await requireAccess(deps(), collaborator.actor, dataset, 'write')).toBe('write');
    expect(await code(requireAccess(deps(), collaborator.actor, dataset, 'admin'))).toBe('auth.forbidden');
    expect(await requireAccess(deps(), teamMate.actor, dataset, 'read')).toBe('read');
    expect(await code(requireAccess(deps(), teamMate.actor, dataset, 'write'))).toBe('auth.forbidden');
    expect(await requireAccess(deps(), member.actor, dataset, 'read')).toBe('read');
    expect(await requireAccess(deps(), owner.actor, dataset, 'admin')).toBe('admin');
    // Organization owners administer its teams; members do not.
    expect(await code(createTeam(deps(), owner.actor, 'hospital', 'writers'))).toBe('ok');
    expect(await code(createTeam(deps(), member.actor, 'hospital', 'others'))).toBe('auth.forbidden');
    // Only the dataset's admins grant or change visibility.
    expect(await code(setVisibility(deps(), collaborator.actor, name, 'public'))).toBe('auth.forbidden');
  });

  it('caps the role by the token: scope, and nothing on another dataset', async () => {
    const writer = await user();
    await grantRole(deps(), OPERATOR, name, writer.login, 'write');
    const dataset = await openDataset(deps(), OPERATOR, name, 'read');
    const read = await createToken(deps(), OPERATOR, { login: writer.login, name: 'ro', scope: 'read' });
    const readActor = await authenticate(deps(), { kind: 'token', token: read.token });
    expect(await code(requireAccess(deps(), readActor, dataset, 'write'))).toBe('auth.forbidden');
    const other = await createDataset(deps(), `hospital/other-${Date.now()}`, ada);
    const elsewhere = await createToken(deps(), OPERATOR, {
      login: writer.login,
      name: 'other',
      scope: 'write',
      dataset: `${other.owner}/${other.name}`,
    });
    const elsewhereActor = await authenticate(deps(), { kind: 'token', token: elsewhere.token });
    expect(await code(requireAccess(deps(), elsewhereActor, dataset, 'read'))).toBe('dataset.not_found');
  });
});

describe('removing members and teams', () => {
  const deps = () => fixture.deps;
  const orgName = (n: number) => `clinic${n}-${Date.now()}`;
  let orgs = 0;

  /** An organization made by `owner` (its owner), with a private dataset, a member and a team granted write. */
  async function clinic() {
    const owner = await user();
    const member = await user();
    const teamMate = await user();
    const org = orgName(++orgs);
    await createOrganization(deps(), owner.actor, org);
    const name = `${org}/scans`;
    await createDataset(deps(), name, ada);
    const dataset = await openDataset(deps(), OPERATOR, name, 'read');
    await addOrgMember(deps(), owner.actor, org, member.login, 'member');
    await addOrgMember(deps(), owner.actor, org, teamMate.login, 'member');
    await createTeam(deps(), owner.actor, org, 'writers');
    await addTeamMember(deps(), owner.actor, `${org}/writers`, teamMate.login);
    await grantRole(deps(), owner.actor, name, `${org}/writers`, 'write');
    return { owner, member, teamMate, org, name, dataset };
  }
  const lastEvent = async () => (await latestEvents(deps(), OPERATOR, 1))[0];

  it('removes a member from the organization and its teams; a grant by name stays', async () => {
    const { owner, member, teamMate, org, name, dataset } = await clinic();
    await grantRole(deps(), owner.actor, name, member.login, 'read');
    expect(await requireAccess(deps(), teamMate.actor, dataset, 'write')).toBe('write');
    // Members do not remove each other.
    expect(await code(removeOrgMember(deps(), member.actor, org, teamMate.login))).toBe('auth.forbidden');
    await removeOrgMember(deps(), owner.actor, org, teamMate.login);
    expect(await lastEvent()).toMatchObject({ action: 'org.member_removed', subject: `org:${org}` });
    // Gone from the team too: its write grant no longer reaches them.
    expect(await code(requireAccess(deps(), teamMate.actor, dataset, 'read'))).toBe('dataset.not_found');
    const account = await deps().database.read().accounts.findByLogin(org);
    const teams = await deps().database.read().memberships.teamsOf(account!.id);
    expect(teams.map((team) => team.name)).toEqual(['writers']);
    expect(teams.flatMap((team) => team.members)).not.toContain(teamMate.login);
    expect(await code(removeOrgMember(deps(), owner.actor, org, teamMate.login))).toBe('org.not_member');
    // The member's own grant on the dataset was given to them by name: it stays.
    await removeOrgMember(deps(), owner.actor, org, member.login);
    expect(await requireAccess(deps(), member.actor, dataset, 'read')).toBe('read');
  });

  it('lets a member leave, but never leaves an organization without an owner', async () => {
    const { owner, member, org } = await clinic();
    expect(await code(removeOrgMember(deps(), member.actor, org, member.login))).toBe('ok');
    expect(await code(removeOrgMember(deps(), owner.actor, org, owner.login))).toBe('org.last_owner');
    expect(await code(addOrgMember(deps(), owner.actor, org, owner.login, 'member'))).toBe('org.last_owner');
    expect(await code(removeOrgMember(deps(), OPERATOR, org, owner.login))).toBe('org.last_owner');
    // With a second owner, either may step down.
    const second = await user();
    await addOrgMember(deps(), owner.actor, org, second.login, 'owner');
    await addOrgMember(deps(), second.actor, org, owner.login, 'member');
    expect(await code(removeOrgMember(deps(), second.actor, org, second.login))).toBe('org.last_owner');
  });

  it('keeps one owner when two owners remove each other at once', async () => {
    const { owner, org } = await clinic();
    const other = await user();
    await addOrgMember(deps(), owner.actor, org, other.login, 'owner');
    const outcomes = await Promise.all([
      code(removeOrgMember(deps(), owner.actor, org, other.login)),
      code(removeOrgMember(deps(), other.actor, org, owner.login)),
    ]);
    expect(outcomes.filter((outcome) => outcome === 'ok')).toHaveLength(1);
    const account = await deps().database.read().accounts.findByLogin(org);
    const members = await deps().database.read().memberships.orgMembers(account!.id);
    expect(members.filter((m) => m.role === 'owner')).toHaveLength(1);
  });

  it('removes a user from a team, and deletes a team with the roles granted to it', async () => {
    const { owner, member, teamMate, org, name, dataset } = await clinic();
    const team = `${org}/writers`;
    expect(await code(removeTeamMember(deps(), member.actor, team, teamMate.login))).toBe('auth.forbidden');
    expect(await code(removeTeamMember(deps(), owner.actor, team, member.login))).toBe('team.not_member');
    await removeTeamMember(deps(), owner.actor, team, teamMate.login);
    expect(await lastEvent()).toMatchObject({ action: 'team.member_removed', subject: `team:${team}` });
    expect(await requireAccess(deps(), teamMate.actor, dataset, 'read')).toBe('read');
    expect(await code(requireAccess(deps(), teamMate.actor, dataset, 'write'))).toBe('auth.forbidden');
    await addTeamMember(deps(), owner.actor, team, member.login);
    expect(await requireAccess(deps(), member.actor, dataset, 'write')).toBe('write');
    expect(await code(deleteTeam(deps(), member.actor, team))).toBe('auth.forbidden');
    await deleteTeam(deps(), owner.actor, team);
    const event = await lastEvent();
    expect(event).toMatchObject({ action: 'team.deleted', subject: `team:${team}` });
    expect(JSON.parse(event?.data ?? '')).toEqual({
      members: [member.login],
      grants: [{ dataset: name, role: 'write' }],
    });
    // Its members stay in the organization, with the role it gives them; the team's grant is gone.
    expect(await requireAccess(deps(), member.actor, dataset, 'read')).toBe('read');
    expect(await code(requireAccess(deps(), member.actor, dataset, 'write'))).toBe('auth.forbidden');
    expect(await deps().database.read().memberships.grantsOf(dataset.id)).toEqual([]);
    expect(await code(deleteTeam(deps(), owner.actor, team))).toBe('team.not_found');
    expect(await code(removeTeamMember(deps(), owner.actor, team, member.login))).toBe('team.not_found');
  });
});

describe('dataset commits', () => {
  it('resolves a commit id only in the dataset that holds it', async () => {
    const a = await createDataset(fixture.deps, 'lab/commits-a', ada);
    const b = await createDataset(fixture.deps, 'lab/commits-b', ada);
    const id = sha256('file');
    const result = await commitChanges(fixture.deps, {
      dataset: b,
      branch: 'main',
      edits: [{ path: '1/2/3', file: { kind: 'dicom', id, bytes: 4 } }],
      files: [{ id, size: 4, parts: [id] }],
      message: 'in b',
      author: ada,
    });
    expect((await resolveRef(fixture.deps, b, result.commit)).commit).toBe(result.commit);
    expect((await resolveRef(fixture.deps, b, result.commit.slice(0, 10))).commit).toBe(result.commit);
    await expect(resolveRef(fixture.deps, a, result.commit)).rejects.toMatchObject({ code: 'ref.not_found' });
    await expect(resolveRef(fixture.deps, a, result.commit.slice(0, 10))).rejects.toMatchObject({
      code: 'ref.not_found',
    });
  });
});
