import type { Digest } from '../blob/index.js';

/** What a directory entry names: a subdirectory, a DICOM instance, or any other file. */
export type EntryKind = 'dir' | 'dicom' | 'file';

/**
 * One name in a directory. For a file, `files` is 1 and `bytes` its size; for a directory they
 * total everything below it, so counts and sizes are read off one entry, never recounted.
 */
export interface TreeEntry {
  name: string;
  kind: EntryKind;
  id: Digest;
  files: number;
  bytes: number;
}

/** Orders names by Unicode code point, the canonical order of entries in every tree. */
export function compareNames(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i) ?? 0;
    const y = b.codePointAt(i) ?? 0;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length < b.length ? -1 : 1;
}

export function sameEntry(a: TreeEntry, b: TreeEntry): boolean {
  return a.name === b.name && a.kind === b.kind && a.id === b.id && a.files === b.files && a.bytes === b.bytes;
}
