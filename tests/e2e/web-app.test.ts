// The web app end to end (issue #6): the real `strata serve` (built dist, serving the built Next
// app on the API's origin), a user and a private dataset set up with the CLI, real instances
// sent over STOW-RS, and Debian's Chromium driven through playwright-core (no browser download).
// Someone signs in, finds the dataset, switches ref, reads the DICOMweb URL and the history; dead
// links show a message. Screenshots go to tests/e2e/output/ (CI keeps them as artifacts).
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createTestTarget, type TestDatabaseTarget } from '@strata/models/testing';
import { runStrata, startStrata, untilServing, type StrataProcess } from '../support/strata-process.js';
import { graphqlAs, stowInto } from '../support/server-requests.js';
import { syntheticSlice } from '../support/synthetic-dicom.js';
import { PASSWORD, addUserWithPassword, launchChromium, endSuite } from '../support/web-browser.js';

const OUTPUT = join(import.meta.dirname, 'output');

let dataDir: string;
let database: TestDatabaseTarget;
let server: StrataProcess;
let url: string;
let token: string;
let browser: Browser;
let page: Page;

const env = () => ({
  DATA_DIR: dataDir,
  AUTHOR: 'Ada Lovelace <ada@example.org>',
  // The same PostgreSQL as the other suites when DATABASE_URL names one (a fresh database), else PGlite.
  ...(database.target.kind === 'postgresql' && { DATABASE_URL: database.target.url }),
});

async function stow(ref: string, study: number, instances: number): Promise<void> {
  const studyUid = `1.2.826.0.1.3680043.10.66.${study}`;
  const slices = Array.from({ length: instances }, (_, i) =>
    syntheticSlice({
      studyUid,
      seriesUid: `${studyUid}.1`,
      sopUid: `${studyUid}.1.${i + 1}`,
      patientName: `WEB^PATIENT${study}`,
      patientId: `W${study}`,
      studyDate: `2026010${study}`,
      instanceNumber: i + 1,
      size: 8,
      seed: study * 10 + i,
    }),
  );
  await stowInto({ url, token }, 'ada/ct', ref, slices);
}

const graphql = (query: string): Promise<unknown> => graphqlAs({ url, token }, query);

const shot = (name: string) => page.screenshot({ path: join(OUTPUT, `${name}.png`), fullPage: true });

beforeAll(async () => {
  await mkdir(OUTPUT, { recursive: true });
  dataDir = await mkdtemp(join(tmpdir(), 'strata-e2e-web-'));
  database = await createTestTarget();
  await addUserWithPassword('ada', env());
  expect((await runStrata(['dataset', 'create', 'ada/ct', '--visibility', 'private'], env())).code).toBe(0);
  const added = await runStrata(['token', 'add', 'ada', 'stow', '--scope', 'write'], env());
  token = /strata_[A-Za-z0-9_-]{40}/.exec(added.output)?.[0] ?? '';
  server = startStrata(['serve'], { ...env(), PORT: '0' });
  url = await untilServing(server);
  await stow('main', 1, 2);
  await graphql('mutation { createBranch(dataset: "ada/ct", name: "feature/more") { name } }');
  await stow('feature/more', 2, 3);
  await graphql('mutation { createTag(dataset: "ada/ct", name: "v1", at: "main") { name } }');
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
}, 180_000);

afterAll(() => endSuite({ browser, server, database, dataDir, logPath: join(OUTPUT, 'server.log') }));

describe('the web app', () => {
  it('shows anyone the public datasets only, and a signed-in user theirs', async () => {
    await page.goto(`${url}/`);
    await page.getByRole('heading', { name: 'Datasets' }).waitFor();
    expect(await page.getByText('Showing public datasets.').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'ada/ct' }).count()).toBe(0);

    await page.getByRole('link', { name: 'Sign in' }).first().click();
    await page.getByLabel('Login').fill('ada');
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('The credentials are not valid', { exact: false }).waitFor();
    await shot('sign-in-refused');

    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Signed in as').waitFor();
    expect(await page.locator('header.site').textContent()).toContain('Signed in as ada');
    await page.getByRole('link', { name: 'ada/ct' }).waitFor();
    await shot('datasets');
  }, 60_000);

  it('opens a dataset at its default branch with its contents and DICOMweb URL', async () => {
    await page.getByRole('link', { name: 'ada/ct' }).click();
    await page.waitForURL(`${url}/ada/ct`);
    await page.getByRole('heading', { name: 'ada/ct' }).waitFor();
    const facts = page.locator('dl.facts');
    expect(await facts.textContent()).toMatch(/Studies1Series1Instances2ModalitiesCT/);
    expect(await page.getByRole('cell', { name: /WEB\^PATIENT1/ }).isVisible()).toBe(true);
    expect(await page.getByLabel('DICOMweb base URL at main').inputValue()).toBe(`${url}/dicomweb/ada/ct/@main`);
    await page.getByText('OHIF data source configuration').click();
    expect(await page.locator('pre').textContent()).toContain(`"qidoRoot": "${url}/dicomweb/ada/ct/@main"`);
    await shot('dataset-main');
  }, 60_000);

  it('switches to another branch, and the page, the URL and the DICOMweb URL follow', async () => {
    await page.getByLabel('Branch or tag').selectOption('feature/more');
    await page.getByRole('button', { name: 'Switch' }).click();
    await page.waitForURL(`${url}/ada/ct/tree/feature/more`);
    expect(await page.locator('dl.facts').textContent()).toMatch(/Studies2Series2Instances5/);
    expect(await page.getByLabel('DICOMweb base URL at feature/more').inputValue()).toBe(
      `${url}/dicomweb/ada/ct/@feature%2Fmore`,
    );
    await shot('dataset-feature');
  }, 60_000);

  it('filters the studies by date and modality, and opens a study with its series thumbnails', async () => {
    const rows = page.locator('table tbody tr');
    expect(await rows.count()).toBe(2);
    await page.getByLabel('From').fill('2026-01-02');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/\/ada\/ct\/tree\/feature\/more\?.*from=2026-01-02/);
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('WEB^PATIENT2');
    // The counts are the version's, whatever the filter shows.
    expect(await page.locator('dl.facts').textContent()).toMatch(/Studies2/);
    await shot('studies-filtered');

    await page.getByLabel('Modality').fill('MR');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('No studies match.').waitFor();
    await page.getByLabel('Modality').fill('C*T');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('“C*T” is not a modality').waitFor();

    await page.getByRole('link', { name: 'Clear' }).click();
    await page.getByRole('link', { name: 'WEB^PATIENT2' }).click();
    await page.waitForURL(/\/ada\/ct\/studies\/1\.2\.826\.0\.1\.3680043\.10\.66\.2\?ref=feature%2Fmore$/);
    const thumbnail = page.getByRole('img', { name: /^Series/ });
    await thumbnail.waitFor();
    // Decoded by the browser: the server rendered a real image, not an error body.
    await page.waitForFunction(
      "[...document.querySelectorAll('img.thumbnail')].every((image) => image.complete && image.naturalWidth > 0)",
    );
    expect(await page.getByRole('cell', { name: 'CT' }).isVisible()).toBe(true);
    await shot('study');
    await page.goto(`${url}/ada/ct/tree/feature/more`);
  }, 60_000);

  it('lists the history of the branch, newest first, each commit a link to the dataset at it', async () => {
    await page.getByRole('link', { name: 'History' }).click();
    await page.waitForURL(`${url}/ada/ct/commits/feature/more`);
    const commits = page.locator('ol.commits > li');
    // The commit that created the dataset, then one per STOW-RS request.
    expect(await commits.count()).toBe(3);
    await shot('history');
    await commits
      .first()
      .getByRole('link', { name: /^Browse the dataset at/ })
      .click();
    await page.waitForURL(/\/ada\/ct\/tree\/[0-9a-f]{64}$/);
    expect(await page.locator('dl.facts').textContent()).toMatch(/Studies2/);
  }, 60_000);

  it('says what is wrong at a dead link: an unknown ref, an unknown dataset', async () => {
    await page.goto(`${url}/ada/ct/tree/no-such-ref`);
    expect(await page.locator('section.notice').textContent()).toContain(
      'ada/ct has no branch, tag or commit named “no-such-ref”',
    );
    await shot('unknown-ref');
    const response = await page.goto(`${url}/ada/nothing`);
    expect(response?.status()).toBe(404);
    expect(await page.getByRole('heading', { name: 'Not found' }).isVisible()).toBe(true);
    await shot('unknown-dataset');
  }, 60_000);

  it('signs out, after which the private dataset is gone from the list', async () => {
    await page.goto(`${url}/`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('Showing public datasets.').waitFor();
    expect(await page.getByRole('link', { name: 'ada/ct' }).count()).toBe(0);
  }, 60_000);

  it('sends a deep link to a private dataset through sign-in and back', async () => {
    await page.goto(`${url}/ada/ct/commits/main`);
    await page.waitForURL(`${url}/sign-in?returnTo=${encodeURIComponent('/ada/ct/commits/main')}`);
    await page.getByLabel('Login').fill('ada');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${url}/ada/ct/commits/main`);
    expect(await page.locator('ol.commits > li').count()).toBe(2);
  }, 60_000);
});
