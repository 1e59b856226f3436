import { defineEntity, p } from '@mikro-orm/core';
import { AccountSchema } from './account.js';
import { DatasetSchema } from './dataset.js';

/**
 * A release: a tag of the dataset (created in the same transaction) with its notes, citation and
 * what it holds, counted once at publication. Only the title and notes change afterwards; the
 * tag is immutable in `ref` itself.
 */
export const ReleaseSchema = defineEntity({
  name: 'Release',
  tableName: 'release',
  uniques: [{ name: 'release_dataset_tag_unique', properties: ['dataset', 'tag'] }],
  indexes: [{ name: 'release_dataset_created_index', properties: ['dataset', 'createdAt', 'id'] }],
  properties: {
    id: p.uuid().primary(),
    dataset: () => p.manyToOne(DatasetSchema).deleteRule('cascade'),
    tag: p.string().length(255),
    commitId: p.blob().columnType('bytea'),
    treeId: p.blob().columnType('bytea'),
    title: p.string().length(300),
    notes: p.text(),
    /** Authors (name, affiliation, ORCID), version, SPDX license, DOI. */
    citation: p.json<Record<string, unknown>>(),
    studies: p.integer(),
    series: p.integer(),
    instances: p.integer(),
    bytes: p.bigint('number'),
    author: () => p.manyToOne(AccountSchema).nullable().deleteRule('set null').index('release_author_id_index'),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

export class Release extends ReleaseSchema.class {}
ReleaseSchema.setClass(Release);
