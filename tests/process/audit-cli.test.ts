// The audit log from the CLI (issue #5): access changes made with the CLI are recorded as the
// operator's, `strata audit list` shows them, `strata audit verify` checks the chain.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runStrata } from '../support/strata-process.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'strata-audit-cli-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('strata audit', () => {
  it('lists the access changes made, and verifies their chain', async () => {
    const env = { DATA_DIR: join(root, 'data') };
    expect((await runStrata(['audit', 'verify'], env)).output).toMatch(/^OK: 0 event\(s\), chain intact/m);
    expect((await runStrata(['user', 'add', 'ada', '--email', 'ada@example.org', '--admin'], env)).code).toBe(0);
    expect((await runStrata(['dataset', 'create', 'lab/ct'], env)).code).toBe(0);
    expect((await runStrata(['dataset', 'visibility', 'lab/ct', 'public'], env)).code).toBe(0);
    const list = await runStrata(['audit', 'list'], env);
    expect(list.code).toBe(0);
    const lines = list.output.split('\n').filter((line) => /^\s*\d+\s/.test(line));
    expect(lines.map((line) => line.trim().split(/\s+/).slice(2, 5))).toEqual([
      ['operator', 'dataset.visibility_set', 'lab/ct'],
      ['operator', 'user.created', 'user:ada'],
    ]);
    const verify = await runStrata(['audit', 'verify'], env);
    expect(verify.code).toBe(0);
    expect(verify.output).toMatch(/^OK: 2 event\(s\), chain intact, head [0-9a-f]{16}\.$/m);
    const bad = await runStrata(['audit', 'list', '--limit', '0'], env);
    expect(bad.code).not.toBe(0);
  }, 120_000);
});
