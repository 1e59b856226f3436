// Releases, settings, tokens, audit and organizations in the web app (issue #6), end to end: the
// real `strata serve` (built dist and Next app), users, an organization and datasets made with the
// CLI, instances sent over STOW-RS, and two people in two Chromium contexts. An admin publishes a
// release from a tag, grants a second user read access, changes the visibility, protects a branch,
// makes and revokes a token and reads the audit log; the second user then sees the dataset but
// gets "not found" for its settings and audit log. Screenshots: tests/e2e/output/admin-*.png.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createTestTarget, type TestDatabaseTarget } from '@strata/models/testing';
import { addUserWithPassword, launchChromium, signIn as signInAt, endSuite } from '../support/web-browser.js';
import { runStrata, startStrata, untilServing, type StrataProcess } from '../support/strata-process.js';
import { graphqlAs, stowInto } from '../support/server-requests.js';
import { syntheticSlice } from '../support/synthetic-dicom.js';

const OUTPUT = join(import.meta.dirname, 'output');

let dataDir: string;
let database: TestDatabaseTarget;
let server: StrataProcess;
let url: string;
let token: string;
let browser: Browser;
let admin: Page;
let second: Page;

const env = () => ({
  DATA_DIR: dataDir,
  AUTHOR: 'Ada Lovelace <ada@example.org>',
  ...(database.target.kind === 'postgresql' && { DATABASE_URL: database.target.url }),
});

async function cli(args: string[]): Promise<string> {
  const result = await runStrata(args, env());
  if (result.code !== 0) throw new Error(`strata ${args.join(' ')} failed: ${result.output}`);
  return result.output;
}

/** Synthetic CT slices of one study, one series. */
function slices(study: number, instances: number): Buffer[] {
  const studyUid = `1.2.826.0.1.3680043.10.77.${study}`;
  return Array.from({ length: instances }, (_, i) =>
    syntheticSlice({
      studyUid,
      seriesUid: `${studyUid}.1`,
      sopUid: `${studyUid}.1.${i + 1}`,
      patientName: `ADMIN^PATIENT${study}`,
      patientId: `A${study}`,
      studyDate: '20260105',
      instanceNumber: i + 1,
      size: 8,
      seed: study * 10 + i,
    }),
  );
}

/** What the datasheet says: Markdown, and markup that must stay text. */
const README =
  '# CT phantom\n\nTwo synthetic slices.\n\n- License: CC-BY-4.0\n- <script>window.injected = 1</script>\n';

const stow = (dataset: string, study: number, instances: number): Promise<void> =>
  stowInto({ url, token }, dataset, 'main', slices(study, instances));

/** Who a bearer token signs in as over GraphQL; undefined when it is refused. */
async function loginOf(bearer: string): Promise<string | undefined> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ viewer { login } }' }),
  });
  if (response.status === 401) return undefined;
  return ((await response.json()) as { data?: { viewer: { login: string | null } } }).data?.viewer.login ?? undefined;
}

const signIn = (page: Page, login: string) => signInAt(page, url, login);

const shot = (page: Page, name: string) => page.screenshot({ path: join(OUTPUT, `admin-${name}.png`), fullPage: true });

beforeAll(async () => {
  await mkdir(OUTPUT, { recursive: true });
  dataDir = await mkdtemp(join(tmpdir(), 'strata-e2e-admin-'));
  database = await createTestTarget();
  await addUserWithPassword('ada', env(), { admin: true });
  await addUserWithPassword('bob', env());
  await cli(['dataset', 'create', 'ada/ct', '--visibility', 'private']);
  // A dataset of an owner with no account makes it an organization; ada becomes its owner.
  await cli(['dataset', 'create', 'lab/mri', '--visibility', 'private']);
  await cli(['org', 'member', 'lab', 'ada', '--role', 'owner']);
  // Two slices and a README, imported by the CLI as one commit (the README is the datasheet).
  const folder = join(dataDir, 'import');
  await mkdir(folder);
  await Promise.all(slices(1, 2).map((slice, i) => writeFile(join(folder, `slice${i + 1}.dcm`), slice)));
  await writeFile(join(folder, 'README.md'), README);
  expect(await cli(['import', folder, '--dataset', 'ada/ct', '-m', 'Phantom with its datasheet'])).toContain(
    'Imported 2 instance(s) and README.md',
  );
  token = /strata_[A-Za-z0-9_-]{40}/.exec(await cli(['token', 'add', 'ada', 'stow', '--scope', 'admin']))?.[0] ?? '';
  server = startStrata(['serve'], { ...env(), PORT: '0' });
  url = await untilServing(server);
  await stow('lab/mri', 2, 1);
  await graphqlAs({ url, token }, 'mutation { createTag(dataset: "ada/ct", name: "v1", at: "main") { name } }');
  browser = await launchChromium();
  // Two people, two contexts: two cookie jars.
  admin = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  second = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  // Revoking and removing ask first; the people here say yes.
  for (const page of [admin, second]) page.on('dialog', (dialog) => void dialog.accept());
}, 180_000);

afterAll(() => endSuite({ browser, server, database, dataDir, logPath: join(OUTPUT, 'admin-server.log') }));

describe('administering a dataset in the web app', () => {
  it('signs both people in; the second one cannot see the private dataset yet', async () => {
    await signIn(admin, 'ada');
    await signIn(second, 'bob');
    await second.getByRole('heading', { name: 'Datasets' }).waitFor();
    expect(await second.getByRole('link', { name: 'ada/ct' }).count()).toBe(0);
    const response = await second.goto(`${url}/ada/ct`);
    expect(response?.status()).toBe(404);
  }, 60_000);

  it('shows the size of a version and its README as a datasheet, markup kept as text', async () => {
    await admin.goto(`${url}/ada/ct`);
    const facts = admin.locator('dl.facts');
    await facts.waitFor();
    // Two slices of 8×8 16-bit pixels and their headers, and the README's bytes.
    expect(await facts.textContent()).toMatch(/Instances2.*Size\d\.\d KB/);
    const datasheet = admin.locator('section[aria-labelledby="datasheet-title"]');
    expect(await datasheet.getByRole('heading', { name: 'CT phantom' }).isVisible()).toBe(true);
    expect(await datasheet.getByRole('listitem').allTextContents()).toEqual([
      'License: CC-BY-4.0',
      '<script>window.injected = 1</script>',
    ]);
    expect(await admin.evaluate('window.injected')).toBeUndefined();
    await shot(admin, 'datasheet');
  }, 60_000);

  it('publishes a release of an existing tag and shows how to cite it', async () => {
    await admin.goto(`${url}/ada/ct/releases`);
    await admin.getByText('No releases yet.').waitFor();
    await admin.getByRole('link', { name: 'New release' }).click();
    await admin.waitForURL(`${url}/ada/ct/releases/new`);
    await admin.getByLabel('Tag', { exact: true }).selectOption('v1');
    await admin.getByLabel('Title').fill('First cohort');
    await admin.getByLabel('Notes').fill('Two CT slices.');
    await admin.getByLabel('Authors').fill('Ada Lovelace; Strata Lab; 0000-0002-1825-0097\nBob Babbage');
    await admin.getByLabel('Version').fill('1.0');
    await admin.getByRole('button', { name: 'Publish release' }).click();
    await admin.waitForURL(`${url}/ada/ct/releases/v1`);
    const year = new Date().getUTCFullYear();
    expect(await admin.locator('blockquote.citation').textContent()).toBe(
      `Ada Lovelace; Bob Babbage (${year}). First cohort (Version 1.0) [Data set]. ada/ct. ${url}/dicomweb/ada/ct/@v1`,
    );
    const cff = (await admin.locator('pre').textContent()) ?? '';
    expect(cff).toContain('cff-version: 1.2.0');
    expect(cff).toContain(`${url}/dicomweb/ada/ct/@v1`);
    expect(cff).toContain('0000-0002-1825-0097');
    expect(await admin.getByLabel(/DICOMweb base URL of v1/).inputValue()).toBe(`${url}/dicomweb/ada/ct/@v1`);
    expect(await admin.locator('dl.facts').textContent()).toMatch(/Studies1Series1Instances2/);
    const manifest = await admin.getByRole('link', { name: 'Download the manifest' }).getAttribute('href');
    expect(manifest).toBe('/api/datasets/ada/ct/releases/v1/manifest.json');
    await shot(admin, 'release');
    // The release is listed, and every tag is now released: the form says so.
    await admin.goto(`${url}/ada/ct/releases`);
    await admin.getByRole('link', { name: 'v1' }).waitFor();
    await admin.goto(`${url}/ada/ct/releases/v9`);
    expect(await admin.getByRole('heading', { name: 'Not found' }).isVisible()).toBe(true);
  }, 90_000);

  it('grants the second user read access, changes the visibility and protects main', async () => {
    await admin.goto(`${url}/ada/ct/settings`);
    await admin.getByRole('heading', { name: 'Members and teams' }).waitFor();
    const grant = admin.getByRole('form', { name: 'Grant a role' });
    await grant.getByLabel('User or team').fill('nobody');
    await grant.getByRole('button', { name: 'Grant' }).click();
    await grant.getByRole('alert').getByText('No user or organization nobody').waitFor();
    await grant.getByLabel('User or team').fill('bob');
    await grant.getByRole('button', { name: 'Grant' }).click();
    await admin.getByRole('rowheader', { name: 'bob' }).waitFor();
    expect(await admin.getByLabel('Role of bob', { exact: true }).inputValue()).toBe('READ');

    const visibility = admin.getByRole('form', { name: 'Change the visibility' });
    await visibility.getByLabel('Visibility').selectOption('INTERNAL');
    await visibility.getByRole('button', { name: 'Change visibility' }).click();
    await admin.getByText('Now internal.').waitFor();
    expect(await visibility.getByLabel('Visibility').inputValue()).toBe('INTERNAL');

    const protect = admin.getByRole('form', { name: 'Add a branch protection rule' });
    await protect.getByLabel('Branch pattern').fill('main');
    await protect.getByLabel('Approvals required').fill('2');
    await protect.getByRole('button', { name: 'Add rule' }).click();
    await admin.getByText('2 approvals required, stale approvals dismissed, direct writes blocked').waitFor();

    // A role changes in place: write, then back to read (what the second user has below).
    const role = admin.getByRole('form', { name: 'Change the role of bob' });
    for (const next of ['WRITE', 'READ']) {
      await role.getByLabel('Role of bob').selectOption(next);
      await role.getByRole('button', { name: 'Change' }).click();
      await role.getByText('Done.').waitFor();
      await admin.reload();
      expect(await admin.getByLabel('Role of bob', { exact: true }).inputValue()).toBe(next);
    }

    const hook = admin.getByRole('form', { name: 'Add a webhook' });
    await hook.getByLabel('Payload URL').fill('https://ci.example/strata');
    await hook.getByLabel('Actions').fill('release., dataset.');
    await hook.getByRole('button', { name: 'Add webhook' }).click();
    expect(await hook.getByRole('textbox', { name: 'The webhook’s signing secret' }).inputValue()).toMatch(/^.{16,}$/);
    await admin.getByText('active · actions: release., dataset.').waitFor();
    await shot(admin, 'settings');
    await admin.getByRole('button', { name: 'Delete webhook' }).click();
    await admin.getByText('No webhooks.').waitFor();
  }, 90_000);

  it('shows a webhook’s deliveries and sends one again', async () => {
    // A real receiver on this machine: it answers 200 and keeps each request's delivery id.
    const received: string[] = [];
    const receiver = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        received.push(String(request.headers['strata-delivery']));
        response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.address() as AddressInfo;
    const until = async (count: number) => {
      const deadline = Date.now() + 30_000;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`the receiver got ${received.length} of ${count} deliveries`);
        await admin.waitForTimeout(100);
      }
    };
    try {
      await admin.goto(`${url}/ada/ct/settings`);
      const hook = admin.getByRole('form', { name: 'Add a webhook' });
      await hook.getByLabel('Payload URL').fill(`http://127.0.0.1:${port}/strata`);
      await hook.getByLabel('Actions').fill('dataset.');
      await hook.getByRole('button', { name: 'Add webhook' }).click();
      await admin.getByText('active · actions: dataset.').waitFor();
      // Two events: private, then internal again (what the suites after this one expect).
      const visibility = admin.getByRole('form', { name: 'Change the visibility' });
      for (const [value, words] of [
        ['PRIVATE', 'Now private.'],
        ['INTERNAL', 'Now internal.'],
      ] as const) {
        await visibility.getByLabel('Visibility').selectOption(value);
        await visibility.getByRole('button', { name: 'Change visibility' }).click();
        await admin.getByText(words).waitFor();
      }
      await until(2);
      expect(new Set(received).size).toBe(2);
      await admin.reload();
      const deliveries = admin.getByRole('table').filter({ hasText: 'Recent deliveries' });
      expect(await deliveries.getByRole('cell', { name: 'done' }).count()).toBe(2);
      const redeliver = deliveries.getByRole('button', { name: 'Redeliver' });
      expect(await redeliver.count()).toBe(2);
      // One of them sent again, under its own delivery id.
      await redeliver.last().click();
      await until(3);
      expect(received.slice(0, 2)).toContain(received[2]);
      await admin.reload();
      await deliveries.getByRole('cell', { name: '2', exact: true }).waitFor();
      await shot(admin, 'webhook-redelivered');
      await admin.getByRole('button', { name: 'Delete webhook' }).click();
      await admin.getByText('No webhooks.').waitFor();
    } finally {
      receiver.close();
    }
  }, 90_000);

  it('creates a token whose secret is shown once and works, then revokes it', async () => {
    await admin.goto(`${url}/settings/tokens`);
    const create = admin.getByRole('form', { name: 'Create a token' });
    await create.getByLabel('Name').fill('laptop');
    await create.getByLabel('Scope').selectOption('READ');
    await create.getByRole('button', { name: 'Create token' }).click();
    const secret = await admin.getByRole('textbox', { name: 'Your new token' }).inputValue();
    expect(secret).toMatch(/^strata_/);
    expect(await loginOf(secret)).toBe('ada');
    await admin.getByRole('rowheader', { name: 'laptop' }).waitFor();
    await shot(admin, 'tokens');
    await admin.getByRole('button', { name: 'Revoke laptop' }).click();
    await admin.getByRole('row', { name: /laptop.*revoked/ }).waitFor();
    expect(await loginOf(secret)).toBeUndefined();
    // The page itself never shows the secret again.
    await admin.reload();
    expect(await admin.content()).not.toContain(secret);
  }, 90_000);

  it('shows the admin the audit log filtered by action, for the dataset and the whole site', async () => {
    await admin.goto(`${url}/ada/ct/audit`);
    await admin.getByLabel('Action or prefix').fill('dataset.');
    await admin.getByRole('button', { name: 'Filter' }).click();
    await admin.waitForURL(/\/ada\/ct\/audit\?action=dataset\.&actor=$/);
    const actions = async () => admin.locator('tbody tr td:nth-child(3)').allTextContents();
    // Newest first: the visibility twice (the webhook test), bob's role changed twice, the
    // visibility, bob's grant.
    expect(await actions()).toEqual([
      'dataset.visibility_set',
      'dataset.visibility_set',
      'dataset.role_granted',
      'dataset.role_granted',
      'dataset.visibility_set',
      'dataset.role_granted',
    ]);
    await shot(admin, 'audit');
    await admin.goto(`${url}/ada/ct/audit?action=protection.`);
    expect(await actions()).toEqual(['protection.set']);

    await admin.goto(`${url}/admin/audit?action=token.&actor=ada`);
    const site = await admin.locator('tbody tr td:nth-child(3)').allTextContents();
    expect(site).toEqual(['token.revoked', 'token.created']);
    await admin.goto(`${url}/admin/audit?dataset=ada/ct&action=release.`);
    expect(await admin.locator('tbody tr td:nth-child(3)').allTextContents()).toEqual(['release.published']);
    await shot(admin, 'site-audit');
  }, 60_000);

  it('lets the second user read the dataset now, and answers "not found" for its settings and audit log', async () => {
    await second.goto(`${url}/`);
    await second.getByRole('link', { name: 'ada/ct' }).click();
    await second.waitForURL(`${url}/ada/ct`);
    expect(await second.locator('header').getByText('your role: read').isVisible()).toBe(true);
    for (const path of ['/ada/ct/settings', '/ada/ct/audit', '/admin/audit']) {
      const response = await second.goto(`${url}${path}`);
      expect(response?.status()).toBe(404);
      expect(await second.getByRole('heading', { name: 'Not found' }).isVisible()).toBe(true);
    }
    await shot(second, 'second-user-settings');
    // Writers only: a reader is told why no release can be made.
    await second.goto(`${url}/ada/ct/releases/new`);
    await second.getByText('needs the write role').waitFor();
  }, 60_000);

  it('shows an organization’s datasets and members, and its owner adds a member and a team', async () => {
    await admin.goto(`${url}/`);
    await admin.getByRole('link', { name: 'lab', exact: true }).click();
    await admin.waitForURL(`${url}/lab`);
    await admin.getByRole('link', { name: 'lab/mri' }).waitFor();
    const members = admin.getByRole('table', { name: 'Members of lab' });
    expect(await members.getByRole('rowheader').allTextContents()).toEqual(['ada']);
    expect(await members.getByLabel('Role of ada', { exact: true }).inputValue()).toBe('OWNER');
    const add = admin.getByRole('form', { name: 'Add a member' });
    await add.getByLabel('User').fill('bob');
    await add.getByRole('button', { name: 'Add member' }).click();
    await members.getByRole('link', { name: 'bob' }).waitFor();
    await admin.getByRole('form', { name: 'Create a team' }).getByLabel('Team name').fill('readers');
    await admin.getByRole('button', { name: 'Create team' }).click();
    const team = admin.getByRole('region', { name: 'Team lab/readers' });
    await team.getByText('No members.').waitFor();
    const addToTeam = admin.getByRole('form', { name: 'Add a team member' });
    await addToTeam.getByLabel('User to add').fill('bob');
    await addToTeam.getByRole('button', { name: 'Add to team' }).click();
    await team.getByRole('link', { name: 'bob' }).waitFor();
    await shot(admin, 'organization');

    // The new member sees the organization's private dataset and its members; no owner forms.
    await second.goto(`${url}/lab`);
    await second.getByRole('link', { name: 'lab/mri' }).waitFor();
    expect(await second.getByRole('table', { name: 'Members of lab' }).getByRole('rowheader').count()).toBe(2);
    expect(await second.getByRole('form', { name: 'Add a member' }).count()).toBe(0);
    expect(await second.getByRole('button', { name: /^Remove|^Delete team/ }).count()).toBe(0);
    await second.getByRole('button', { name: 'Leave lab' }).waitFor();
    const unknown = await second.goto(`${url}/no-such-owner`);
    expect(unknown?.status()).toBe(404);
  }, 90_000);

  it('removes a team member and a team, keeps the last owner, and lets a member leave', async () => {
    await admin.goto(`${url}/lab`);
    const team = admin.getByRole('region', { name: 'Team lab/readers' });
    await team.getByRole('button', { name: 'Remove bob from readers' }).click();
    await team.getByText('No members.').waitFor();
    // The only owner cannot step down: the refusal is said beside the form, and nothing changes.
    const role = admin.getByRole('form', { name: 'Change the role of ada' });
    await role.getByLabel('Role of ada', { exact: true }).selectOption('MEMBER');
    await role.getByRole('button', { name: 'Change' }).click();
    await role
      .getByRole('alert')
      .getByText(/only owner of lab/)
      .waitFor();
    await admin.getByRole('button', { name: 'Remove ada' }).click();
    await admin
      .getByRole('form', { name: 'Remove ada' })
      .getByRole('alert')
      .getByText(/only owner/)
      .waitFor();
    await admin.reload();
    expect(await admin.getByLabel('Role of ada', { exact: true }).inputValue()).toBe('OWNER');
    await admin.getByRole('button', { name: 'Delete team readers' }).click();
    await admin.getByText('No teams yet.').waitFor();

    // bob leaves: the organization's private dataset is gone for him.
    await second.goto(`${url}/lab`);
    await second.getByRole('button', { name: 'Leave lab' }).click();
    await second.getByText('No datasets of lab that you can read.').waitFor();
    expect(await second.getByRole('table', { name: 'Members of lab' }).count()).toBe(0);
    expect((await second.goto(`${url}/lab/mri`))?.status()).toBe(404);

    // An owner removes a member: added again, then removed by the Remove button.
    await admin.reload();
    const add = admin.getByRole('form', { name: 'Add a member' });
    await add.getByLabel('User').fill('bob');
    await add.getByRole('button', { name: 'Add member' }).click();
    const members = admin.getByRole('table', { name: 'Members of lab' });
    await members.getByRole('link', { name: 'bob' }).waitFor();
    await members.getByRole('button', { name: 'Remove bob' }).click();
    await members.getByRole('link', { name: 'bob' }).waitFor({ state: 'detached' });
    await shot(admin, 'organization-removed');
    // Each change is in the audit log, newest first.
    const logged = async (action: string) =>
      (
        await graphqlAs<{ auditLog: { nodes: { action: string; subject: string }[] } }>(
          { url, token },
          `{ auditLog(action: "${action}", first: 3) { nodes { action subject } } }`,
        )
      ).auditLog.nodes.map((event) => `${event.action} ${event.subject}`);
    expect(await logged('org.')).toEqual([
      'org.member_removed org:lab',
      'org.member_set org:lab',
      'org.member_removed org:lab',
    ]);
    expect(await logged('team.')).toEqual([
      'team.deleted team:lab/readers',
      'team.member_removed team:lab/readers',
      'team.member_added team:lab/readers',
    ]);
  }, 90_000);
  it('edits the README from the web as one commit, refusing an edit written against an older head', async () => {
    await admin.goto(`${url}/ada/ct`);
    await admin.getByRole('link', { name: 'Edit README.md' }).click();
    await admin.waitForURL(`${url}/ada/ct/readme/main`);
    const form = admin.getByRole('form', { name: 'Write README.md on main' });
    const text = form.getByLabel('README.md');
    expect(await text.inputValue()).toBe(README);
    await text.fill('# CT phantom\n\nTwo synthetic slices and a third.\n');
    // Meanwhile someone else commits to main: this edit was written against the head before it.
    await stow('ada/ct', 3, 1);
    await form.getByRole('button', { name: 'Commit' }).click();
    await form
      .getByRole('alert')
      .getByText(/has moved/)
      .waitFor();
    // Opened again on the new head, the edit goes in, with its message.
    await admin.reload();
    await text.fill('# CT phantom\n\nThree synthetic slices.\n');
    await form.getByLabel('Commit message').fill('Count the slices');
    await form.getByRole('button', { name: 'Commit' }).click();
    await admin.waitForURL(`${url}/ada/ct/tree/main`);
    const datasheet = admin.locator('section[aria-labelledby="datasheet-title"]');
    await datasheet.getByText('Three synthetic slices.').waitFor();
    await shot(admin, 'readme-edited');
    await admin.goto(`${url}/ada/ct/commits/main`);
    // The newest commit, by the signed-in user.
    expect(await admin.locator('ol.commits > li').first().textContent()).toMatch(/Count the slices\s+ada,/);
    // A reader gets no link, and the page says why it cannot write; a tag is not written on.
    await second.goto(`${url}/ada/ct`);
    await second.getByText('Three synthetic slices.').waitFor();
    expect(await second.getByRole('link', { name: /Edit README/ }).count()).toBe(0);
    await second.goto(`${url}/ada/ct/readme/main`);
    await second.getByText('needs the write role').waitFor();
    await admin.goto(`${url}/ada/ct/readme/v1`);
    await admin.getByText('is not a branch').waitFor();
  }, 90_000);
});
