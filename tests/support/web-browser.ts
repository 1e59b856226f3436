// What the web app's browser suites share: Debian's Chromium through playwright-core (never a
// downloaded browser), users with passwords made by the real CLI, and signing in through the form.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { STRATA_MAIN } from './strata-process.js';

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

/** `strata user add` with a password on stdin, as an operator would type it. */
export async function addUserWithPassword(login: string, env: Record<string, string>): Promise<void> {
  const child = spawn(
    process.execPath,
    [STRATA_MAIN, 'user', 'add', login, '--email', `${login}@example.org`, '--password-stdin'],
    { env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stdin.end(`${PASSWORD}\n`);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`user add failed (${code}): ${output}`);
}

/** Signs in through the sign-in page, as a person would. */
export async function signIn(page: Page, url: string, login: string): Promise<void> {
  await page.goto(`${url}/sign-in`);
  await page.getByLabel('Login').fill(login);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Signed in as').waitFor();
}
