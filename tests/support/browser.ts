// What the browser suites share: Debian's Chromium (never a downloaded one) with the flags CI
// needs, and users with passwords made by the CLI as an operator types them.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { STRATA_MAIN } from './strata-process.js';

export const CHROMIUM = '/usr/bin/chromium';

/** Launches the system Chromium headless; fails with how to install it when it is missing. */
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

/** `strata user add LOGIN --password-stdin [--admin]`, the password typed on stdin. */
export async function addUserWithPassword(
  login: string,
  password: string,
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
  child.stdin.end(`${password}\n`);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`user add ${login} failed (${code}): ${output}`);
}
