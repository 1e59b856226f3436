import type { Digest } from '../blob/index.js';
import { StrataError } from '../errors/index.js';
import { isValidName } from './node-codec.js';
import type { NodeStaging } from './node-store.js';
import { buildTree, editTree, entriesOf, lookup, treeTotals, type ItemEdit } from './prolly-tree.js';
import { diffDirectories } from './tree-diff.js';
import type { EntryKind, TreeEntry } from './tree-entry.js';

/** A file to place at a path (`dicom` for a DICOM instance), or null to remove the path. */
export type FileRef = { kind: Exclude<EntryKind, 'dir'>; id: Digest; bytes: number };

export interface PathEdit {
  path: string;
  file: FileRef | null;
}

/** One file whose content differs between two trees. */
export interface PathChange {
  path: string;
  before?: TreeEntry;
  after?: TreeEntry;
}

/** The id of the empty directory. */
export function emptyTree(staging: NodeStaging): Promise<Digest> {
  return buildTree(staging, []);
}

/** Splits and checks a path such as `1.2.3/1.2.3.4/1.2.3.4.5`. */
export function pathSegments(path: string): string[] {
  const segments = path.split('/');
  if (segments.some((segment) => !isValidName(segment))) {
    throw new StrataError(
      'tree.invalid_path',
      'invalid',
      `Invalid path ${JSON.stringify(path)}: empty, '.', '..' or NUL segments are not allowed.`,
    );
  }
  return segments;
}

/**
 * Applies file placements and removals to a tree of directories and returns the new root.
 * Directories are created as needed and removed when they become empty; only the directories on
 * the edited paths are rewritten.
 */
export async function editPaths(staging: NodeStaging, root: Digest, edits: readonly PathEdit[]): Promise<Digest> {
  const split = edits.map((edit) => ({ segments: pathSegments(edit.path), file: edit.file, path: edit.path }));
  return editDirectory(staging, root, split, '');
}

type SplitEdit = { segments: string[]; file: FileRef | null; path: string };

async function editDirectory(staging: NodeStaging, root: Digest, edits: SplitEdit[], prefix: string): Promise<Digest> {
  const direct = new Map<string, SplitEdit>();
  const nested = new Map<string, SplitEdit[]>();
  for (const edit of edits) {
    const [head = '', ...rest] = edit.segments;
    if (rest.length === 0) direct.set(head, edit);
    else nested.set(head, [...(nested.get(head) ?? []), { ...edit, segments: rest }]);
  }
  const entryEdits: ItemEdit<TreeEntry>[] = [];
  for (const [name, edit] of direct) {
    if (nested.has(name)) throw pathConflict(edit.path, 'it is both a file and a directory in one change');
    const existing = await lookup(staging, root, name);
    if (existing?.kind === 'dir' && edit.file !== null) throw pathConflict(edit.path, 'a directory is already there');
    if (edit.file === null) {
      if (existing !== undefined && existing.kind !== 'dir') entryEdits.push({ key: name, item: null });
    } else {
      entryEdits.push({
        key: name,
        item: { name, kind: edit.file.kind, id: edit.file.id, files: 1, bytes: edit.file.bytes },
      });
    }
  }
  for (const [name, childEdits] of nested) {
    const existing = await lookup(staging, root, name);
    if (existing !== undefined && existing.kind !== 'dir') {
      throw pathConflict(`${prefix}${name}`, 'a file is already there, where a directory is needed');
    }
    const childRoot = existing?.id ?? (await emptyTree(staging));
    const edited = await editDirectory(staging, childRoot, childEdits, `${prefix}${name}/`);
    if (edited === existing?.id) continue;
    const totals = await treeTotals(staging, edited);
    entryEdits.push({
      key: name,
      item: totals.entries === 0 ? null : { name, kind: 'dir', id: edited, files: totals.files, bytes: totals.bytes },
    });
  }
  return editTree(staging, root, entryEdits);
}

/** The entry at a path, or undefined. */
export async function entryAt(staging: NodeStaging, root: Digest, path: string): Promise<TreeEntry | undefined> {
  let directory = root;
  const segments = pathSegments(path);
  for (let i = 0; i < segments.length; i++) {
    const entry = await lookup(staging, directory, segments[i] ?? '');
    if (entry === undefined || i === segments.length - 1) return entry;
    if (entry.kind !== 'dir') return undefined;
    directory = entry.id;
  }
  return undefined;
}

/** Every file under a directory, with its path, in path order. */
export async function* filesUnder(
  staging: NodeStaging,
  root: Digest,
  prefix = '',
): AsyncGenerator<{ path: string; entry: TreeEntry }> {
  for await (const entry of entriesOf(staging, root)) {
    if (entry.kind === 'dir') yield* filesUnder(staging, entry.id, `${prefix}${entry.name}/`);
    else yield { path: `${prefix}${entry.name}`, entry };
  }
}

/**
 * The files added, removed or changed between two trees, in path order. Directories with equal
 * ids are skipped unread, so the cost follows the number of changes, not the size of the trees.
 */
export async function* diffTrees(
  staging: NodeStaging,
  before: Digest,
  after: Digest,
  prefix = '',
): AsyncGenerator<PathChange> {
  for await (const change of diffDirectories(staging, before, after)) {
    const path = `${prefix}${change.name}`;
    const { before: a, after: b } = change;
    if (a?.kind === 'dir' && b?.kind === 'dir') {
      yield* diffTrees(staging, a.id, b.id, `${path}/`);
      continue;
    }
    const removed = a?.kind === 'dir' ? filesUnder(staging, a.id, `${path}/`) : undefined;
    const added = b?.kind === 'dir' ? filesUnder(staging, b.id, `${path}/`) : undefined;
    const fileBefore = a !== undefined && a.kind !== 'dir' ? a : undefined;
    const fileAfter = b !== undefined && b.kind !== 'dir' ? b : undefined;
    if (fileBefore !== undefined || fileAfter !== undefined) {
      yield { path, ...(fileBefore && { before: fileBefore }), ...(fileAfter && { after: fileAfter }) };
    }
    if (removed !== undefined) for await (const file of removed) yield { path: file.path, before: file.entry };
    if (added !== undefined) for await (const file of added) yield { path: file.path, after: file.entry };
  }
}

function pathConflict(path: string, why: string): StrataError {
  return new StrataError('tree.path_conflict', 'conflict', `Cannot place ${path}: ${why}.`, { details: { path } });
}
