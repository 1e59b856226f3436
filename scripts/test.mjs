// `npm test`: static checks (lint, formatting, types, dependency rules), then every workspace's
// tests through turbo (which builds what they depend on first), then one summary line.
//   npm test -- --skip-static   only the tests (CI's second pass, against PostgreSQL)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const workspaces = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).workspaces;
const resultFiles = workspaces.map((workspace) => join(root, workspace, '.jest-results.json'));
const skipStatic = process.argv.includes('--skip-static');

const steps = [
  ...(skipStatic
    ? []
    : [
        ['lockfile', ['node', 'scripts/lockfile-complete.mjs', '--check']],
        ['lint', ['eslint', '--max-warnings', '0', '.']],
        ['format', ['prettier', '--check', '--log-level', 'warn', '.']],
        ['typecheck', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
        ['dependency rules', ['depcruise', '--config', '.dependency-cruiser.cjs', ...workspaces]],
      ]),
  ['tests', ['turbo', 'run', 'test', '--concurrency=2', '--log-order=grouped']],
];

for (const file of resultFiles) rmSync(file, { force: true });
const failed = [];
for (const [name, [command, ...args]] of steps) {
  process.stdout.write(`\n▶ ${name}\n`);
  const run = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', FORCE_COLOR: process.env.FORCE_COLOR ?? '0' },
  });
  if (run.status !== 0) failed.push(name);
}

let passed = 0;
let failedTests = 0;
let skipped = 0;
for (const file of resultFiles.filter((path) => existsSync(path))) {
  const result = JSON.parse(readFileSync(file, 'utf8'));
  passed += result.numPassedTests;
  failedTests += result.numFailedTests;
  skipped += result.numPendingTests + result.numTodoTests;
}
if (failed.length > 0) process.stdout.write(`\nFailed steps: ${failed.join(', ')}\n`);
process.stdout.write(`\ntests: ${passed} passed, ${failedTests} failed, ${skipped} skipped\n`);
process.exit(failed.length > 0 || failedTests > 0 || passed === 0 ? 1 : 0);
