// The collaboration pages end to end (issue #6): the real `strata serve` (built dist and web app),
// two users made with the CLI (the dataset's admin and a writer), a branch with new and changed
// instances sent over STOW-RS, main protected by one required approval, and two Chromium
// contexts side by side. The author opens a proposal, the reviewer sees it arrive without a
// reload, comments and approves; the author sees the review arrive, the merge button unlocks,
// the merge lands in main's history. Issues, the commit and compare views, dead links and the
// banner shown while the live connection is down. Screenshots: tests/e2e/output/proposals-*.png.
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { createTestTarget, type TestDatabaseTarget } from '@strata/models/testing';
import { runStrata, startStrata, untilServing, type StrataProcess } from '../support/strata-process.js';
import { graphqlAs, stowInto } from '../support/server-requests.js';
import { syntheticSlice } from '../support/synthetic-dicom.js';
import { addUserWithPassword, endSuite, expectAccessible, launchChromium, signIn } from '../support/web-browser.js';

const OUTPUT = join(import.meta.dirname, 'output');
const STUDY = (n: number) => `1.2.826.0.1.3680043.10.77.${n}`;
const SERIES = (n: number) => `${STUDY(n)}.1`;

let dataDir: string;
let database: TestDatabaseTarget;
let server: StrataProcess;
let url: string;
let token: string;
let browser: Browser;
let authorContext: BrowserContext;
let reviewerContext: BrowserContext;
let author: Page;
let reviewer: Page;
/** main's head before the merge, and feature/more's head: the proposal's base and head. */
let mainBefore: string;
let featureHead: string;
let proposalPath: string;
/** The second proposal, still open at the end. */
let openPath: string;

const env = () => ({
  DATA_DIR: dataDir,
  AUTHOR: 'Ada Lovelace <ada@example.org>',
  ...(database.target.kind === 'postgresql' && { DATABASE_URL: database.target.url }),
});

/** One STOW-RS request (one commit) of `count` slices of study `study`, pixels varied by `seed`. */
async function stow(ref: string, study: number, count: number, seed = 0, dataset = 'ada/ct'): Promise<void> {
  const slices = Array.from({ length: count }, (_, i) =>
    syntheticSlice({
      studyUid: STUDY(study),
      seriesUid: SERIES(study),
      sopUid: `${SERIES(study)}.${i + 1}`,
      patientName: `COLLAB^PATIENT${study}`,
      patientId: `C${study}`,
      studyDate: `2026020${study}`,
      instanceNumber: i + 1,
      size: 8,
      seed: study * 10 + i + seed,
    }),
  );
  await stowInto({ url, token }, dataset, ref, slices);
}

const graphql = <T>(query: string): Promise<T> => graphqlAs<T>({ url, token }, query);

async function headOf(branch: string): Promise<string> {
  const data = await graphql<{ dataset: { ref: { commitId: string } } }>(
    `{ dataset(owner: "ada", name: "ct") { ref(name: "${branch}") { commitId } } }`,
  );
  return data.dataset.ref.commitId;
}

/** Until the page's live subscription is connected (so an event from now on reaches it). */
const live = (page: Page) => page.locator('[data-live="live"]').waitFor({ state: 'attached', timeout: 20_000 });
const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(OUTPUT, `proposals-${name}.png`), fullPage: true });
/** A mark that a full page load would erase: proof that a change arrived without a reload. */
const mark = (page: Page) => page.evaluate("window.strataMark = 'kept'");
const marked = (page: Page) => page.evaluate<string | undefined>('window.strataMark');

beforeAll(async () => {
  await mkdir(OUTPUT, { recursive: true });
  dataDir = await mkdtemp(join(tmpdir(), 'strata-e2e-collab-'));
  database = await createTestTarget();
  await addUserWithPassword('ada', env());
  await addUserWithPassword('grace', env());
  await addUserWithPassword('ron', env());
  expect((await runStrata(['dataset', 'create', 'ada/ct', '--visibility', 'private'], env())).code).toBe(0);
  expect((await runStrata(['dataset', 'grant', 'ada/ct', 'grace', 'write'], env())).code).toBe(0);
  expect((await runStrata(['dataset', 'grant', 'ada/ct', 'ron', 'read'], env())).code).toBe(0);
  const added = await runStrata(['token', 'add', 'ada', 'setup', '--scope', 'admin'], env());
  token = /strata_[A-Za-z0-9_-]{40}/.exec(added.output)?.[0] ?? '';
  server = startStrata(['serve'], { ...env(), PORT: '0' });
  url = await untilServing(server);
  await stow('main', 1, 2);
  await graphql('mutation { createBranch(dataset: "ada/ct", name: "feature/more") { name } }');
  await stow('feature/more', 2, 3);
  // New bytes under an existing instance: study 1's series changes on the branch.
  await stow('feature/more', 1, 1, 5);
  await graphql(
    'mutation { setBranchProtection(dataset: "ada/ct", pattern: "main", requiredApprovals: 1) { pattern } }',
  );
  await graphql('mutation { createLabel(dataset: "ada/ct", name: "quality", color: "d73a4a") { name } }');
  mainBefore = await headOf('main');
  featureHead = await headOf('feature/more');
  browser = await launchChromium();
  authorContext = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  reviewerContext = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  author = await authorContext.newPage();
  reviewer = await reviewerContext.newPage();
  await signIn(author, url, 'ada');
  await signIn(reviewer, url, 'grace');
}, 180_000);

afterAll(() => endSuite({ browser, server, database, dataDir, logPath: join(OUTPUT, 'proposals-server.log') }));

describe('change proposals in the web app', () => {
  it('opens a proposal, and the reviewer’s list shows it without a reload', async () => {
    await reviewer.goto(`${url}/ada/ct/proposals`);
    await reviewer.getByText('No open proposals.').waitFor();
    await live(reviewer);
    await mark(reviewer);

    await author.goto(`${url}/ada/ct`);
    await author.getByRole('navigation', { name: 'ada/ct' }).getByRole('link', { name: 'Proposals' }).click();
    await author.getByRole('link', { name: 'New proposal' }).click();
    await author.waitForURL(`${url}/ada/ct/proposals/new`);
    await author.getByLabel('Merge changes from').selectOption('feature/more');
    await author.getByLabel('into', { exact: true }).selectOption('main');
    await author.getByLabel('Title').fill('Add study 2, fix a slice of study 1');
    await author.getByLabel('Description').fill('Study 2 <b>arrived</b>; slice 1 of study 1 re-exported.');
    await shot(author, 'new');
    await author.getByRole('button', { name: 'Open proposal' }).click();
    await author.waitForURL(/\/ada\/ct\/proposals\/\d+$/);
    proposalPath = new URL(author.url()).pathname;

    await reviewer.getByRole('link', { name: 'Add study 2, fix a slice of study 1' }).waitFor();
    expect(await marked(reviewer)).toBe('kept');
    await shot(reviewer, 'list-live');
  }, 90_000);

  it('shows the proposal: its branches, its changes linked to the viewer, and a blocked merge', async () => {
    await author.getByRole('heading', { name: /Add study 2, fix a slice of study 1/ }).waitFor();
    // Plain text, escaped: the markup in the description is shown, not interpreted.
    await author.getByText('Study 2 <b>arrived</b>; slice 1 of study 1 re-exported.').waitFor();
    const added = author.getByRole('link', { name: `View series ${SERIES(2)} after` });
    expect(await added.getAttribute('href')).toBe(`/ada/ct/studies/${STUDY(2)}/series/${SERIES(2)}?ref=${featureHead}`);
    const compare = author.getByRole('link', { name: 'Compare side by side' });
    expect(await compare.getAttribute('href')).toBe(
      `/ada/ct/studies/${STUDY(1)}/series/${SERIES(1)}/compare?from=${mainBefore}&to=${featureHead}`,
    );
    expect(await author.locator('.diff').textContent()).toContain(
      '3 instances added, 0 instances removed, 1 instance changed',
    );
    const merge = author.getByRole('button', { name: 'Merge proposal' });
    expect(await merge.isDisabled()).toBe(true);
    expect(await author.getByRole('list', { name: 'Why it cannot merge' }).textContent()).toContain(
      '1 approval(s) required, 0 given',
    );
    await shot(author, 'detail-blocked');
  }, 60_000);

  it('follows a push to the source branch without a reload', async () => {
    await live(author);
    await mark(author);
    await stow('feature/more', 3, 1);
    featureHead = await headOf('feature/more');
    await author.getByRole('link', { name: featureHead.slice(0, 12) }).waitFor();
    expect(await author.locator('.diff').textContent()).toContain('4 instances added');
    expect(await marked(author)).toBe('kept');
  }, 60_000);

  it('takes the reviewer’s comment and approval, which reach the author live and unlock the merge', async () => {
    await live(author);
    await mark(author);
    await reviewer.getByRole('link', { name: 'Add study 2, fix a slice of study 1' }).click();
    await reviewer.waitForURL(`${url}${proposalPath}`);
    await live(reviewer);
    // A writer who is not the author may review; the author sees no review form.
    expect(await author.getByRole('button', { name: 'Submit review' }).count()).toBe(0);

    await reviewer.getByLabel('Comment', { exact: true }).fill('Slice 1 looks right now.');
    await reviewer.getByRole('button', { name: 'Comment', exact: true }).click();
    await author.getByText('Slice 1 looks right now.').waitFor();

    await reviewer.getByLabel('Approve').check();
    await reviewer.getByLabel('Review comment').fill('Approved: the new series is complete.');
    await reviewer.getByRole('button', { name: 'Submit review' }).click();
    await reviewer.getByText('approved these changes').waitFor();
    await author.getByText('approved these changes').waitFor();
    await author.getByRole('button', { name: 'Merge proposal' }).and(author.locator(':enabled')).waitFor();
    expect(await marked(author)).toBe('kept');
    expect(await author.locator('section[aria-labelledby="merge-title"]').textContent()).toContain(
      'Approvals: 1 of 1 required',
    );
    await shot(author, 'approved');
  }, 90_000);

  it('assigns and merges; the proposal shows merged and main’s history has the merge commit', async () => {
    // Writers label and assign proposals as they do issues.
    await author.getByLabel('Assign (login)').fill('grace');
    await author.getByRole('button', { name: 'Assign', exact: true }).click();
    await author.locator('header', { hasText: 'assigned to grace' }).waitFor();
    await author.getByLabel('Merge commit (both parents kept)').check();
    await author.getByRole('button', { name: 'Merge proposal' }).click();
    await author.getByText('Merged into main').waitFor();
    expect(await author.locator('header .state').textContent()).toBe('Merged');
    // The reviewer's page follows on its own.
    await reviewer.locator('header .state', { hasText: 'Merged' }).waitFor();
    await shot(author, 'merged');

    await author.getByRole('link', { name: 'History of main' }).click();
    await author.waitForURL(`${url}/ada/ct/commits/main`);
    const newest = author.locator('ol.commits > li').first();
    expect(await newest.textContent()).toContain('merge');
    await shot(author, 'history');
  }, 60_000);

  it('shows a commit with its parents and its changes against the first one', async () => {
    await author.locator('ol.commits > li').first().getByRole('link').first().click();
    await author.waitForURL(/\/ada\/ct\/commit\/[0-9a-f]{64}$/);
    const parents = author.locator('dl.facts div', { hasText: 'Parents' }).getByRole('link');
    expect(await parents.count()).toBe(2);
    expect(await parents.first().getAttribute('href')).toBe(`/ada/ct/commit/${mainBefore}`);
    expect(
      await author.getByRole('row', { name: new RegExp(SERIES(2).replaceAll('.', '\\.')) }).textContent(),
    ).toContain('added');
    await shot(author, 'commit');
  }, 60_000);

  it('compares two versions picked in the form', async () => {
    await author.goto(`${url}/ada/ct/compare`);
    await author.getByLabel('From (branch, tag or commit)').fill(mainBefore);
    await author.getByLabel('To', { exact: true }).fill('feature/more');
    await author.getByRole('button', { name: 'Compare' }).click();
    await author.waitForURL(`${url}/ada/ct/compare/${mainBefore}...feature/more`);
    const row = author.getByRole('row', { name: new RegExp(SERIES(2).replaceAll('.', '\\.')) });
    expect(await row.textContent()).toContain('added');
    expect(await row.textContent()).toContain('+3');
    expect(await author.locator('.diff').textContent()).toContain(
      '4 instances added, 0 instances removed, 1 instance changed',
    );
    await shot(author, 'compare');
  }, 60_000);

  it('opens an issue, labels it and closes it', async () => {
    await author.goto(`${url}/ada/ct/issues`);
    await author.getByRole('link', { name: 'New issue' }).click();
    await author.getByLabel('Title').fill('Study 2 lacks a description');
    await author.getByLabel('Description').fill('StudyDescription is empty.');
    await author.getByRole('button', { name: 'Open issue' }).click();
    await author.waitForURL(/\/ada\/ct\/issues\/\d+$/);
    await author.getByRole('heading', { name: /Study 2 lacks a description/ }).waitFor();
    await author.getByRole('checkbox', { name: 'quality' }).check();
    await author.locator('header').getByRole('link', { name: 'quality' }).waitFor();
    // A label made here is the dataset's and goes on the issue at once.
    await author.getByLabel('New label').fill('needs source');
    await author.getByLabel('Description', { exact: true }).fill('Check against the scanner export');
    await author.getByRole('button', { name: 'Create and add' }).click();
    await author.locator('header').getByRole('link', { name: 'needs source' }).waitFor();
    // Its author edits a comment in place, then deletes it: a tombstone stays.
    await author.getByLabel('Comment', { exact: true }).fill('Checked against the source files.');
    await author.getByRole('button', { name: 'Comment', exact: true }).click();
    await author.getByText('Checked against the source files.').waitFor();
    await author.getByRole('button', { name: 'Edit comment' }).click();
    await author.getByLabel('Edited comment').fill('Checked against the source files: all three differ.');
    await author.getByRole('button', { name: 'Save' }).click();
    await author.getByText('Checked against the source files: all three differ.').waitFor();
    await author.getByText('commented (edited)').waitFor();
    await author.getByRole('button', { name: 'Delete comment' }).click();
    await author.getByRole('button', { name: 'Yes, delete it' }).click();
    await author.getByText('commented (deleted)').waitFor();
    expect(await author.getByText('all three differ').count()).toBe(0);
    expect(await author.getByRole('button', { name: 'Edit comment' }).count()).toBe(0);
    await author.getByRole('button', { name: 'Close issue' }).click();
    await author.getByRole('button', { name: 'Reopen issue' }).waitFor();
    expect(await author.locator('header .state').textContent()).toBe('Closed');
    await shot(author, 'issue-closed');
    await author.goto(`${url}/ada/ct/issues?state=closed&label=quality`);
    await author.getByRole('link', { name: 'Study 2 lacks a description' }).waitFor();
    await author.goto(`${url}/ada/ct/issues`);
    await author.getByText('No issues match.').waitFor();
  }, 60_000);

  it('says what is wrong at a dead link', async () => {
    const proposal = await author.goto(`${url}/ada/ct/proposals/999`);
    expect(proposal?.status()).toBe(404);
    expect(await author.locator('section.notice').textContent()).toContain(
      'ada/ct has no change proposal numbered “999”',
    );
    await expectAccessible(author, 'a dead link');
    await shot(author, 'dead-link');
    const issue = await author.goto(`${url}/ada/ct/issues/999`);
    expect(issue?.status()).toBe(404);
    expect(await author.locator('section.notice').textContent()).toContain('ada/ct has no issue numbered “999”');
    // Not a number at all: the same 404.
    expect((await author.goto(`${url}/ada/ct/issues/first`))?.status()).toBe(404);
    expect(await author.locator('section.notice').textContent()).toContain('ada/ct has no issue numbered “first”');
    await author.goto(`${url}/ada/ct/commit/0123456789abcdef`);
    expect(await author.locator('section.notice').textContent()).toContain('has no commit');
    await author.goto(`${url}/ada/ct/compare/main...nowhere`);
    expect(await author.locator('section.notice').textContent()).toContain('cannot be compared');
  }, 60_000);

  it('says so while the live connection is down, refuses a review of a head that moved meanwhile, and recovers', async () => {
    await graphql('mutation { createBranch(dataset: "ada/ct", name: "feature/other") { name } }');
    await stow('feature/other', 4, 1);
    const opened = await graphql<{ openProposal: { number: number } }>(
      'mutation { openProposal(dataset: "ada/ct", source: "feature/other", target: "main", title: "Study 4") { number } }',
    );
    const page = await reviewerContext.newPage();
    let blocked = false;
    const sockets: WebSocketRoute[] = [];
    // The page's websocket to /graphql goes through the test: passed on to the server, or (while
    // blocked) held open with no answer, as a dead network would.
    await page.routeWebSocket(/\/graphql$/, (socket) => {
      sockets.push(socket);
      if (!blocked) socket.connectToServer();
    });
    openPath = `/ada/ct/proposals/${opened.openProposal.number}`;
    await page.goto(`${url}${openPath}`);
    await live(page);
    const banner = page.getByRole('status').filter({ hasText: 'Live updates paused — reconnecting' });
    expect(await banner.count()).toBe(0);
    blocked = true;
    for (const socket of sockets.splice(0)) await socket.close({ code: 1001, reason: 'network lost' });
    await banner.waitFor();
    await shot(page, 'connection-lost');

    // Unseen by this page, the source moves: a review of the head it shows is refused, in words.
    await stow('feature/other', 4, 2, 7);
    await page.getByLabel('Approve').check();
    await page.getByRole('button', { name: 'Submit review' }).click();
    await page.getByRole('alert').filter({ hasText: 'The source branch moved while you were looking' }).waitFor();
    await shot(page, 'head-moved');

    blocked = false;
    for (const socket of sockets.splice(0)) await socket.close({ code: 1001, reason: 'network back' });
    await live(page);
    expect(await banner.count()).toBe(0);
    // Back online it re-renders (events may have been missed): the new head, which it may approve.
    const head = await headOf('feature/other');
    await page.getByRole('link', { name: head.slice(0, 12) }).waitFor();
    await page.getByLabel('Approve').check();
    await page.getByRole('button', { name: 'Submit review' }).click();
    await page.getByText(`approved these changes at ${head.slice(0, 12)}`).waitFor();
    await page.close();
  }, 90_000);

  it('shows a reader the proposal without the writers’ controls', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await signIn(page, url, 'ron');
    await page.goto(`${url}${openPath}`);
    await page.getByRole('heading', { name: /Study 4/ }).waitFor();
    expect(await page.getByText('Only writers of ada/ct can merge.').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Merge proposal' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Close proposal' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Labels and assignees' }).count()).toBe(0);
    // Admin tabs are for admins.
    const tabs = page.getByRole('navigation', { name: 'ada/ct' });
    expect(await tabs.getByRole('link', { name: 'Settings' }).count()).toBe(0);
    expect(await tabs.getByRole('link', { name: 'Proposals' }).getAttribute('aria-current')).toBe('page');
    await expectAccessible(page, 'a proposal as a reader sees it');
    await shot(page, 'reader');
    await context.close();
  }, 60_000);

  it('lets a dataset admin dismiss a review, which then no longer counts', async () => {
    await author.goto(`${url}${openPath}`);
    const mergeBox = author.locator('section[aria-labelledby="merge-title"]');
    expect(await mergeBox.textContent()).toContain('Approvals: 1 of 1 required');
    await author.getByRole('button', { name: 'Dismiss grace’s review' }).click();
    await author.getByText(/approved these changes at [0-9a-f]{12} \(dismissed\)/).waitFor();
    expect(await mergeBox.textContent()).toContain('Approvals: 0 of 1 required');
    expect(await author.getByRole('button', { name: /^Dismiss / }).count()).toBe(0);
    // Writers who are not admins see no such control.
    await reviewerContext.newPage().then(async (page) => {
      await page.goto(`${url}${openPath}`);
      await page.getByRole('heading', { name: /Study 4/ }).waitFor();
      expect(await page.getByRole('button', { name: /^Dismiss / }).count()).toBe(0);
      await page.close();
    });
    await shot(author, 'review-dismissed');
  }, 60_000);

  it('comments on the image the viewer shows, and the comment links back to that image', async () => {
    const head = await headOf('feature/other');
    const number = Number(openPath.split('/').pop());
    await author.goto(`${url}/ada/ct/studies/${STUDY(4)}/series/${SERIES(4)}?ref=feature%2Fother`);
    await author.locator('section[aria-label="Image viewer"][data-phase="ready"]').waitFor({ timeout: 60_000 });
    const details = author.locator('details', { hasText: 'Comment on this image' });
    await details.getByText('Comment on this image').click();
    const form = author.getByRole('form', { name: 'Comment on this image' });
    await form.getByLabel('In', { exact: true }).selectOption(`proposal:${number}`);
    await form.getByLabel('Comment on the image').fill('A stripe across this slice.');
    await form.getByRole('button', { name: 'Comment' }).click();
    await details
      .getByRole('status')
      .getByRole('link', { name: `proposal #${number}` })
      .click();
    await author.waitForURL(new RegExp(`${openPath}#comment-[0-9a-f-]+$`));
    const entry = author.locator('ol.timeline > li', { hasText: 'A stripe across this slice.' });
    // The address names this entry, which links to the image at the commit it was made on.
    expect(`#${(await entry.getAttribute('id')) ?? ''}`).toBe(new URL(author.url()).hash);
    const back = entry.getByRole('link', { name: `instance ${SERIES(4)}.1, frame 1` });
    const href = (await back.getAttribute('href')) ?? '';
    expect(href).toContain(`ref=${head}`);
    expect(href).toContain(`instance=${encodeURIComponent(`${SERIES(4)}.1`)}`);
    await back.click();
    await author.locator('section[aria-label="Image viewer"][data-phase="ready"]').waitFor({ timeout: 60_000 });
    expect(await author.getByText('Instance 1', { exact: false }).count()).toBeGreaterThan(0);
    await shot(author, 'image-comment');
  }, 120_000);

  it('stops live updates and says so when the session ends in another tab', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await signIn(page, url, 'ron');
    let sockets = 0;
    page.on('websocket', () => sockets++);
    await page.goto(`${url}${openPath}`);
    await live(page);
    // Signed out elsewhere: the server re-checks its live sessions and closes this one with 4403.
    const other = await context.newPage();
    await other.goto(`${url}/`);
    await other.getByRole('button', { name: 'Sign out' }).click();
    await other.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Sign in' }).waitFor();
    const ended = page.getByRole('status').filter({ hasText: 'your session has ended' });
    await ended.waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-live]').getAttribute('data-live')).toBe('refused');
    // No retry: other closes reconnect after 0.5 s, 1 s, 2 s; a refusal opens no new socket.
    const opened = sockets;
    await page.waitForTimeout(2500);
    expect(sockets).toBe(opened);
    expect(await page.locator('[data-live]').getAttribute('data-live')).toBe('refused');
    await shot(page, 'session-ended');
    await context.close();
  }, 60_000);

  it('links a branch proposed from a fork to the fork, as fork:branch', async () => {
    await graphql('mutation { forkDataset(dataset: "ada/ct", name: "ada/ct-fork") { fullName } }');
    await graphql('mutation { createBranch(dataset: "ada/ct-fork", name: "from-fork") { name } }');
    await stow('from-fork', 7, 1, 0, 'ada/ct-fork');
    const opened = await graphql<{ openProposal: { number: number } }>(
      'mutation { openProposal(dataset: "ada/ct", sourceDataset: "ada/ct-fork", source: "from-fork", target: "main", title: "From the fork") { number } }',
    );
    await author.goto(`${url}/ada/ct/proposals/${opened.openProposal.number}`);
    const source = author.getByRole('link', { name: 'ada/ct-fork:from-fork' });
    await source.waitFor();
    expect(await source.getAttribute('href')).toBe('/ada/ct-fork/tree/from-fork');
  }, 60_000);
});
