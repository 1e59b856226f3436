import type { Digest } from '../blob/index.js';
import type { TreeEntry } from './tree-entry.js';

/** A reference from an internal node to a node one level down, summarising what is below it. */
export interface ChildRef {
  /** The greatest name under the child: the key the parent orders and searches children by. */
  lastName: string;
  id: Digest;
  /** Directory entries under the child (its leaf entries). */
  entries: number;
  files: number;
  bytes: number;
}

/** One chunk of a directory's prolly tree: entries at level 0, child references above. */
export type TreeNode = { level: 0; items: TreeEntry[] } | { level: number; items: ChildRef[] };

export type LeafNode = { level: 0; items: TreeEntry[] };
export type InternalNode = { level: number; items: ChildRef[] };

export function isLeaf(node: TreeNode): node is LeafNode {
  return node.level === 0;
}

/** The key an item of either kind is ordered by. */
export function itemKey(item: TreeEntry | ChildRef): string {
  return 'lastName' in item ? item.lastName : item.name;
}

/** Totals of a node: what the directory entry for a directory whose root this is carries. */
export function nodeTotals(node: TreeNode): { entries: number; files: number; bytes: number } {
  let entries = 0;
  let files = 0;
  let bytes = 0;
  for (const item of node.items) {
    entries += 'lastName' in item ? item.entries : 1;
    files += item.files;
    bytes += item.bytes;
  }
  return { entries, files, bytes };
}
