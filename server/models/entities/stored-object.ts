import { defineEntity, p } from '@mikro-orm/core';

/**
 * Content-addressed tree nodes and commits: `id` is the SHA-256 of the object (raw 32 bytes),
 * `kind` 1 = tree node, 2 = commit, `data` its canonical bytes. `data` never changes;
 * `touchedAt` is refreshed by every write that finds the row already there, and gc removes only
 * unreachable rows not touched for its grace period (docs/design/versioning.md). No index on
 * it: a touch is then a HOT update, and gc reads the table whole anyway.
 */
export const StoredObjectSchema = defineEntity({
  name: 'StoredObject',
  tableName: 'object',
  properties: {
    id: p.blob().columnType('bytea').primary(),
    kind: p.smallint(),
    data: p.blob().columnType('bytea'),
    touchedAt: p.datetime().defaultRaw('now()'),
  },
});

export class StoredObject extends StoredObjectSchema.class {}
StoredObjectSchema.setClass(StoredObject);

/**
 * A file (DICOM instance or other) by the SHA-256 of its bytes, and the blob-store parts that
 * concatenate to it: `parts` is their raw 32-byte digests, back to back. `touchedAt` as for objects.
 */
export const StoredFileSchema = defineEntity({
  name: 'StoredFile',
  tableName: 'file',
  properties: {
    id: p.blob().columnType('bytea').primary(),
    size: p.bigint('number'),
    parts: p.blob().columnType('bytea'),
    createdAt: p.datetime().onCreate(() => new Date()),
    touchedAt: p.datetime().defaultRaw('now()'),
  },
});

export class StoredFile extends StoredFileSchema.class {}
StoredFileSchema.setClass(StoredFile);
