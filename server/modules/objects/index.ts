export { CHUNK_FACTOR, isBoundary } from './chunking.js';
export { commitId, decodeCommit, encodeCommit, type Commit, type Signature } from './commit.js';
export { decodeNode, encodeNode, isValidName, nodeId } from './node-codec.js';
export { MemoryNodeSource, NodeStaging, type NodeSource } from './node-store.js';
export {
  diffTrees,
  editPaths,
  emptyTree,
  entryAt,
  filesUnder,
  pathSegments,
  type FileRef,
  type PathChange,
  type PathEdit,
} from './path-tree.js';
export { buildTree, editTree, entriesOf, lookup, treeTotals, type ItemEdit } from './prolly-tree.js';
export { diffDirectories, type EntryChange } from './tree-diff.js';
export { compareNames, sameEntry, type EntryKind, type TreeEntry } from './tree-entry.js';
export type { ChildRef, TreeNode } from './tree-node.js';
