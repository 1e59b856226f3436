import { sha256 } from '../blob/index.js';
import { commitId, decodeCommit, encodeCommit, type Commit } from './commit.js';
import { decodeNode, encodeNode, nodeId } from './node-codec.js';
import { MemoryNodeSource, NodeStaging } from './node-store.js';
import type { TreeNode } from './tree-node.js';

const leaf: TreeNode = {
  level: 0,
  items: [
    { name: '1.2.3', kind: 'dir', id: sha256('a'), files: 300, bytes: 2 ** 40 },
    { name: 'Zürich', kind: 'dicom', id: sha256('c'), files: 1, bytes: 0 },
    { name: 'notes.md', kind: 'file', id: sha256('b'), files: 1, bytes: 12 },
  ],
};

const commit: Commit = {
  tree: sha256('tree'),
  parents: [sha256('p1'), sha256('p2')],
  author: { name: 'Ada', email: 'ada@example.org', time: '2026-11-23T01:02:03.456Z' },
  committer: { name: 'Strata', email: 'strata@localhost', time: '2026-11-23T01:02:04.000Z' },
  message: 'Add the CT series\n\nFrom the scanner.',
};

describe('tree node encoding', () => {
  it('round-trips, and one node has exactly one encoding and id', () => {
    const encoded = encodeNode(leaf);
    expect(decodeNode(encoded)).toEqual(leaf);
    expect(nodeId(encodeNode(decodeNode(encoded)))).toBe(nodeId(encoded));
  });

  it.each([
    ['unsorted names', { level: 0, items: [...leaf.items].reverse() }],
    ['a slash in a name', { level: 0, items: [{ ...leaf.items[0], name: 'a/b' }] }],
  ])('refuses %s as corrupt', (_what, node) => {
    expect(() => decodeNode(encodeNode(node as TreeNode))).toThrow(expect.objectContaining({ code: 'object.corrupt' }));
  });

  it('refuses truncated and trailing bytes', () => {
    const encoded = encodeNode(leaf);
    expect(() => decodeNode(encoded.subarray(0, encoded.length - 1))).toThrow(
      expect.objectContaining({ code: 'object.corrupt' }),
    );
    expect(() => decodeNode(Uint8Array.from([...encoded, 0]))).toThrow(
      expect.objectContaining({ code: 'object.corrupt' }),
    );
  });

  it('detects a stored node that does not hash to its id, and a missing one', async () => {
    const source = new MemoryNodeSource();
    const id = nodeId(encodeNode(leaf));
    source.nodes.set(id, encodeNode({ level: 0, items: [] }));
    await expect(new NodeStaging(source).get(id)).rejects.toMatchObject({ code: 'object.corrupt' });
    await expect(new NodeStaging(source).get(sha256('nothing'))).rejects.toMatchObject({ code: 'object.missing' });
  });
});

describe('commit encoding', () => {
  it('round-trips canonically with a stable id', () => {
    const encoded = encodeCommit(commit);
    expect(decodeCommit(encoded)).toEqual(commit);
    expect(commitId(encoded)).toBe(commitId(encodeCommit({ ...commit })));
    expect(commitId(encodeCommit({ ...commit, message: 'other' }))).not.toBe(commitId(encoded));
  });

  it('refuses non-canonical or invalid commits', () => {
    const spaced = Buffer.from(JSON.stringify(JSON.parse(Buffer.from(encodeCommit(commit)).toString()), null, 1));
    expect(() => decodeCommit(spaced)).toThrow(expect.objectContaining({ code: 'object.corrupt' }));
    expect(() => encodeCommit({ ...commit, tree: 'abc' as never })).toThrow('tree is not a digest');
    expect(() => encodeCommit({ ...commit, parents: [commit.tree, commit.tree] })).toThrow('a parent is listed twice');
    expect(() => encodeCommit({ ...commit, author: { ...commit.author, time: '2026-11-23 01:02' } })).toThrow(
      'author time is not ISO 8601 UTC with milliseconds',
    );
  });
});
