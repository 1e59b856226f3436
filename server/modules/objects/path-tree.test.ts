import { sha256 } from '../blob/index.js';
import { MemoryNodeSource, NodeStaging } from './node-store.js';
import { diffTrees, editPaths, emptyTree, entryAt, filesUnder, type PathChange, type PathEdit } from './path-tree.js';

const file = (seed: string, bytes = 100) => ({ kind: 'dicom' as const, id: sha256(seed), bytes });
const instancePath = (study: number, series: number, sop: number) =>
  `1.2.${study}/1.2.${study}.${series}/1.2.${study}.${series}.${sop}`;

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** A dataset of studies × series × instances, as one edit list. */
function dataset(studies: number, series: number, instances: number, version = 'v0'): PathEdit[] {
  const edits: PathEdit[] = [];
  for (let st = 0; st < studies; st++)
    for (let se = 0; se < series; se++)
      for (let i = 0; i < instances; i++)
        edits.push({ path: instancePath(st, se, i), file: file(`${st}.${se}.${i}.${version}`) });
  return edits;
}

describe('trees of paths', () => {
  it('places files in nested directories whose entries total the files and bytes below them', async () => {
    const staging = new NodeStaging(new MemoryNodeSource());
    const root = await editPaths(staging, await emptyTree(staging), dataset(2, 3, 4));
    expect(await entryAt(staging, root, '1.2.1')).toMatchObject({ kind: 'dir', files: 12, bytes: 1200 });
    expect(await entryAt(staging, root, '1.2.1/1.2.1.2')).toMatchObject({ kind: 'dir', files: 4 });
    expect(await entryAt(staging, root, instancePath(1, 2, 3))).toMatchObject({
      kind: 'dicom',
      id: sha256('1.2.3.v0'),
    });
    expect(await entryAt(staging, root, '1.2.9/x')).toBeUndefined();
    expect((await collect(filesUnder(staging, root))).length).toBe(24);
  });

  it('removes directories that become empty, back to the empty tree', async () => {
    const staging = new NodeStaging(new MemoryNodeSource());
    const empty = await emptyTree(staging);
    const root = await editPaths(staging, empty, dataset(1, 2, 2));
    const edits = dataset(1, 2, 2).map((edit) => ({ path: edit.path, file: null }));
    expect(await editPaths(staging, root, edits)).toBe(empty);
  });

  it('is independent of the order and grouping of edits', async () => {
    const staging = new NodeStaging(new MemoryNodeSource());
    const empty = await emptyTree(staging);
    const edits = dataset(3, 3, 5);
    let stepwise = empty;
    for (const edit of [...edits].reverse()) stepwise = await editPaths(staging, stepwise, [edit]);
    expect(stepwise).toBe(await editPaths(staging, empty, edits));
  });

  it('refuses a file where a directory is, and a directory where a file is', async () => {
    const staging = new NodeStaging(new MemoryNodeSource());
    const root = await editPaths(staging, await emptyTree(staging), [{ path: 'a/b', file: file('x') }]);
    await expect(editPaths(staging, root, [{ path: 'a', file: file('y') }])).rejects.toMatchObject({
      code: 'tree.path_conflict',
    });
    await expect(editPaths(staging, root, [{ path: 'a/b/c', file: file('y') }])).rejects.toMatchObject({
      code: 'tree.path_conflict',
      message: 'Cannot place a/b: a file is already there, where a directory is needed.',
    });
    await expect(editPaths(staging, root, [{ path: 'a//b', file: file('y') }])).rejects.toMatchObject({
      code: 'tree.invalid_path',
    });
  });

  it('diffs into added, removed and changed files, in path order', async () => {
    const staging = new NodeStaging(new MemoryNodeSource());
    const base = await editPaths(staging, await emptyTree(staging), dataset(3, 2, 3));
    const next = await editPaths(staging, base, [
      { path: instancePath(0, 0, 0), file: file('changed') },
      { path: instancePath(1, 1, 2), file: null },
      { path: instancePath(2, 5, 0), file: file('new series') },
      ...dataset(1, 2, 3).map((edit) => ({ path: edit.path.replaceAll('1.2.0', '1.2.7'), file: edit.file })),
    ]);
    const changes: PathChange[] = await collect(diffTrees(staging, base, next));
    expect(changes.map((c) => [c.path, c.before ? (c.after ? 'changed' : 'removed') : 'added'])).toEqual([
      [instancePath(0, 0, 0), 'changed'],
      [instancePath(1, 1, 2), 'removed'],
      [instancePath(2, 5, 0), 'added'],
      ...dataset(1, 2, 3).map((edit) => [edit.path.replaceAll('1.2.0', '1.2.7'), 'added']),
    ]);
    expect(await collect(diffTrees(staging, next, next))).toEqual([]);
    const reverse = await collect(diffTrees(staging, next, base));
    expect(reverse.length).toBe(changes.length);
  });

  it('reads a number of nodes that follows the changes, not the size (1,000 vs 100,000 instances)', async () => {
    const readsForDiff = async (series: number) => {
      const source = new MemoryNodeSource();
      const build = new NodeStaging(source);
      const base = await editPaths(build, await emptyTree(build), dataset(10, series, 100));
      const changed = Array.from({ length: 10 }, (_, i) => ({ path: instancePath(i, 0, i), file: file(`edit ${i}`) }));
      const next = await editPaths(build, base, changed);
      source.absorb(build);
      let reads = 0;
      const counting = new NodeStaging({ getEncoded: async (id) => (reads++, source.nodes.get(id)) });
      expect((await collect(diffTrees(counting, base, next))).length).toBe(10);
      return reads;
    };
    const small = await readsForDiff(1);
    const large = await readsForDiff(100);
    expect(large).toBeLessThanOrEqual(small * 1.6);
  });
});
