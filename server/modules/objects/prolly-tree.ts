import type { Digest } from '../blob/index.js';
import { chunkItems, isBoundary } from './chunking.js';
import type { NodeStaging } from './node-store.js';
import { compareNames, type TreeEntry } from './tree-entry.js';
import { itemKey, nodeTotals, type ChildRef, type TreeNode } from './tree-node.js';

type Item = TreeEntry | ChildRef;

/** Upsert (item) or delete (null) of the item with this key. */
export interface ItemEdit<T extends Item = Item> {
  key: string;
  item: T | null;
}

/** Builds the prolly tree of a directory from its entries (any order) and returns its root id. */
export async function buildTree(staging: NodeStaging, entries: readonly TreeEntry[]): Promise<Digest> {
  const sorted = [...entries].sort((a, b) => compareNames(a.name, b.name));
  return buildUpward(staging, sorted, 0);
}

/**
 * Applies edits to the directory rooted at `rootId` and returns the new root id. Only the chunks
 * the edits land in (and a right neighbour whose boundary an edit removed) are rewritten, on each
 * level: O(edits × depth) nodes, whatever the size of the directory. The result is the tree
 * `buildTree` would make from the resulting entries.
 */
export async function editTree(
  staging: NodeStaging,
  rootId: Digest,
  entryEdits: readonly ItemEdit<TreeEntry>[],
): Promise<Digest> {
  const root = await staging.get(rootId);
  let edits: ItemEdit[] = normalise(entryEdits);
  for (let level = 0; level < root.level && edits.length > 0; level++) {
    edits = await editLevel(staging, root, level, edits);
  }
  if (edits.length === 0) return rootId;
  return buildUpward(staging, applyEdits(root.items, edits), root.level);
}

/** The entry with this name, or undefined. O(depth) node reads. */
export async function lookup(staging: NodeStaging, rootId: Digest, name: string): Promise<TreeEntry | undefined> {
  let node = await staging.get(rootId);
  while (node.level > 0) {
    const refs = node.items as ChildRef[];
    const child = refs.find((ref) => compareNames(ref.lastName, name) >= 0);
    if (child === undefined) return undefined;
    node = await staging.get(child.id);
  }
  return (node.items as TreeEntry[]).find((entry) => entry.name === name);
}

/** Every entry of the directory, in name order. */
export async function* entriesOf(staging: NodeStaging, rootId: Digest): AsyncGenerator<TreeEntry> {
  const node = await staging.get(rootId);
  if (node.level === 0) {
    yield* node.items as TreeEntry[];
    return;
  }
  for (const child of node.items as ChildRef[]) yield* entriesOf(staging, child.id);
}

/** The entries, files and bytes of the directory rooted at `rootId`. */
export async function treeTotals(staging: NodeStaging, rootId: Digest) {
  return nodeTotals(await staging.get(rootId));
}

/** Rewrites the chunks of `level` that the edits touch; returns the edits this makes to the level above. */
async function editLevel(staging: NodeStaging, root: TreeNode, level: number, edits: ItemEdit[]): Promise<ItemEdit[]> {
  const above: ItemEdit[] = [];
  let next = 0;
  while (next < edits.length) {
    const firstKey = edits[next]?.key ?? '';
    let chunk = await findChunk(staging, root, level, firstKey, false);
    const replaced: ChildRef[] = [];
    const window: Item[] = [];
    for (;;) {
      replaced.push(chunk.ref);
      let end = next;
      while (end < edits.length && (chunk.isLast || compareNames(edits[end]?.key ?? '', chunk.ref.lastName) <= 0))
        end++;
      window.push(...applyEdits(chunk.node.items, edits.slice(next, end)));
      next = end;
      const last = window[window.length - 1];
      if (chunk.isLast || (last !== undefined && isBoundary(itemKey(last), level))) break;
      chunk = await findChunk(staging, root, level, chunk.ref.lastName, true);
    }
    const created = chunkItems(window, level, itemKey).map((items) => stageChunk(staging, level, items));
    if (created.length === replaced.length && created.every((ref, i) => ref.id === replaced[i]?.id)) continue;
    const kept = new Set(created.map((ref) => ref.lastName));
    for (const old of replaced) if (!kept.has(old.lastName)) above.push({ key: old.lastName, item: null });
    for (const ref of created) above.push({ key: ref.lastName, item: ref });
  }
  return normalise(above);
}

interface FoundChunk {
  ref: ChildRef;
  node: TreeNode;
  isLast: boolean;
}

/** The chunk of `level` holding `key` (or, with `after`, the first chunk past it), found from the root. */
async function findChunk(
  staging: NodeStaging,
  root: TreeNode,
  level: number,
  key: string,
  after: boolean,
): Promise<FoundChunk> {
  let node = root;
  let isLast = true;
  for (;;) {
    const refs = node.items as ChildRef[];
    let index = refs.findIndex((ref) =>
      after ? compareNames(ref.lastName, key) > 0 : compareNames(ref.lastName, key) >= 0,
    );
    if (index < 0) index = refs.length - 1;
    if (index < refs.length - 1) isLast = false;
    const ref = refs[index];
    if (ref === undefined) throw new Error('findChunk: empty internal node');
    const child = await staging.get(ref.id);
    if (node.level === level + 1) return { ref, node: child, isLast };
    node = child;
  }
}

/** Stages the nodes of a level bottom-up until one node remains, collapsing single-child roots. */
async function buildUpward(staging: NodeStaging, items: Item[], level: number): Promise<Digest> {
  const chunks = chunkItems(items, level, itemKey);
  if (chunks.length <= 1) {
    const only = chunks[0] ?? [];
    if (level > 0 && only.length === 1) return collapse(staging, (only[0] as ChildRef).id);
    if (level > 0 && only.length === 0) return staging.put({ level: 0, items: [] });
    return staging.put(level === 0 ? { level: 0, items: only as TreeEntry[] } : { level, items: only as ChildRef[] });
  }
  return buildUpward(
    staging,
    chunks.map((chunk) => stageChunk(staging, level, chunk)),
    level + 1,
  );
}

/** A root with one child is not canonical: the child is the root (the level where one chunk remains). */
async function collapse(staging: NodeStaging, id: Digest): Promise<Digest> {
  const node = await staging.get(id);
  if (node.level > 0 && node.items.length === 1) return collapse(staging, (node.items[0] as ChildRef).id);
  return id;
}

function stageChunk(staging: NodeStaging, level: number, items: Item[]): ChildRef {
  const node: TreeNode =
    level === 0 ? { level: 0, items: items as TreeEntry[] } : { level, items: items as ChildRef[] };
  const id = staging.put(node);
  const last = items[items.length - 1];
  return { lastName: last === undefined ? '' : itemKey(last), id, ...nodeTotals(node) };
}

/** Merges sorted edits into sorted items. */
function applyEdits(items: readonly Item[], edits: readonly ItemEdit[]): Item[] {
  const out: Item[] = [];
  let i = 0;
  for (const edit of edits) {
    while (i < items.length && compareNames(itemKey(items[i] as Item), edit.key) < 0) out.push(items[i++] as Item);
    if (i < items.length && itemKey(items[i] as Item) === edit.key) i++;
    if (edit.item !== null) out.push(edit.item);
  }
  while (i < items.length) out.push(items[i++] as Item);
  return out;
}

/** Sorts edits by key; the last edit of a key wins. */
function normalise(edits: readonly ItemEdit[]): ItemEdit[] {
  const byKey = new Map<string, ItemEdit>();
  for (const edit of edits) byKey.set(edit.key, edit);
  return [...byKey.values()].sort((a, b) => compareNames(a.key, b.key));
}
