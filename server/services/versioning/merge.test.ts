import { sha256 } from '@strata/modules/blob';
import type { DatasetRecord } from '@strata/models';
import { createBranch, createDataset, diffRefs, log, merge, resolveRef, revert } from './index.js';
import { putFiles } from '../testing/put-files.js';
import { useVersioningFixture } from '../testing/versioning-fixture.js';

const ada = { name: 'Ada', email: 'ada@example.org' };
const fixture = useVersioningFixture('merge');
let datasets = 0;

/** Puts (content) or removes (null) instances on a branch, as one commit. */
const put = (dataset: DatasetRecord, branch: string, changes: Record<string, string | null>) =>
  putFiles(fixture.deps, dataset, branch, changes);

/** A dataset with instances a, b, c in one series on main, and a branch `fix` from there. */
async function forked() {
  const dataset = await createDataset(fixture.deps, `lab/merge-${++datasets}`, ada);
  await put(dataset, 'main', { 's/x/a': 'a0', 's/x/b': 'b0', 's/x/c': 'c0' });
  await createBranch(fixture.deps, dataset, 'fix');
  return dataset;
}

describe('merge', () => {
  it('fast-forwards when the branch has not moved, and is a no-op when already merged', async () => {
    const dataset = await forked();
    const fixed = await put(dataset, 'fix', { 's/x/a': 'a1' });
    expect(await merge(fixture.deps, dataset, 'main', 'fix', ada)).toEqual({
      kind: 'fast-forward',
      commit: fixed.commit,
    });
    expect(await merge(fixture.deps, dataset, 'main', 'fix', ada)).toEqual({
      kind: 'up-to-date',
      commit: fixed.commit,
    });
  });

  it('merges without conflict when the two sides touched different instances, with both parents', async () => {
    const dataset = await forked();
    await put(dataset, 'fix', { 's/x/a': 'a1', 's/x/c': null, 's/y/new': 'n' });
    const ours = await put(dataset, 'main', { 's/x/b': 'b2' });
    const result = await merge(fixture.deps, dataset, 'main', 'fix', ada);
    expect(result).toMatchObject({ kind: 'merge', applied: 3 });
    const [head] = await log(fixture.deps, dataset, 'main', 1);
    expect(head?.commit.parents).toEqual([ours.commit, (await resolveRef(fixture.deps, dataset, 'fix')).commit]);
    const diff = await diffRefs(fixture.deps, dataset, ours.commit, 'main');
    expect(diff.counts).toEqual({ added: 1, removed: 1, changed: 1 });
  });

  it('waits its turn behind a commit to the branch made meanwhile in this process, instead of failing', async () => {
    const dataset = await forked();
    await put(dataset, 'fix', { 's/x/a': 'a1' });
    await put(dataset, 'main', { 's/x/b': 'b1' });
    // The merge is computed while commits to main are under way: without the queue, its
    // compare-and-swap finds main moved and it fails with ref.moved.
    const [merged, ...commits] = await Promise.all([
      merge(fixture.deps, dataset, 'main', 'fix', ada),
      ...['b2', 'b3', 'b4'].map((content) => put(dataset, 'main', { 's/x/b': content })),
    ]);
    expect(merged).toMatchObject({ kind: 'merge', applied: 1 });
    const head = await resolveRef(fixture.deps, dataset, 'main');
    expect(head.commit).toBe(commits.at(-1)?.commit);
    const [last] = await log(fixture.deps, dataset, 'main', 1);
    expect(last?.commit.parents).toHaveLength(1);
    // Every change is on main: the merged a1 and the last b.
    const diff = await diffRefs(fixture.deps, dataset, 'fix', 'main');
    expect(diff.counts).toEqual({ added: 0, removed: 0, changed: 1 });
  });

  it('takes identical changes on both sides without conflict', async () => {
    const dataset = await forked();
    await put(dataset, 'fix', { 's/x/a': 'same', 's/x/b': null });
    await put(dataset, 'main', { 's/x/a': 'same', 's/x/b': null, 's/x/c': 'c2' });
    expect(await merge(fixture.deps, dataset, 'main', 'fix', ada)).toMatchObject({ kind: 'merge', applied: 0 });
  });

  it('lists exactly the instances changed differently on both sides, and commits nothing', async () => {
    const dataset = await forked();
    await put(dataset, 'fix', { 's/x/a': 'theirs', 's/x/b': null, 's/x/c': 'same' });
    const ours = await put(dataset, 'main', { 's/x/a': 'ours', 's/x/b': 'ours-b', 's/x/c': 'same' });
    await expect(merge(fixture.deps, dataset, 'main', 'fix', ada)).rejects.toMatchObject({
      code: 'merge.conflict',
      details: {
        conflicts: [
          { path: 's/x/a', base: sha256('a0'), ours: sha256('ours'), theirs: sha256('theirs') },
          { path: 's/x/b', base: sha256('b0'), ours: sha256('ours-b') },
        ],
      },
    });
    expect((await resolveRef(fixture.deps, dataset, 'main')).commit).toBe(ours.commit);
  });
});

describe('revert', () => {
  it('undoes one commit and keeps later changes to other paths', async () => {
    const dataset = await forked();
    const bad = await put(dataset, 'main', { 's/x/a': 'wrong', 's/x/b': null, 's/x/d': 'added' });
    const later = await put(dataset, 'main', { 's/x/c': 'c1' });
    const result = await revert(fixture.deps, dataset, 'main', bad.commit, ada);
    expect(result.changed).toBe(true);
    const diff = await diffRefs(fixture.deps, dataset, later.commit, 'main');
    expect(diff.studies[0]?.series[0]).toEqual({
      seriesInstanceUid: 'x',
      added: ['b'],
      removed: ['d'],
      changed: ['a'],
    });
    const [head] = await log(fixture.deps, dataset, 'main', 1);
    expect(head?.commit.message).toBe(`Revert "main: s/x/a, s/x/b, s/x/d"\n\nThis reverts commit ${bad.commit}.`);
  });

  it('refuses when a path it would restore was changed again since', async () => {
    const dataset = await forked();
    const bad = await put(dataset, 'main', { 's/x/a': 'wrong' });
    await put(dataset, 'main', { 's/x/a': 'fixed by hand' });
    await expect(revert(fixture.deps, dataset, 'main', bad.commit, ada)).rejects.toMatchObject({
      code: 'merge.conflict',
    });
  });
});
