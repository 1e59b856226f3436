// Crash safety of import (issue #3): kill -9 at any moment of `strata import` leaves a repository
// that fsck passes, with the branch either before or after the import, and re-running the import
// finishes it.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runStrata, startStrata } from '../support/strata-process.js';
import { syntheticSlice } from '../support/synthetic-dicom.js';

let root: string;
let files: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'strata-import-crash-'));
  files = join(root, 'files');
  await mkdir(files);
  for (let i = 0; i < 150; i++) {
    const slice = syntheticSlice({
      studyUid: '1.2.826.0.1.3680043.10.99.1',
      seriesUid: `1.2.826.0.1.3680043.10.99.1.${i % 3}`,
      sopUid: `1.2.826.0.1.3680043.10.99.1.${i % 3}.${i}`,
      patientName: 'CRASH^TEST',
      patientId: 'C1',
      studyDate: '20260101',
      instanceNumber: i,
      size: 256,
      seed: i,
    });
    await writeFile(join(files, `${i}.dcm`), slice);
  }
});
afterAll(() => rm(root, { recursive: true, force: true }));

// Each step is a process that opens PGlite (seconds each); the time limits leave room for a
// loaded CI machine (it timed out at 300 s while two other suites shared the two cores).
describe('strata import under kill -9', () => {
  it('never leaves a ref at a missing object, and a re-run finishes the import', async () => {
    const timed = join(root, 'timed');
    const env = (dataDir: string) => ({ DATA_DIR: dataDir });
    expect((await runStrata(['dataset', 'create', 'lab/ct'], env(timed))).code).toBe(0);
    const began = Date.now();
    expect((await runStrata(['import', files, '--dataset', 'lab/ct'], env(timed))).code).toBe(0);
    const importMs = Date.now() - began;

    for (const fraction of [0.4, 0.6, 0.8, 0.9, 0.97]) {
      const dataDir = join(root, `kill-${fraction}`);
      expect((await runStrata(['dataset', 'create', 'lab/ct'], env(dataDir))).code).toBe(0);
      const victim = startStrata(['import', files, '--dataset', 'lab/ct'], env(dataDir));
      await new Promise((resolve) => setTimeout(resolve, importMs * fraction));
      victim.child.kill('SIGKILL');
      await victim.exited;
      const check = await runStrata(['fsck'], env(dataDir));
      expect(check.output).toMatch(/^OK: /);
      expect(check.code).toBe(0);
      const rerun = await runStrata(['import', files, '--dataset', 'lab/ct'], env(dataDir));
      expect(rerun.code).toBe(0);
      expect(rerun.output).toMatch(
        /^Imported 150 instance\(s\) from 150 file\(s\); (committed [0-9a-f]{12}|nothing changed, no commit)\.\n$/,
      );
      const after = await runStrata(['fsck'], env(dataDir));
      expect(after.output).toMatch(/^OK: 1 datasets, 1 refs, 2 commits, .* 150 files/);
    }
  }, 600_000);

  it('starts over the empty lock file a kill leaves when it lands while PostgreSQL rewrites it', async () => {
    // The window is a few microseconds, so the timed kills above rarely hit it: make its state.
    const dataDir = join(root, 'kill-in-lock-file');
    expect((await runStrata(['dataset', 'create', 'lab/ct'], { DATA_DIR: dataDir })).code).toBe(0);
    await writeFile(join(dataDir, 'pg', 'postmaster.pid'), '');
    const check = await runStrata(['fsck'], { DATA_DIR: dataDir });
    expect(check.output).toMatch(/^OK: 1 datasets, 1 refs, 1 commits/);
  }, 180_000);
});
