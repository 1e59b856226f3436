// Access over GraphQL: dataset members and grants, visibility, organizations and teams, an
// account's page, the viewer's tokens, a version's size and README, and the dataset-scoped audit
// log; every refusal keeps its code (never `internal`).
import { graphql, type GraphQLSchema } from 'graphql';
import { sha256 } from '@strata/modules/blob';
import { ANONYMOUS, grantRole, OPERATOR, type Actor } from '@strata/services/access';
import { putFiles, signedInUser, useVersioningFixture } from '@strata/services/testing';
import { commitChanges, createDataset, findDataset } from '@strata/services/versioning';
import { buildStrataSchema, createContext, formatError } from '../index.js';

const fixture = useVersioningFixture('access-resolver');
let schema: GraphQLSchema;
let admin: Actor;
let reader: Actor;
let outsider: Actor;

beforeAll(async () => {
  schema = await buildStrataSchema();
  const dataset = await createDataset(fixture.deps, 'acme/ct', { name: 'Ada', email: 'ada@example.org' });
  await putFiles(fixture.deps, dataset, 'main', {
    '1.1/1.1.1/1.1.1.1': 'a'.repeat(10),
    '1.1/1.1.2/1.1.2.1': 'b'.repeat(20),
  });
  admin = await signedInUser(fixture.deps, 'amy');
  reader = await signedInUser(fixture.deps, 'rob');
  outsider = await signedInUser(fixture.deps, 'oz');
  await grantRole(fixture.deps, OPERATOR, 'acme/ct', 'amy', 'admin');
});

async function run(actor: Actor, source: string, variables: Record<string, unknown> = {}) {
  const result = await graphql({
    schema,
    source,
    variableValues: variables,
    contextValue: createContext(fixture.deps, actor),
  });
  return {
    data: result.data,
    codes: (result.errors ?? []).map((error) => formatError(error.toJSON(), error).extensions?.['code']),
  };
}

const MEMBERS = `{ dataset(owner: "acme", name: "ct") { members { grantee kind role } } }`;
const GRANT = `mutation($grantee: String!, $role: Role!) {
  grantRole(dataset: "acme/ct", grantee: $grantee, role: $role) { grantee kind role } }`;

describe('dataset members, grants and visibility', () => {
  it('lets an admin grant, change and revoke roles, and refuses everyone else', async () => {
    expect((await run(admin, MEMBERS)).data).toEqual({
      dataset: { members: [{ grantee: 'amy', kind: 'USER', role: 'ADMIN' }] },
    });
    const granted = await run(admin, GRANT, { grantee: 'rob', role: 'READ' });
    expect(granted.codes).toEqual([]);
    expect(granted.data?.['grantRole']).toEqual([
      { grantee: 'amy', kind: 'USER', role: 'ADMIN' },
      { grantee: 'rob', kind: 'USER', role: 'READ' },
    ]);
    // The reader now sees the dataset but not its members, and may not grant.
    expect((await run(reader, `{ dataset(owner: "acme", name: "ct") { viewerRole } }`)).data).toEqual({
      dataset: { viewerRole: 'READ' },
    });
    expect((await run(reader, MEMBERS)).codes).toEqual(['auth.forbidden']);
    expect((await run(reader, GRANT, { grantee: 'oz', role: 'ADMIN' })).codes).toEqual(['auth.forbidden']);
    expect((await run(outsider, MEMBERS)).codes).toEqual(['dataset.not_found']);
    expect((await run(ANONYMOUS, GRANT, { grantee: 'oz', role: 'READ' })).codes).toEqual(['auth.required']);
    expect((await run(admin, GRANT, { grantee: 'nobody', role: 'READ' })).codes).toEqual(['account.not_found']);
    expect((await run(admin, GRANT, { grantee: 'acme/none', role: 'READ' })).codes).toEqual(['team.not_found']);

    const changed = await run(admin, GRANT, { grantee: 'rob', role: 'WRITE' });
    expect(changed.data?.['grantRole']).toContainEqual({ grantee: 'rob', kind: 'USER', role: 'WRITE' });
    const revoke = `mutation { revokeRole(dataset: "acme/ct", grantee: "rob") { grantee } }`;
    expect((await run(admin, revoke)).data).toEqual({ revokeRole: [{ grantee: 'amy' }] });
    expect((await run(admin, revoke)).codes).toEqual(['grant.not_found']);
    expect((await run(reader, `{ dataset(owner: "acme", name: "ct") { name } }`)).codes).toEqual(['dataset.not_found']);
  });

  it('changes visibility for admins only, and an internal dataset opens to anyone signed in', async () => {
    const set = `mutation($v: Visibility!) { setVisibility(dataset: "acme/ct", visibility: $v) { visibility viewerRole } }`;
    expect((await run(outsider, set, { v: 'PUBLIC' })).codes).toEqual(['dataset.not_found']);
    expect((await run(admin, set, { v: 'INTERNAL' })).data).toEqual({
      setVisibility: { visibility: 'INTERNAL', viewerRole: 'ADMIN' },
    });
    expect((await run(outsider, `{ dataset(owner: "acme", name: "ct") { viewerRole } }`)).data).toEqual({
      dataset: { viewerRole: 'READ' },
    });
    expect((await run(outsider, set, { v: 'PUBLIC' })).codes).toEqual(['auth.forbidden']);
    expect((await run(admin, set, { v: 'PRIVATE' })).codes).toEqual([]);
  });
});

describe('organizations, teams and account pages', () => {
  it('creates an organization whose owner adds members and teams that members see', async () => {
    const created = await run(
      admin,
      `mutation { createOrganization(login: "lab") { login isUser viewerRole members { login role } } }`,
    );
    expect(created.codes).toEqual([]);
    expect(created.data?.['createOrganization']).toEqual({
      login: 'lab',
      isUser: false,
      viewerRole: 'OWNER',
      members: [{ login: 'amy', role: 'OWNER' }],
    });
    expect((await run(ANONYMOUS, `mutation { createOrganization(login: "anon") { login } }`)).codes).toEqual([
      'auth.required',
    ]);
    expect((await run(admin, `mutation { createOrganization(login: "lab") { login } }`)).codes[0]).toMatch(/exists/);
    expect((await run(admin, `mutation { createOrganization(login: "-bad") { login } }`)).codes).toEqual([
      'account.invalid_login',
    ]);

    const add = `mutation($login: String!) { addOrganizationMember(organization: "lab", login: $login) }`;
    expect((await run(reader, add, { login: 'rob' })).codes).toEqual(['auth.forbidden']);
    expect((await run(admin, add, { login: 'rob' })).data).toEqual({ addOrganizationMember: true });
    expect((await run(admin, add, { login: 'ghost' })).codes).toEqual(['account.not_found']);
    expect(
      (await run(admin, `mutation { createTeam(organization: "lab", name: "readers") { fullName } }`)).data,
    ).toEqual({
      createTeam: { fullName: 'lab/readers' },
    });
    expect(
      (await run(reader, `mutation { createTeam(organization: "lab", name: "mine") { fullName } }`)).codes,
    ).toEqual(['auth.forbidden']);
    const addToTeam = await run(
      admin,
      `mutation { addTeamMember(team: "lab/readers", login: "rob") { fullName members } }`,
    );
    expect(addToTeam.data).toEqual({ addTeamMember: { fullName: 'lab/readers', members: ['rob'] } });
    expect((await run(admin, `mutation { addTeamMember(team: "lab/none", login: "rob") { name } }`)).codes).toEqual([
      'team.not_found',
    ]);

    // A team can hold a role on a dataset, and members see the organization's datasets.
    await createDataset(fixture.deps, 'lab/mri', { name: 'Ada', email: 'ada@example.org' });
    const teamGrant = await run(
      OPERATOR,
      `mutation { grantRole(dataset: "lab/mri", grantee: "lab/readers", role: READ) { grantee kind } }`,
    );
    expect(teamGrant.data).toEqual({ grantRole: [{ grantee: 'lab/readers', kind: 'TEAM' }] });

    const PAGE = `{ account(login: "lab") { login isUser viewerRole datasets { fullName } members { login role } teams { fullName members } } }`;
    expect((await run(reader, PAGE)).data).toEqual({
      account: {
        login: 'lab',
        isUser: false,
        viewerRole: 'MEMBER',
        datasets: [{ fullName: 'lab/mri' }],
        members: [
          { login: 'amy', role: 'OWNER' },
          { login: 'rob', role: 'MEMBER' },
        ],
        teams: [{ fullName: 'lab/readers', members: ['rob'] }],
      },
    });
    // Outsiders see neither its private datasets nor its members.
    expect((await run(outsider, PAGE)).data).toEqual({
      account: { login: 'lab', isUser: false, viewerRole: null, datasets: [], members: null, teams: null },
    });
    expect((await run(ANONYMOUS, `{ account(login: "nobody") { login } }`)).codes).toEqual(['account.not_found']);
    expect((await run(reader, `{ viewer { organizations { login role } } }`)).data).toEqual({
      viewer: { organizations: [{ login: 'lab', role: 'MEMBER' }] },
    });
    expect((await run(ANONYMOUS, `{ viewer { organizations { login } } }`)).data).toEqual({
      viewer: { organizations: [] },
    });
  });

  it('removes team members, teams and organization members, keeping an owner', async () => {
    await run(admin, `mutation { createOrganization(login: "clinic") { login } }`);
    await run(admin, `mutation { addOrganizationMember(organization: "clinic", login: "rob") }`);
    await run(admin, `mutation { createTeam(organization: "clinic", name: "staff") { name } }`);
    await run(admin, `mutation { addTeamMember(team: "clinic/staff", login: "rob") { name } }`);
    const removeFromTeam = `mutation { removeTeamMember(team: "clinic/staff", login: "rob") { fullName members } }`;
    expect((await run(reader, removeFromTeam)).codes).toEqual(['auth.forbidden']);
    expect((await run(admin, removeFromTeam)).data).toEqual({
      removeTeamMember: { fullName: 'clinic/staff', members: [] },
    });
    expect((await run(admin, removeFromTeam)).codes).toEqual(['team.not_member']);
    const deleteStaff = `mutation { deleteTeam(team: "clinic/staff") }`;
    expect((await run(reader, deleteStaff)).codes).toEqual(['auth.forbidden']);
    expect((await run(admin, deleteStaff)).data).toEqual({ deleteTeam: true });
    expect((await run(admin, deleteStaff)).codes).toEqual(['team.not_found']);

    const remove = `mutation($login: String!) { removeOrganizationMember(organization: "clinic", login: $login) }`;
    expect((await run(admin, remove, { login: 'amy' })).codes).toEqual(['org.last_owner']);
    expect((await run(outsider, remove, { login: 'rob' })).codes).toEqual(['auth.forbidden']);
    expect((await run(admin, remove, { login: 'oz' })).codes).toEqual(['org.not_member']);
    // A member may leave by themself.
    expect((await run(reader, remove, { login: 'rob' })).data).toEqual({ removeOrganizationMember: true });
    expect((await run(reader, `{ account(login: "clinic") { viewerRole members { login } } }`)).data).toEqual({
      account: { viewerRole: null, members: null },
    });
  });
});

describe('tokens', () => {
  it('creates a token whose secret is shown once, lists and revokes it', async () => {
    const created = await run(
      outsider,
      `mutation { createToken(name: "ci", scope: READ) { secret token { id name prefix scope dataset revokedAt } } }`,
    );
    expect(created.codes).toEqual([]);
    const { secret, token } = created.data?.['createToken'] as {
      secret: string;
      token: { id: string; prefix: string };
    };
    expect(secret.startsWith(token.prefix)).toBe(true);
    const listed = await run(outsider, `{ viewer { tokens { id name scope revokedAt } } }`);
    expect(listed.data?.['viewer']).toEqual({
      tokens: expect.arrayContaining([{ id: token.id, name: 'ci', scope: 'READ', revokedAt: null }]) as unknown,
    });
    expect(JSON.stringify(listed.data)).not.toContain(secret);
    // Another user cannot revoke it, nor can anyone anonymous list tokens.
    expect((await run(reader, `mutation { revokeToken(id: "${token.id}") }`)).codes).toEqual(['token.not_found']);
    expect((await run(ANONYMOUS, `{ viewer { tokens { id } } }`)).codes).toEqual(['auth.required']);
    expect((await run(outsider, `mutation { revokeToken(id: "${token.id}") }`)).data).toEqual({ revokeToken: true });
    const after = await run(outsider, `{ viewer { tokens { id revokedAt } } }`);
    const revoked = (after.data?.['viewer'] as { tokens: { id: string; revokedAt: string | null }[] }).tokens.find(
      (t) => t.id === token.id,
    );
    expect(revoked?.revokedAt).not.toBeNull();
    expect((await run(outsider, `mutation { createToken(name: "", scope: READ) { secret } }`)).codes).toEqual([
      'token.invalid_name',
    ]);
    expect(
      (await run(outsider, `mutation { createToken(name: "x", scope: READ, dataset: "acme/none") { secret } }`)).codes,
    ).toEqual(['dataset.not_found']);
  });
});

describe('a version’s size and README', () => {
  it('reads instances and bytes off the tree, and the README at the root as text', async () => {
    const dataset = await findDataset(fixture.deps, 'acme/ct');
    const SIZE = `{ dataset(owner: "acme", name: "ct") { commit(rev: "main") { size { instances files bytes } } readme { path } } }`;
    expect((await run(admin, SIZE)).data).toEqual({
      dataset: { commit: { size: { instances: 2, files: 2, bytes: 30 } }, readme: null },
    });
    const text = '# CT study\n\nCollected <b>2026</b>.\n';
    const put = await fixture.deps.blobStore.put(Buffer.from(text));
    const id = sha256(text);
    await commitChanges(fixture.deps, {
      dataset,
      branch: 'main',
      message: 'Datasheet',
      author: { name: 'Ada', email: 'ada@example.org' },
      edits: [{ path: 'README.md', file: { kind: 'file', id, bytes: text.length } }],
      files: [{ id, size: text.length, parts: [put.digest] }],
    });
    const read = await run(
      admin,
      `{ dataset(owner: "acme", name: "ct") { commit(rev: "main") { size { instances files bytes } } readme(rev: "main") { path text truncated } } }`,
    );
    expect(read.data).toEqual({
      dataset: {
        commit: { size: { instances: 2, files: 3, bytes: 30 + text.length } },
        readme: { path: 'README.md', text, truncated: false },
      },
    });
    expect((await run(admin, `{ dataset(owner: "acme", name: "ct") { readme(rev: "nope") { path } } }`)).codes).toEqual(
      ['ref.not_found'],
    );
  });

  it('writes the README on a branch against the head it was written on', async () => {
    const HEAD = `{ dataset(owner: "acme", name: "ct") { commit(rev: "main") { id } } }`;
    const head = ((await run(admin, HEAD)).data?.['dataset'] as { commit: { id: string } }).commit.id;
    const SAVE = `mutation($text: String!, $expectedHead: String) {
      saveReadme(dataset: "acme/ct", branch: "main", text: $text, expectedHead: $expectedHead) { commitId path changed } }`;
    expect((await run(outsider, SAVE, { text: 'x' })).codes).toEqual(['dataset.not_found']);
    expect((await run(admin, SAVE, { text: '', expectedHead: head })).codes).toEqual(['readme.empty']);
    const saved = await run(admin, SAVE, { text: '# CT\n', expectedHead: head });
    expect(saved.data?.['saveReadme']).toMatchObject({ path: 'README.md', changed: true });
    expect((await run(admin, SAVE, { text: '# Again\n', expectedHead: head })).codes).toEqual(['ref.moved']);
    expect((await run(admin, `{ dataset(owner: "acme", name: "ct") { readme { text } } }`)).data).toEqual({
      dataset: { readme: { text: '# CT\n' } },
    });
  });
});

describe('the audit log of a dataset', () => {
  it('is readable by the dataset’s admins, filtered by action; the whole log by site admins only', async () => {
    const LOG = `{ auditLog(dataset: "acme/ct", action: "dataset.") { nodes { action actor } } }`;
    const seen = await run(admin, LOG);
    expect(seen.codes).toEqual([]);
    const actions = (seen.data?.['auditLog'] as { nodes: { action: string }[] }).nodes.map((n) => n.action);
    expect(actions).toEqual(
      expect.arrayContaining(['dataset.role_granted', 'dataset.role_revoked', 'dataset.visibility_set']),
    );
    expect(actions.every((action) => action.startsWith('dataset.'))).toBe(true);
    expect((await run(admin, `{ auditLog { nodes { seq } } }`)).codes).toEqual(['auth.forbidden']);
    expect((await run(outsider, LOG)).codes).toEqual(['dataset.not_found']);
    await grantRole(fixture.deps, OPERATOR, 'acme/ct', 'rob', 'write');
    expect((await run(reader, LOG)).codes).toEqual(['auth.forbidden']);
    expect((await run(ANONYMOUS, LOG)).codes).toEqual(['auth.required']);
    expect((await run(OPERATOR, `{ auditLog(action: "token.") { nodes { action } } }`)).codes).toEqual([]);
  });
});

describe('a release of an existing tag', () => {
  it('releases a tag where it points, once', async () => {
    await run(admin, `mutation { createTag(dataset: "acme/ct", name: "v0", at: "main") { name } }`);
    const RELEASE = `mutation($at: String) { createRelease(dataset: "acme/ct", tag: "v0", at: $at, existingTag: true, title: "Zero",
      citation: { authors: [{ name: "Amy" }], version: "0", license: "CC-BY-4.0" }) { tag instances } }`;
    expect((await run(admin, RELEASE, { at: 'main' })).codes).toEqual(['release.at_with_existing_tag']);
    expect((await run(admin, RELEASE)).data).toEqual({ createRelease: { tag: 'v0', instances: 2 } });
    expect((await run(admin, RELEASE)).codes).toEqual(['release.exists']);
    expect(
      (
        await run(
          admin,
          `mutation { createRelease(dataset: "acme/ct", tag: "main", existingTag: true, title: "x", citation: { authors: [{ name: "A" }], version: "0", license: "MIT" }) { tag } }`,
        )
      ).codes,
    ).toEqual(['ref.not_found']);
  });
});
