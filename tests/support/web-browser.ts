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
