import { defineEntity, p } from '@mikro-orm/core';

/**
 * Content-addressed tree nodes and commits: `id` is the SHA-256 of the object (raw 32 bytes),
 * `kind` 1 = tree node, 2 = commit, `data` its canonical bytes. Rows are never updated.
 */
export const StoredObjectSchema = defineEntity({
  name: 'StoredObject',
  tableName: 'object',
  properties: {
    id: p.blob().columnType('bytea').primary(),
    kind: p.smallint(),
    data: p.blob().columnType('bytea'),
  },
});

export class StoredObject extends StoredObjectSchema.class {}
StoredObjectSchema.setClass(StoredObject);

/**
 * A file (DICOM instance or other) by the SHA-256 of its bytes, and the blob-store parts that
 * concatenate to it: `parts` is their raw 32-byte digests, back to back.
 */
export const StoredFileSchema = defineEntity({
  name: 'StoredFile',
  tableName: 'file',
  properties: {
    id: p.blob().columnType('bytea').primary(),
    size: p.bigint('number'),
    parts: p.blob().columnType('bytea'),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class StoredFile extends StoredFileSchema.class {}
StoredFileSchema.setClass(StoredFile);
