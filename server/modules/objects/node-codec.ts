import { createHash } from 'node:crypto';
import type { Digest } from '../blob/index.js';
import { StrataError } from '../errors/index.js';
import { ByteReader, ByteWriter } from './byte-writer.js';
import { compareNames, type EntryKind, type TreeEntry } from './tree-entry.js';
import { itemKey, type ChildRef, type TreeNode } from './tree-node.js';

const FORMAT = 1;
const KINDS: EntryKind[] = ['dir', 'dicom', 'file'];

/** The canonical bytes of a node: the same items always give the same bytes. */
export function encodeNode(node: TreeNode): Uint8Array {
  const out = new ByteWriter();
  out.byte(FORMAT);
  out.byte(node.level);
  out.varint(node.items.length);
  for (const item of node.items) {
    out.string(itemKey(item));
    if ('lastName' in item) {
      out.bytes(Buffer.from(item.id, 'hex'));
      out.varint(item.entries);
    } else {
      out.byte(KINDS.indexOf(item.kind));
      out.bytes(Buffer.from(item.id, 'hex'));
    }
    out.varint(item.files);
    out.varint(item.bytes);
  }
  return out.finish();
}

/** The id of an encoded node: SHA-256 over a type prefix and its bytes. */
export function nodeId(encoded: Uint8Array): Digest {
  return createHash('sha256').update('tree\0').update(encoded).digest('hex') as Digest;
}

/** Decodes and validates a node (sorted, unique, well-formed names); `object.corrupt` otherwise. */
export function decodeNode(encoded: Uint8Array, id?: Digest): TreeNode {
  try {
    const input = new ByteReader(encoded);
    if (input.byte() !== FORMAT) throw new RangeError('unknown format');
    const level = input.byte();
    const count = input.varint();
    const items: (TreeEntry | ChildRef)[] = [];
    let previous: string | undefined;
    for (let i = 0; i < count; i++) {
      const name = input.string();
      if (!isValidName(name)) throw new RangeError(`invalid name ${JSON.stringify(name)}`);
      if (previous !== undefined && compareNames(previous, name) >= 0) throw new RangeError('names out of order');
      previous = name;
      if (level === 0) {
        const kind = KINDS[input.byte()];
        if (kind === undefined) throw new RangeError('unknown entry kind');
        const entryId = Buffer.from(input.bytes(32)).toString('hex') as Digest;
        items.push({ name, kind, id: entryId, files: input.varint(), bytes: input.varint() });
      } else {
        const childId = Buffer.from(input.bytes(32)).toString('hex') as Digest;
        items.push({
          lastName: name,
          id: childId,
          entries: input.varint(),
          files: input.varint(),
          bytes: input.varint(),
        });
      }
    }
    if (!input.done) throw new RangeError('trailing bytes');
    return level === 0 ? { level: 0, items: items as TreeEntry[] } : { level, items: items as ChildRef[] };
  } catch (error) {
    throw new StrataError(
      'object.corrupt',
      'internal',
      `Tree node ${id ?? nodeId(encoded)} is corrupt: ${String(error)}.`,
      {
        cause: error,
      },
    );
  }
}

/** A path segment: non-empty, no `/`, not `.` or `..`, no NUL. */
export function isValidName(name: string): boolean {
  return name.length > 0 && name.length <= 1024 && name !== '.' && name !== '..' && !/[/\0]/.test(name);
}
