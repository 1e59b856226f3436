// Accessibility and laptop widths end to end (issue #6, "Quality"): the real `strata serve` (built
// dist and Next app), a site admin with a dataset that has two branches, a proposal, an issue with
// a comment, a label and a release, and Debian's Chromium through playwright-core. Every main page
// is loaded at 1366×768 and 1024×768 and must pass axe-core's WCAG 2.1 A/AA rules (and its best
// practices), not scroll sideways, and show the site header and its own primary controls inside
// the window; the viewer's canvas must fit in the window. Then the main flows by keyboard: Tab
// reaches each control, is trapped nowhere (the viewer's images included), and shows where the
// focus is. Screenshots: tests/e2e/output/a11y-*.png.
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { createTestTarget, type TestDatabaseTarget } from '@strata/models/testing';
import { runStrata, startStrata, untilServing, type StrataProcess } from '../support/strata-process.js';
import { graphqlAs, stowInto } from '../support/server-requests.js';
import { syntheticSlice } from '../support/synthetic-dicom.js';
import {
  addUserWithPassword,
  controlBoundaryProblems,
  endSuite,
  expectAccessible,
  launchChromium,
  signIn,
} from '../support/web-browser.js';

const OUTPUT = join(import.meta.dirname, 'output');
const STUDY = (n: number) => `1.2.826.0.1.3680043.10.88.${n}`;
const SERIES = (n: number) => `${STUDY(n)}.1`;
/** The laptop screens issue #6 names, smallest last. */
const WIDTHS = [1366, 1024];
const HEIGHT = 768;

let dataDir: string;
let database: TestDatabaseTarget;
let server: StrataProcess;
let url: string;
let token: string;
let browser: Browser;
let featureHead: string;
let proposal: number;
let issue: number;

const env = () => ({
  DATA_DIR: dataDir,
  AUTHOR: 'Ada Lovelace <ada@example.org>',
  ...(database.target.kind === 'postgresql' && { DATABASE_URL: database.target.url }),
});

/** One STOW-RS request (one commit) of `count` slices of study `study`, pixels varied by `seed`. */
async function stow(ref: string, study: number, count: number, seed = 0): Promise<void> {
  const slices = Array.from({ length: count }, (_, i) =>
    syntheticSlice({
      studyUid: STUDY(study),
      seriesUid: SERIES(study),
      sopUid: `${SERIES(study)}.${i + 1}`,
      patientName: `A11Y^PATIENT${study}`,
      patientId: `Y${study}`,
      studyDate: `2026030${study}`,
      instanceNumber: i + 1,
      size: 64,
      seed: study * 10 + i + seed,
    }),
  );
  await stowInto({ url, token }, 'ada/ct', ref, slices);
}

const graphql = <T>(query: string): Promise<T> => graphqlAs<T>({ url, token }, query);

/** The comparison's images loaded on both sides. */
const comparisonShown = (page: Page) =>
  page.locator('section[aria-label="Comparison"][data-phase="ready"]').waitFor({ timeout: 60_000 });

/** The viewer's first image on screen (the mark stack-viewer.tsx sets). */
async function imageShown(page: Page): Promise<void> {
  await page.locator('section[data-phase="ready"]').first().waitFor({ timeout: 60_000 });
  await page.waitForFunction("performance.getEntriesByName('viewer:first-image').length > 0", undefined, {
    timeout: 60_000,
  });
}

interface PageCase {
  name: string;
  path: () => string;
  /** The controls the page is for: they must be visible, inside the window and enabled. */
  primary: (page: Page) => Locator[];
  ready?: (page: Page) => Promise<void>;
}

const dataset = '/ada/ct';
const PAGES: PageCase[] = [
  {
    name: 'home',
    path: () => '/',
    primary: (page) => [page.getByRole('link', { name: 'ada/ct' }), page.getByRole('button', { name: 'Create' })],
  },
  { name: 'owner', path: () => '/ada', primary: (page) => [page.getByRole('link', { name: 'ada/ct' })] },
  {
    name: 'organization',
    path: () => '/a11y-lab',
    primary: (page) => [
      page.getByRole('button', { name: 'Remove ada from readers' }),
      page.getByRole('button', { name: 'Delete team readers' }),
      page.getByRole('button', { name: 'Add member' }),
    ],
  },
  {
    name: 'dataset',
    path: () => dataset,
    primary: (page) => [
      page.getByLabel('Branch or tag'),
      page.getByRole('button', { name: 'Switch' }),
      page.getByRole('button', { name: 'Filter' }),
      page.getByRole('link', { name: 'A11Y^PATIENT1' }),
    ],
  },
  {
    name: 'dataset-branch',
    path: () => `${dataset}/tree/feature/more`,
    primary: (page) => [page.getByRole('link', { name: 'A11Y^PATIENT2' })],
  },
  {
    name: 'study',
    path: () => `${dataset}/studies/${STUDY(1)}?ref=main`,
    primary: (page) => [page.getByRole('img', { name: /^Series/ }).first()],
  },
  {
    name: 'viewer',
    path: () => `${dataset}/studies/${STUDY(1)}/series/${SERIES(1)}?ref=main`,
    ready: imageShown,
    primary: (page) => [
      page.getByRole('button', { name: 'Reset' }),
      page.getByLabel('Slice', { exact: true }),
      page.getByRole('button', { name: 'Compare side by side' }),
    ],
  },
  {
    name: 'viewer-compare',
    path: () => `${dataset}/studies/${STUDY(1)}/series/${SERIES(1)}/compare?from=main&to=feature%2Fmore`,
    ready: comparisonShown,
    primary: (page) => [page.getByRole('button', { name: 'Lung' })],
  },
  {
    name: 'commits',
    path: () => `${dataset}/commits/main`,
    primary: (page) => [page.getByRole('link', { name: /^Browse the dataset at/ }).first()],
  },
  { name: 'commit', path: () => `${dataset}/commit/${featureHead}`, primary: (page) => [page.locator('main h1')] },
  {
    name: 'compare-form',
    path: () => `${dataset}/compare`,
    primary: (page) => [page.getByRole('button', { name: 'Compare' })],
  },
  {
    name: 'compare',
    path: () => `${dataset}/compare/main...feature/more`,
    primary: (page) => [page.locator('main h1')],
  },
  {
    name: 'proposals',
    path: () => `${dataset}/proposals`,
    primary: (page) => [page.getByRole('link', { name: 'Accessible proposal' })],
  },
  {
    name: 'proposal',
    path: () => `${dataset}/proposals/${proposal}`,
    primary: (page) => [
      page.getByRole('button', { name: 'Merge proposal' }),
      page.getByRole('button', { name: 'Comment', exact: true }),
    ],
  },
  {
    name: 'proposal-new',
    path: () => `${dataset}/proposals/new`,
    primary: (page) => [page.getByRole('button', { name: /^Open/ })],
  },
  {
    name: 'issues',
    path: () => `${dataset}/issues`,
    primary: (page) => [
      page.getByRole('link', { name: 'Accessible issue' }),
      page.getByRole('button', { name: 'Filter' }),
    ],
  },
  {
    name: 'issue',
    path: () => `${dataset}/issues/${issue}`,
    primary: (page) => [page.getByRole('button', { name: 'Comment', exact: true })],
  },
  {
    name: 'issue-new',
    path: () => `${dataset}/issues/new`,
    primary: (page) => [page.getByRole('button', { name: /^Open/ })],
  },
  {
    name: 'releases',
    path: () => `${dataset}/releases`,
    primary: (page) => [page.getByRole('link', { name: 'v1', exact: true })],
  },
  {
    name: 'release',
    path: () => `${dataset}/releases/v1`,
    primary: (page) => [page.getByRole('button', { name: 'Copy the citation', exact: true })],
  },
  {
    name: 'release-new',
    path: () => `${dataset}/releases/new`,
    primary: (page) => [page.getByRole('button', { name: 'Publish release' })],
  },
  {
    name: 'audit',
    path: () => `${dataset}/audit`,
    primary: (page) => [page.getByRole('button', { name: 'Filter' })],
  },
  {
    name: 'readme-edit',
    path: () => `${dataset}/readme/main`,
    primary: (page) => [page.getByRole('textbox', { name: 'README.md' }), page.getByRole('button', { name: 'Commit' })],
  },
  {
    name: 'settings',
    path: () => `${dataset}/settings`,
    primary: (page) => [page.getByRole('button', { name: 'Grant' }), page.getByRole('button', { name: 'Add rule' })],
  },
  {
    name: 'tokens',
    path: () => '/settings/tokens',
    primary: (page) => [page.getByRole('button', { name: 'Create token' })],
  },
  {
    name: 'site-audit',
    path: () => '/admin/audit',
    primary: (page) => [page.getByRole('button', { name: 'Filter' })],
  },
  { name: 'not-found', path: () => '/ada/nothing', primary: (page) => [page.getByRole('link', { name: 'Strata' })] },
];

/** What is wrong with the page's layout at this window size; empty when nothing is. */
async function layoutProblems(page: Page, primary: Locator[]): Promise<string[]> {
  const problems: string[] = [];
  const { scrollWidth, innerWidth } = await page.evaluate<{ scrollWidth: number; innerWidth: number }>(
    '({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })',
  );
  if (scrollWidth > innerWidth) problems.push(`scrolls sideways: ${scrollWidth} px wide in ${innerWidth}`);
  const header = page.locator('header.site');
  for (const control of [header.getByRole('link', { name: 'Strata' }), header.getByRole('navigation'), ...primary]) {
    const box = (await control.isVisible()) ? await control.boundingBox() : null;
    if (box === null) problems.push(`${control.toString()} is not visible`);
    else if (box.x < 0 || box.x + box.width > innerWidth) {
      problems.push(`${control.toString()} is outside the window: x ${box.x}, width ${box.width}`);
    } else if (!(await control.isEnabled())) problems.push(`${control.toString()} is disabled`);
  }
  return problems;
}

/** Every canvas of the page's image viewports wholly inside the window, as loaded (no scrolling). */
async function canvasProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  for (const canvas of await page.locator('[aria-roledescription="image viewport"] canvas').all()) {
    const box = await canvas.boundingBox();
    if (box === null || box.width === 0 || box.height === 0) {
      problems.push('a viewer canvas is not drawn');
      continue;
    }
    const fits =
      box.x >= 0 && box.y >= 0 && box.x + box.width <= page.viewportSize()!.width && box.y + box.height <= HEIGHT;
    if (!fits) problems.push(`a viewer canvas does not fit: ${JSON.stringify(box)}`);
  }
  return problems;
}

interface Focused {
  name: string;
  /** An outline of 2 px or more is drawn around it. */
  shown: boolean;
  inWindow: boolean;
  /** Still the element the previous Tab left focused (a date field's day, month and year parts). */
  same: boolean;
  /** Focus stayed on it for more Tabs than any field has parts: Tab is trapped there. */
  stuck?: boolean;
}

/** The focused element: a name for it (as a person would call it), and whether its focus is seen. */
const FOCUSED = `(() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const box = element.getBoundingClientRect();
  const same = element === window.strataLastFocus;
  window.strataLastFocus = element;
  const label = element.labels?.[0]?.textContent ?? element.getAttribute('aria-label') ?? element.textContent;
  return {
    name: label.trim().replace(/\\s+/g, ' '),
    shown: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    inWindow: box.left >= 0 && box.right <= innerWidth && box.bottom > 0 && box.top < innerHeight,
    same,
  };
})()`;

/** Tabs through the whole page from its top, and returns every element it stops at, in order. */
async function tabStops(page: Page): Promise<Focused[]> {
  const stops: Focused[] = [];
  let repeats = 0;
  await page.locator('body').focus();
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate('document.activeElement === document.body')) break;
    const focused = await page.evaluate<Focused>(FOCUSED);
    // Back at the skip link: Tab went round.
    if (stops.length > 0 && focused.name === stops[0]!.name) break;
    repeats = focused.same ? repeats + 1 : 0;
    if (repeats === 0) stops.push(focused);
    else if (repeats > 3) {
      stops.push({ ...focused, stuck: true });
      break;
    }
  }
  return stops;
}

beforeAll(async () => {
  await mkdir(OUTPUT, { recursive: true });
  dataDir = await mkdtemp(join(tmpdir(), 'strata-e2e-a11y-'));
  database = await createTestTarget();
  await addUserWithPassword('ada', env(), { admin: true });
  expect((await runStrata(['dataset', 'create', 'ada/ct', '--visibility', 'private'], env())).code).toBe(0);
  const added = await runStrata(['token', 'add', 'ada', 'setup', '--scope', 'admin'], env());
  token = /strata_[A-Za-z0-9_-]{40}/.exec(added.output)?.[0] ?? '';
  server = startStrata(['serve'], { ...env(), PORT: '0' });
  url = await untilServing(server);
  await stow('main', 1, 3);
  await graphql('mutation { createBranch(dataset: "ada/ct", name: "feature/more") { name } }');
  await stow('feature/more', 2, 2);
  // New bytes under an existing instance: study 1's series differs between the branches.
  await stow('feature/more', 1, 1, 5);
  featureHead = (
    await graphql<{ dataset: { ref: { commitId: string } } }>(
      '{ dataset(owner: "ada", name: "ct") { ref(name: "feature/more") { commitId } } }',
    )
  ).dataset.ref.commitId;
  await graphql('mutation { createLabel(dataset: "ada/ct", name: "quality", color: "d73a4a") { name } }');
  proposal = (
    await graphql<{ openProposal: { number: number } }>(
      'mutation { openProposal(dataset: "ada/ct", source: "feature/more", target: "main", title: "Accessible proposal", body: "Adds study 2.") { number } }',
    )
  ).openProposal.number;
  await graphql(`mutation { addComment(dataset: "ada/ct", number: ${proposal}, body: "Looks right.") { id } }`);
  issue = (
    await graphql<{ openIssue: { number: number } }>(
      'mutation { openIssue(dataset: "ada/ct", title: "Accessible issue", body: "Slice 2 is dark.") { number } }',
    )
  ).openIssue.number;
  await graphql(`mutation { addComment(dataset: "ada/ct", number: ${issue}, body: "Confirmed.") { id } }`);
  await graphql(`mutation { setLabel(dataset: "ada/ct", number: ${issue}, label: "quality", on: true) }`);
  await graphql(
    'mutation { createRelease(dataset: "ada/ct", tag: "v1", at: "main", title: "First cohort", notes: "Three slices.", citation: { authors: [{ name: "Ada Lovelace" }], version: "1.0", license: "CC-BY-4.0" }) { tag } }',
  );
  // An organization with a team: its page carries the owner's member and team forms.
  await graphql('mutation { createOrganization(login: "a11y-lab") { login } }');
  await graphql('mutation { createTeam(organization: "a11y-lab", name: "readers") { name } }');
  await graphql('mutation { addTeamMember(team: "a11y-lab/readers", login: "ada") { name } }');
  browser = await launchChromium();
}, 180_000);

afterAll(() => endSuite({ browser, server, database, dataDir, logPath: join(OUTPUT, 'a11y-server.log') }));

describe('accessibility at laptop widths', () => {
  it('signs in by keyboard, with the refusal announced, and the page passes axe', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: HEIGHT } });
    await page.goto(`${url}/sign-in`);
    await expectAccessible(page, 'sign-in');
    // The check is live: a nameless button and faint text are caught, each by its rule.
    await page.evaluate(
      `document.querySelector('main').insertAdjacentHTML('beforeend', '<div id="faulty"><button></button><p style="color: #bbb">faint</p></div>')`,
    );
    await expect(expectAccessible(page, 'sign-in, made faulty')).rejects.toThrow(
      /button-name \(critical\)[^\n]*#faulty > button[\s\S]*color-contrast \(serious\)/,
    );
    await page.evaluate(`document.getElementById('faulty').remove()`);
    // The same for a field's edge (WCAG 1.4.11, which axe leaves alone): a pale border is caught.
    expect(await controlBoundaryProblems(page, 'sign-in')).toEqual([]);
    await page.evaluate(
      `document.querySelector('main').insertAdjacentHTML('beforeend', '<input id="pale" name="pale" style="border: 1px solid #ddd; background: white">')`,
    );
    expect(await controlBoundaryProblems(page, 'sign-in')).toEqual([
      'sign-in: input[name=pale]: its edge is 1.36:1 against its background, under 3:1',
    ]);
    await page.evaluate(`document.getElementById('pale').remove()`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Skip to content');
    // Tab to the login field, as a keyboard user would, then the rest of the form.
    for (let i = 0; i < 10 && (await page.evaluate('document.activeElement.id')) !== 'login'; i++) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.type('ada');
    await page.keyboard.press('Tab');
    await page.keyboard.type('wrong password');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').getByText('The credentials are not valid', { exact: false }).waitFor();
    await expectAccessible(page, 'sign-in refused');
    expect(await layoutProblems(page, [page.getByRole('button', { name: 'Sign in' })])).toEqual([]);
    await page.screenshot({ path: join(OUTPUT, 'a11y-sign-in-1024.png'), fullPage: true });
    await page.close();
  }, 60_000);

  for (const width of WIDTHS) {
    it(`every main page at ${width}×${HEIGHT}: axe WCAG 2.1 A/AA, no sideways scroll, header and controls in the window`, async () => {
      const page = await browser.newPage({ viewport: { width, height: HEIGHT } });
      await signIn(page, url, 'ada');
      // Every page is checked before the test fails, so one run reports them all.
      const problems: string[] = [];
      for (const { name, path, primary, ready } of PAGES) {
        await page.goto(`${url}${path()}`);
        await (ready ?? ((loaded: Page) => loaded.locator('main h1').first().waitFor()))(page);
        await expectAccessible(page, `${name} at ${width}`).catch((error: Error) => problems.push(error.message));
        problems.push(
          ...(await layoutProblems(page, primary(page))).map((problem) => `${name} at ${width}: ${problem}`),
        );
        problems.push(...(await canvasProblems(page)).map((problem) => `${name} at ${width}: ${problem}`));
        problems.push(...(await controlBoundaryProblems(page, `${name} at ${width}`)));
        await page.screenshot({ path: join(OUTPUT, `a11y-${name}-${width}.png`) });
      }
      expect(problems).toEqual([]);
      await page.close();
    }, 240_000);
  }

  it('reaches every control of the main flows by Tab, each with its focus drawn', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: HEIGHT } });
    await signIn(page, url, 'ada');
    /** Each flow's page, and controls its Tab order must include (besides the site header's). */
    const flows: [string, (string | RegExp)[], ((page: Page) => Promise<void>)?][] = [
      [dataset, ['Proposals', 'Branch or tag', 'Switch', 'From', 'Modality', 'Filter', 'A11Y^PATIENT1']],
      [
        `${dataset}/studies/${STUDY(1)}/series/${SERIES(1)}?ref=main`,
        // The image itself is a slider that takes the keys: Tab must stop on it too.
        ['Window/level', 'Lung', 'Reset', /Arrow keys and Page Up\/Down scroll/, 'Slice', 'Compare side by side'],
        imageShown,
      ],
      [
        `${dataset}/studies/${STUDY(1)}/series/${SERIES(1)}/compare?from=main&to=feature%2Fmore`,
        ['Lung', / at main$/, / at feature\/more$/],
        comparisonShown,
      ],
      [`${dataset}/proposals/${proposal}`, ['Compare', 'Merge proposal', 'Comment']],
      [`${dataset}/issues/${issue}`, ['Comment', 'Close issue']],
      [`${dataset}/settings`, ['User or team', 'Grant', 'Add rule']],
    ];
    const problems: string[] = [];
    for (const [path, expected, ready] of flows) {
      await page.goto(`${url}${path}`);
      await (ready ?? ((loaded: Page) => loaded.locator('main h1').first().waitFor()))(page);
      const stops = await tabStops(page);
      const names = stops.map((stop) => stop.name);
      for (const name of ['Skip to content', 'Strata', 'Sign out', ...expected]) {
        const reached = names.some((stop) => (typeof name === 'string' ? stop === name : name.test(stop)));
        if (!reached) problems.push(`${path}: Tab never reaches “${name}” (${names.join(', ')})`);
      }
      for (const stop of stops) {
        if (stop.stuck === true) problems.push(`${path}: Tab is trapped at “${stop.name}”`);
        if (!stop.shown) problems.push(`${path}: focus on “${stop.name}” is not drawn`);
        if (!stop.inWindow) problems.push(`${path}: “${stop.name}” is focused outside the window`);
      }
    }
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});
