// What the web app's browser suites (tests/e2e) share: Debian's Chromium through playwright-core (never a
// downloaded browser), users with passwords made by the real CLI, and signing in through the form.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
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
