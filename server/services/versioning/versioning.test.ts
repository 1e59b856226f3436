import { sha256 } from '@strata/modules/blob';
import type { PathEdit } from '@strata/modules/objects';
import type { FileRecord } from '@strata/models';
import {
  commitChanges,
  createBranch,
  createDataset,
  createTag,
  diffRefs,
  findDataset,
  listRefs,
  log,
  resolveRef,
} from './index.js';
import { useVersioningFixture } from '../testing/versioning-fixture.js';

const ada = { name: 'Ada', email: 'ada@example.org' };
const fixture = useVersioningFixture('versioning');

/** An instance at study/series/sop with a made-up file (the blob store is not involved in versioning). */
function instance(study: string, series: string, sop: string, content = sop): { edit: PathEdit; file: FileRecord } {
  const id = sha256(content);
  return {
    edit: { path: `${study}/${series}/${sop}`, file: { kind: 'dicom', id, bytes: 100 } },
    file: { id, size: 100, parts: [id] },
  };
}

function change(items: { edit: PathEdit; file: FileRecord }[]) {
  return { edits: items.map((item) => item.edit), files: items.map((item) => item.file) };
}

let datasetCount = 0;
/** Each test works in its own dataset, so tests never see each other's refs. */
async function newDataset() {
  return createDataset(fixture.deps, `lab/ds-${++datasetCount}`, ada);
}

describe('datasets', () => {
  it('starts with one empty commit on its default branch', async () => {
    const dataset = await newDataset();
    expect(await findDataset(fixture.deps, `lab/${dataset.name}`)).toEqual(dataset);
    const refs = await listRefs(fixture.deps, dataset);
    expect(refs.map((ref) => [ref.name, ref.kind])).toEqual([['main', 'branch']]);
    const history = await log(fixture.deps, dataset, 'main');
    expect(history.map((entry) => entry.commit.message)).toEqual(['Create dataset']);
  });

  it('refuses a taken or malformed name', async () => {
    const dataset = await newDataset();
    await expect(createDataset(fixture.deps, `lab/${dataset.name}`, ada)).rejects.toMatchObject({
      code: 'dataset.exists',
    });
    await expect(createDataset(fixture.deps, 'no-owner', ada)).rejects.toMatchObject({ code: 'dataset.invalid_name' });
    await expect(findDataset(fixture.deps, 'lab/absent')).rejects.toMatchObject({ code: 'dataset.not_found' });
  });
});

describe('commits', () => {
  it('commits edits, diffs them grouped by study and series, and skips a change that changes nothing', async () => {
    const dataset = await newDataset();
    const first = await commitChanges(fixture.deps, {
      dataset,
      branch: 'main',
      message: 'Add two series',
      author: ada,
      ...change([
        instance('1.2.3', '1.2.3.1', '1.2.3.1.1'),
        instance('1.2.3', '1.2.3.1', '1.2.3.1.2'),
        instance('1.2.3', '1.2.3.2', '1.2.3.2.1'),
      ]),
    });
    expect(first.changed).toBe(true);
    const again = await commitChanges(fixture.deps, {
      dataset,
      branch: 'main',
      message: 'Same again',
      author: ada,
      ...change([instance('1.2.3', '1.2.3.1', '1.2.3.1.1')]),
    });
    expect(again).toEqual({ commit: first.commit, changed: false });
    const second = await commitChanges(fixture.deps, {
      dataset,
      branch: 'main',
      message: 'Fix one, remove one',
      author: ada,
      edits: [instance('1.2.3', '1.2.3.1', '1.2.3.1.1', 'fixed').edit, { path: '1.2.3/1.2.3.2/1.2.3.2.1', file: null }],
      files: [instance('1.2.3', '1.2.3.1', '1.2.3.1.1', 'fixed').file],
    });
    const diff = await diffRefs(fixture.deps, dataset, first.commit, 'main');
    expect(diff.counts).toEqual({ added: 0, removed: 1, changed: 1 });
    expect(diff.studies).toEqual([
      {
        studyInstanceUid: '1.2.3',
        series: [
          { seriesInstanceUid: '1.2.3.1', added: [], removed: [], changed: ['1.2.3.1.1'] },
          { seriesInstanceUid: '1.2.3.2', added: [], removed: ['1.2.3.2.1'], changed: [] },
        ],
      },
    ]);
    expect((await log(fixture.deps, dataset, 'main')).map((entry) => entry.id)).toEqual([
      second.commit,
      first.commit,
      (await log(fixture.deps, dataset, first.commit)).at(-1)?.id,
    ]);
  });

  it('loses no update when eight writers commit to one branch at once', async () => {
    const dataset = await newDataset();
    const writers = Array.from({ length: 8 }, (_, writer) =>
      commitChanges(fixture.deps, {
        dataset,
        branch: 'main',
        message: `Writer ${writer}`,
        author: ada,
        ...change(Array.from({ length: 5 }, (_, i) => instance('1.2.9', `1.2.9.${writer}`, `1.2.9.${writer}.${i}`))),
      }),
    );
    const results = await Promise.all(writers);
    expect(results.every((result) => result.changed)).toBe(true);
    const history = await log(fixture.deps, dataset, 'main', 100);
    expect(history).toHaveLength(9);
    expect(new Set(history.map((entry) => entry.commit.message))).toEqual(
      new Set(['Create dataset', ...Array.from({ length: 8 }, (_, writer) => `Writer ${writer}`)]),
    );
    const all = await diffRefs(fixture.deps, dataset, history.at(-1)?.id ?? '', 'main');
    expect(all.counts.added).toBe(40);
    expect(all.studies[0]?.series).toHaveLength(8);
  });

  it('makes one process’s commits to one branch in the order they were asked for', async () => {
    const dataset = await newDataset();
    const writers = Array.from({ length: 6 }, (_, writer) =>
      commitChanges(fixture.deps, {
        dataset,
        branch: 'main',
        message: `Writer ${writer}`,
        author: ada,
        ...change([instance('1.2.8', '1.2.8.1', `1.2.8.1.${writer}`)]),
      }),
    );
    await Promise.all(writers);
    const history = await log(fixture.deps, dataset, 'main', 100);
    expect(history.map((entry) => entry.commit.message)).toEqual([
      ...Array.from({ length: 6 }, (_, writer) => `Writer ${5 - writer}`),
      'Create dataset',
    ]);
  });

  it('loses no update when two processes commit to one branch at once (compare-and-swap, then again)', async () => {
    const dataset = await newDataset();
    // Another process on the same database: its own queue of writes, so the two race.
    const other = { ...fixture.deps, database: { ...fixture.deps.database } };
    const writers = Array.from({ length: 8 }, (_, writer) =>
      commitChanges(writer % 2 === 0 ? fixture.deps : other, {
        dataset,
        branch: 'main',
        message: `Writer ${writer}`,
        author: ada,
        ...change([instance('1.2.7', '1.2.7.1', `1.2.7.1.${writer}`)]),
      }),
    );
    expect((await Promise.all(writers)).every((result) => result.changed)).toBe(true);
    const history = await log(fixture.deps, dataset, 'main', 100);
    expect(history).toHaveLength(9);
    const all = await diffRefs(fixture.deps, dataset, history.at(-1)?.id ?? '', 'main');
    expect(all.counts.added).toBe(8);
  });

  it('refuses a commit when the branch moved and the writer asked for its old head', async () => {
    const dataset = await newDataset();
    const start = await resolveRef(fixture.deps, dataset, 'main');
    await commitChanges(fixture.deps, {
      dataset,
      branch: 'main',
      message: 'm',
      author: ada,
      ...change([instance('1', '2', '3')]),
    });
    await expect(
      commitChanges(fixture.deps, {
        dataset,
        branch: 'main',
        message: 'n',
        author: ada,
        expectedHead: start.commit,
        ...change([instance('1', '2', '4')]),
      }),
    ).rejects.toMatchObject({ code: 'ref.moved', kind: 'conflict' });
  });
});

describe('branches and tags', () => {
  it('branches without touching the source, and resolves full and abbreviated commit ids', async () => {
    const dataset = await newDataset();
    await createBranch(fixture.deps, dataset, 'deid');
    const onBranch = await commitChanges(fixture.deps, {
      dataset,
      branch: 'deid',
      message: 'x',
      author: ada,
      ...change([instance('1', '2', '3')]),
    });
    const main = await resolveRef(fixture.deps, dataset, 'main');
    expect(main.commit).not.toBe(onBranch.commit);
    expect(await resolveRef(fixture.deps, dataset, onBranch.commit.slice(0, 10))).toEqual({
      commit: onBranch.commit,
      kind: 'commit',
      name: onBranch.commit,
    });
    await expect(resolveRef(fixture.deps, dataset, 'nope')).rejects.toMatchObject({ code: 'ref.not_found' });
    await expect(resolveRef(fixture.deps, dataset, 'abcdef0')).rejects.toMatchObject({ code: 'ref.not_found' });
  });

  it('keeps tags immutable: no commit to a tag, no second tag of the name, no update even in SQL', async () => {
    const dataset = await newDataset();
    const tag = await createTag(fixture.deps, dataset, 'v1.0', 'main');
    await expect(
      commitChanges(fixture.deps, {
        dataset,
        branch: 'v1.0',
        message: 'x',
        author: ada,
        ...change([instance('1', '2', '3')]),
      }),
    ).rejects.toMatchObject({
      code: 'ref.not_a_branch',
      kind: 'method_not_allowed',
    });
    await expect(createTag(fixture.deps, dataset, 'v1.0', 'main')).rejects.toMatchObject({ code: 'ref.exists' });
    await expect(createBranch(fixture.deps, dataset, 'v1.0')).rejects.toMatchObject({ code: 'ref.exists' });
    const other = sha256('other');
    await expect(
      fixture.database.fork().execute("update ref set commit_id = ? where name = 'v1.0'", [Buffer.from(other, 'hex')]),
    ).rejects.toThrow(/tag v1\.0 is immutable/);
    expect((await resolveRef(fixture.deps, dataset, 'v1.0')).commit).toBe(tag.commit);
  });

  it.each(['bad name', 'a..b', '-', '/x', 'x/', 'x.lock', 'deadbeef', 'a~1'])(
    'refuses the ref name %j',
    async (name) => {
      const dataset = await newDataset();
      await expect(createBranch(fixture.deps, dataset, name)).rejects.toMatchObject({ code: 'ref.invalid_name' });
    },
  );
});
