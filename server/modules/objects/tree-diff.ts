import type { Digest } from '../blob/index.js';
import type { NodeStaging } from './node-store.js';
import { compareNames, sameEntry, type TreeEntry } from './tree-entry.js';
import type { ChildRef } from './tree-node.js';

/** One name whose entry differs between two directories. */
export interface EntryChange {
  name: string;
  before?: TreeEntry;
  after?: TreeEntry;
}

/** A pending piece of one side of a diff: a whole subtree (node at a level) or a single entry. */
type Piece = { node: Digest; level: number } | { entry: TreeEntry };

/**
 * The entries that differ between two directories (prolly-tree roots), in name order. Subtrees
 * with equal ids are skipped without being read; because chunk boundaries depend only on names,
 * the chunks away from the changes are equal on both sides, so the cost follows the changes.
 */
export async function* diffDirectories(
  staging: NodeStaging,
  before: Digest,
  after: Digest,
): AsyncGenerator<EntryChange> {
  if (before === after) return;
  const left: Piece[] = [await rootPiece(staging, before)];
  const right: Piece[] = [await rootPiece(staging, after)];
  for (;;) {
    const a = left[0];
    const b = right[0];
    if (a === undefined && b === undefined) return;
    if (a !== undefined && b !== undefined && 'node' in a && 'node' in b && a.node === b.node) {
      left.shift();
      right.shift();
      continue;
    }
    const levelA = a !== undefined && 'node' in a ? a.level : -1;
    const levelB = b !== undefined && 'node' in b ? b.level : -1;
    if (levelA >= 0 || levelB >= 0) {
      if (levelA >= levelB) await expand(staging, left);
      if (levelB >= levelA) await expand(staging, right);
      continue;
    }
    const entryA = a !== undefined && 'entry' in a ? a.entry : undefined;
    const entryB = b !== undefined && 'entry' in b ? b.entry : undefined;
    const order = entryA === undefined ? 1 : entryB === undefined ? -1 : compareNames(entryA.name, entryB.name);
    if (order < 0 && entryA !== undefined) {
      left.shift();
      yield { name: entryA.name, before: entryA };
    } else if (order > 0 && entryB !== undefined) {
      right.shift();
      yield { name: entryB.name, after: entryB };
    } else if (entryA !== undefined && entryB !== undefined) {
      left.shift();
      right.shift();
      if (!sameEntry(entryA, entryB)) yield { name: entryA.name, before: entryA, after: entryB };
    }
  }
}

async function rootPiece(staging: NodeStaging, id: Digest): Promise<Piece> {
  return { node: id, level: (await staging.get(id)).level };
}

/** Replaces the subtree at the head of a side with its children (or entries). */
async function expand(staging: NodeStaging, side: Piece[]): Promise<void> {
  const head = side.shift();
  if (head === undefined || !('node' in head)) throw new Error('expand: the head is not a subtree');
  const node = await staging.get(head.node);
  const pieces: Piece[] =
    node.level === 0
      ? (node.items as TreeEntry[]).map((entry) => ({ entry }))
      : (node.items as ChildRef[]).map((ref) => ({ node: ref.id, level: node.level - 1 }));
  side.unshift(...pieces);
}
