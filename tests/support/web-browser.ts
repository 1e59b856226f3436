// What the web app's browser suites (tests/e2e) share: Debian's Chromium through playwright-core (never a
// downloaded browser), users with passwords made by the real CLI, signing in through the form, and
// axe-core's WCAG 2.1 A/AA check of a page as it is.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AxeResults, RunOptions } from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { STRATA_MAIN, type StrataProcess } from './strata-process.js';

export const CHROMIUM = '/usr/bin/chromium';
export const PASSWORD = 'correct horse battery staple';

/** Headless Chromium with nothing that phones home. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: apt-get install chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** `strata user add` (`--admin` for a site admin) with PASSWORD on stdin, as an operator would type it. */
export async function addUserWithPassword(
  login: string,
  env: Record<string, string>,
  options: { admin?: boolean } = {},
): Promise<void> {
  const child = spawn(
    process.execPath,
    [
      STRATA_MAIN,
      'user',
      'add',
      login,
      '--email',
      `${login}@example.org`,
      '--password-stdin',
      ...(options.admin === true ? ['--admin'] : []),
    ],
    { env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stdin.end(`${PASSWORD}\n`);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`user add ${login} failed (${code}): ${output}`);
}

/** Signs in through the sign-in page, as a person would. */
export async function signIn(page: Page, url: string, login: string): Promise<void> {
  await page.goto(`${url}/sign-in`);
  await page.getByLabel('Login').fill(login);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Signed in as').waitFor();
}

/**
 * What issue #6 asks of every page: WCAG 2.0 and 2.1, levels A and AA; and axe's best practices,
 * which hold the landmark and heading-order rules the WCAG tags leave out.
 */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
let axeSource: string | undefined;

/**
 * Runs axe-core's WCAG 2.1 A/AA rules and best practices on the page as it is now, and fails listing each violation:
 * its rule, impact, help and the first few elements. `exclude` takes elements the app does not
 * control out of the check (each caller says why); no rule is ever turned off.
 */
export async function expectAccessible(page: Page, label: string, exclude: string[] = []): Promise<void> {
  axeSource ??= await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // Injected once per document: a client-side navigation keeps it.
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.addScriptTag({ content: axeSource });
  const options: RunOptions = { runOnly: { type: 'tag', values: AXE_TAGS }, resultTypes: ['violations'] };
  const results = await page.evaluate(
    ([excluded, runOptions]) =>
      (globalThis as unknown as { axe: { run(context: unknown, options: RunOptions): Promise<AxeResults> } }).axe
        .run({ exclude: excluded.map((selector) => [selector]) }, runOptions)
        // Only what the report needs crosses back: the nodes' HTML can be large.
        .then((run) =>
          run.violations.map(({ id, impact, help, nodes }) => ({
            id,
            impact,
            help,
            nodes: nodes.map((node) => node.target.join(' ')),
          })),
        ),
    [exclude, options] as const,
  );
  const report = results.map(
    ({ id, impact, help, nodes }) =>
      `${label}: ${id} (${impact ?? 'unknown'}) ${help} [${nodes.length}]: ${nodes.slice(0, 4).join(' | ')}`,
  );
  if (report.length > 0) throw new Error(`axe found ${report.length} violation(s):\n${report.join('\n')}`);
}

/**
 * WCAG 2.1 1.4.11 (non-text contrast) for the page's form fields, which axe does not judge: each
 * visible text field, select and textarea must show where it is by a border or a fill of at least
 * 3:1 against what is behind it (buttons and links are told by their text; checkboxes, radios and
 * the viewer's canvases are drawn by the browser or the viewer). A colour the check cannot read is
 * reported, not passed. The problems found, as `label: what`; empty when none.
 */
export async function controlBoundaryProblems(page: Page, label: string): Promise<string[]> {
  const problems = await page.evaluate<string[]>(CONTROL_BOUNDARIES);
  return problems.map((problem) => `${label}: ${problem}`);
}

/** The in-page part of controlBoundaryProblems (plain JavaScript: the tests' types have no DOM). */
const CONTROL_BOUNDARIES = `(() => {
  const parse = (color) => {
    const match = /^rgba?\\(([\\d.]+),\\s*([\\d.]+),\\s*([\\d.]+)(?:,\\s*([\\d.]+))?\\)$/.exec(color);
    return match === null ? undefined : [Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4] ?? 1)];
  };
  const luminance = ([r, g, b]) => {
    const linear = (c) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  };
  const ratio = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  // The opaque colour behind an element: the first ancestor's background that is not transparent.
  const behind = (element) => {
    for (let node = element.parentElement; node !== null; node = node.parentElement) {
      const background = getComputedStyle(node).backgroundColor;
      const color = parse(background);
      if (color === undefined) return 'unreadable background ' + background;
      if (color[3] >= 0.99) return color;
      if (color[3] > 0) return 'translucent background ' + background;
    }
    return [255, 255, 255, 1];
  };
  const found = [];
  const fields = document.querySelectorAll(
    'input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=range]):not([type=color]):not([type=file]), select, textarea',
  );
  for (const field of fields) {
    const box = field.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const style = getComputedStyle(field);
    const back = behind(field);
    const name = field.tagName.toLowerCase() + '[name=' + (field.getAttribute('name') ?? '') + ']';
    if (typeof back === 'string') {
      found.push(name + ': ' + back);
      continue;
    }
    const candidates = [];
    for (const side of ['top', 'right', 'bottom', 'left']) {
      const width = parseFloat(style.getPropertyValue('border-' + side + '-width'));
      if (width >= 1 && style.getPropertyValue('border-' + side + '-style') !== 'none') {
        candidates.push({ what: 'border-' + side, color: style.getPropertyValue('border-' + side + '-color') });
      }
    }
    candidates.push({ what: 'background', color: style.backgroundColor });
    let best = 0;
    for (const candidate of candidates) {
      const color = parse(candidate.color);
      if (color === undefined) {
        found.push(name + ': unreadable ' + candidate.what + ' ' + candidate.color);
        continue;
      }
      if (color[3] < 0.99) continue;
      best = Math.max(best, ratio(color, back));
    }
    if (best < 3) found.push(name + ': its edge is ' + best.toFixed(2) + ':1 against its background, under 3:1');
  }
  return found;
})()`;

/**
 * A browser suite's teardown: the browser closed, the server stopped and its log kept beside the
 * screenshots (`logPath`), the test database dropped and the data folder removed. Any part may be
 * missing (a `beforeAll` that failed half way).
 */
export async function endSuite(parts: {
  browser: Browser | undefined;
  server: StrataProcess | undefined;
  database: { drop(): Promise<void> } | undefined;
  dataDir: string | undefined;
  logPath: string;
}): Promise<void> {
  await parts.browser?.close();
  if (parts.server !== undefined) {
    parts.server.child.kill('SIGTERM');
    await parts.server.exited;
    await writeFile(parts.logPath, parts.server.output());
  }
  await parts.database?.drop();
  if (parts.dataDir !== undefined) await rm(parts.dataDir, { recursive: true, force: true });
}
