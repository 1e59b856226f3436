import { sha256 } from '../blob/index.js';
import { MemoryNodeSource, NodeStaging } from './node-store.js';
import { buildTree, editTree, entriesOf, lookup, treeTotals, type ItemEdit } from './prolly-tree.js';
import type { TreeEntry } from './tree-entry.js';

/** A deterministic pseudo-random generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const uid = (i: number) => `1.2.826.0.1.3680043.8.498.${(i * 7919) % 1_000_003}.${i}`;
const entry = (name: string, version = 0): TreeEntry => ({
  name,
  kind: 'dicom',
  id: sha256(`${name}#${version}`),
  files: 1,
  bytes: 1000 + version,
});

async function all(staging: NodeStaging, root: string): Promise<TreeEntry[]> {
  const out: TreeEntry[] = [];
  for await (const e of entriesOf(staging, root as never)) out.push(e);
  return out;
}

function fresh() {
  const source = new MemoryNodeSource();
  return { source, staging: new NodeStaging(source) };
}

describe('prolly tree of a directory', () => {
  it('gives the same root for the same entries in any order, and a different one for any change', async () => {
    const { staging } = fresh();
    const entries = Array.from({ length: 3000 }, (_, i) => entry(uid(i)));
    const shuffled = [...entries].sort(() => 0.5 - Math.random());
    const a = await buildTree(staging, entries);
    expect(await buildTree(staging, shuffled)).toBe(a);
    expect(await buildTree(staging, entries.slice(1))).not.toBe(a);
    const changed = entries.map((e, i) => (i === 1500 ? entry(e.name, 1) : e));
    expect(await buildTree(staging, changed)).not.toBe(a);
  });

  it('reaches the same root by any sequence of edits as by building the final entries (history independence)', async () => {
    const next = random(42);
    const { source, staging } = fresh();
    const live = new Map<string, TreeEntry>();
    let root = await buildTree(staging, []);
    for (let round = 0; round < 40; round++) {
      const edits: ItemEdit<TreeEntry>[] = [];
      const size = round % 5 === 0 ? 400 : 1 + Math.floor(next() * 30);
      for (let k = 0; k < size; k++) {
        const name = uid(Math.floor(next() * 5000));
        const roll = next();
        const item = roll < 0.25 && live.has(name) ? null : entry(name, Math.floor(next() * 3));
        edits.push({ key: name, item });
        if (item === null) live.delete(name);
        else live.set(name, item);
      }
      root = await editTree(staging, root, edits);
      source.absorb(staging);
      const rebuilt = await buildTree(new NodeStaging(new MemoryNodeSource()), [...live.values()]);
      expect(root).toBe(rebuilt);
    }
    expect((await all(new NodeStaging(source), root)).map((e) => e.name)).toEqual([...live.keys()].sort());
  });

  it('empties back to the empty tree', async () => {
    const { staging } = fresh();
    const entries = Array.from({ length: 500 }, (_, i) => entry(uid(i)));
    const full = await buildTree(staging, entries);
    const empty = await editTree(
      staging,
      full,
      entries.map((e) => ({ key: e.name, item: null })),
    );
    expect(empty).toBe(await buildTree(staging, []));
    expect(await all(staging, empty)).toEqual([]);
  });

  it('looks entries up and totals files and bytes', async () => {
    const { staging } = fresh();
    const entries = Array.from({ length: 10_000 }, (_, i) => entry(uid(i)));
    const root = await buildTree(staging, entries);
    expect(await lookup(staging, root, uid(1234))).toEqual(entry(uid(1234)));
    expect(await lookup(staging, root, 'no-such-name')).toBeUndefined();
    expect(await treeTotals(staging, root)).toEqual({ entries: 10_000, files: 10_000, bytes: 10_000_000 });
  });

  it('leaves the root unchanged for edits that change nothing', async () => {
    const { staging } = fresh();
    const entries = Array.from({ length: 2000 }, (_, i) => entry(uid(i)));
    const root = await buildTree(staging, entries);
    expect(await editTree(staging, root, [{ key: 'absent', item: null }])).toBe(root);
    expect(await editTree(staging, root, [{ key: uid(7), item: entry(uid(7)) }])).toBe(root);
  });

  it('writes a handful of small nodes for one new entry, at 1,000 entries as at 100,000', async () => {
    const written = async (n: number) => {
      const source = new MemoryNodeSource();
      const build = new NodeStaging(source);
      const root = await buildTree(
        build,
        Array.from({ length: n }, (_, i) => entry(uid(i))),
      );
      source.absorb(build);
      const edit = new NodeStaging(source);
      await editTree(edit, root, [{ key: uid(n + 1), item: entry(uid(n + 1)) }]);
      const bytes = [...edit.pending().values()].reduce((sum, node) => sum + node.length, 0);
      return { nodes: edit.pending().size, bytes };
    };
    const small = await written(1_000);
    const large = await written(100_000);
    expect(small.nodes).toBeLessThanOrEqual(4);
    expect(large.nodes).toBeLessThanOrEqual(6);
    // ~64 entries of ~100 bytes a node: kilobytes, never the 10 MB of a flat listing.
    expect(large.bytes).toBeLessThan(60_000);
  });
});
