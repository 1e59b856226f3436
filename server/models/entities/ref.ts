import { defineEntity, p } from '@mikro-orm/core';
import { DatasetSchema } from './dataset.js';

/**
 * A branch (moves, by compare-and-swap on `commitId`) or a tag (written once) of a dataset.
 * `commitId` is the raw 32-byte SHA-256 of the commit.
 */
export const RefSchema = defineEntity({
  name: 'Ref',
  tableName: 'ref',
  // Tags are immutable in the database itself, not only by convention of the code.
  triggers: [
    {
      name: 'tags_immutable',
      timing: 'before',
      events: ['update'],
      forEach: 'row',
      body: "if old.kind = 'tag' then raise exception 'tag % is immutable', old.name using errcode = 'check_violation'; end if; return new;",
    },
  ],
  properties: {
    dataset: () => p.manyToOne(DatasetSchema).primary().deleteRule('cascade'),
    name: p.string().length(255).primary(),
    kind: p.enum(['branch', 'tag'] as const),
    commitId: p.blob().columnType('bytea'),
    updatedAt: p.datetime().onCreate(() => new Date()),
  },
});

export class Ref extends RefSchema.class {}
RefSchema.setClass(Ref);
