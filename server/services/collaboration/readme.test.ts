// Writing a dataset's README from the web: one commit by the writer, on a branch only, against
// the version it was written on, obeying branch protection; refusals leave the branch as it was.
import { createToken, grantRole, OPERATOR, authenticate } from '../access/index.js';
import { latestEvents } from '../audit/audit.js';
import { errorCode, putFiles, signedInUser, useVersioningFixture } from '../testing/index.js';
import { sha256 } from '@strata/modules/blob';
import { commitChanges, createDataset, createTag, log, readmeAt, resolveRef } from '../versioning/index.js';
import { setBranchProtection } from './protection.js';
import { saveReadme } from './readme.js';

const fixture = useVersioningFixture('readme');
const deps = () => fixture.deps;
const ada = { name: 'Ada', email: 'ada@example.org' };
let datasets = 0;

async function dataset() {
  const name = `lab/ct${++datasets}`;
  const record = await createDataset(deps(), name, ada);
  await putFiles(deps(), record, 'main', { '1.1/1.1.1/1.1.1.1': 'slice' });
  return { name, record };
}

const head = async (record: Awaited<ReturnType<typeof dataset>>['record'], ref = 'main') =>
  (await resolveRef(deps(), record, ref)).commit;

describe('saveReadme', () => {
  let writer: Awaited<ReturnType<typeof signedInUser>>;
  let admin: Awaited<ReturnType<typeof signedInUser>>;
  let reader: Awaited<ReturnType<typeof signedInUser>>;

  beforeAll(async () => {
    writer = await signedInUser(deps(), 'wendy');
    admin = await signedInUser(deps(), 'adele');
    reader = await signedInUser(deps(), 'rudy');
  });

  async function withRoles(name: string) {
    await grantRole(deps(), OPERATOR, name, 'wendy', 'write');
    await grantRole(deps(), OPERATOR, name, 'adele', 'admin');
    await grantRole(deps(), OPERATOR, name, 'rudy', 'read');
  }

  it('adds README.md as one commit by the writer, then edits it against the version it was written on', async () => {
    const { name, record } = await dataset();
    await withRoles(name);
    const before = await head(record);
    const added = await saveReadme(deps(), writer, {
      dataset: name,
      branch: 'main',
      text: '# CT\n',
      expectedHead: before,
    });
    expect(added).toMatchObject({ path: 'README.md', changed: true });
    expect(await readmeAt(deps(), record, 'main')).toEqual({ path: 'README.md', text: '# CT\n', truncated: false });
    const [entry] = await log(deps(), record, 'main', 1);
    expect(entry?.id).toBe(added.commit);
    expect(entry?.commit).toMatchObject({ message: 'Add README.md', parents: [before], author: { name: 'wendy' } });
    expect((await latestEvents(deps(), OPERATOR, 1))[0]).toMatchObject({
      action: 'commit.created',
      subject: `${name}@main`,
    });
    expect(JSON.parse((await latestEvents(deps(), OPERATOR, 1))[0]?.data ?? '')).toMatchObject({ via: 'readme' });

    // An edit written against the first version, after someone else's commit, changes nothing.
    await putFiles(deps(), record, 'main', { '1.1/1.1.1/1.1.1.2': 'another' });
    expect(
      await errorCode(
        saveReadme(deps(), writer, { dataset: name, branch: 'main', text: 'stale', expectedHead: before }),
      ),
    ).toBe('ref.moved');
    expect((await readmeAt(deps(), record, 'main'))?.text).toBe('# CT\n');
    const edited = await saveReadme(deps(), writer, {
      dataset: name,
      branch: 'main',
      text: '# CT\n\nTwo slices.\n',
      message: 'Describe the slices',
      expectedHead: await head(record),
    });
    expect((await log(deps(), record, 'main', 1))[0]?.commit.message).toBe('Describe the slices');
    // The same text again: no commit.
    expect(await saveReadme(deps(), writer, { dataset: name, branch: 'main', text: '# CT\n\nTwo slices.\n' })).toEqual({
      commit: edited.commit,
      path: 'README.md',
      changed: false,
    });
  });

  it('keeps the name of the README the version has', async () => {
    const { name, record } = await dataset();
    await withRoles(name);
    const sheet = Buffer.from('old sheet');
    const stored = await deps().blobStore.put(sheet);
    await commitChanges(deps(), {
      dataset: record,
      branch: 'main',
      edits: [{ path: 'datasheet.md', file: { kind: 'file', id: stored.digest, bytes: sheet.length } }],
      files: [{ id: sha256(sheet), size: sheet.length, parts: [stored.digest] }],
      message: 'A datasheet',
      author: ada,
    });
    expect(await saveReadme(deps(), writer, { dataset: name, branch: 'main', text: 'new sheet' })).toMatchObject({
      path: 'datasheet.md',
      changed: true,
    });
    expect(await readmeAt(deps(), record, 'main')).toEqual({
      path: 'datasheet.md',
      text: 'new sheet',
      truncated: false,
    });
    expect((await log(deps(), record, 'main', 1))[0]?.commit.message).toBe('Edit datasheet.md');
  });

  it('refuses readers, tags, unknown branches, empty and oversized text, and direct writes to a protected branch', async () => {
    const { name, record } = await dataset();
    await withRoles(name);
    await createTag(deps(), record, 'v1', 'main');
    const before = await head(record);
    const save = (actor: typeof writer, branch: string, text = 'text') =>
      errorCode(saveReadme(deps(), actor, { dataset: name, branch, text }));
    expect(await save(reader, 'main')).toBe('auth.forbidden');
    expect(await save(writer, 'v1')).toBe('ref.not_a_branch');
    expect(await save(writer, 'nope')).toBe('ref.not_a_branch');
    expect(await save(writer, 'main', ' \n')).toBe('readme.empty');
    expect(await save(writer, 'main', 'x'.repeat(256 * 1024 + 1))).toBe('readme.too_large');
    expect(await save(writer, 'main', 'é'.repeat(128 * 1024 + 1))).toBe('readme.too_large');
    // A read-scoped token of a writer writes nothing either.
    const { token } = await createToken(deps(), OPERATOR, { login: 'wendy', name: 'ro', scope: 'read' });
    expect(await save(await authenticate(deps(), { kind: 'token', token }), 'main')).toBe('auth.forbidden');
    await setBranchProtection(deps(), OPERATOR, record, 'main', {
      requiredApprovals: 1,
      dismissStaleReviews: false,
      blockDirectWrites: true,
      requiredChecks: [],
    });
    expect(await save(writer, 'main')).toBe('branch.protected');
    expect(await head(record)).toBe(before);
    expect(await save(admin, 'main')).toBe('ok');
  });
});
