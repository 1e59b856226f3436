import { defineEntity, p } from '@mikro-orm/core';

/** A versioned collection of DICOM instances and other files, named `owner/name`. */
export const DatasetSchema = defineEntity({
  name: 'Dataset',
  tableName: 'dataset',
  uniques: [{ properties: ['owner', 'name'] }],
  properties: {
    id: p.uuid().primary(),
    owner: p.string().length(100),
    name: p.string().length(100),
    defaultBranch: p.string().length(255),
    /** Who may read it without a grant: anyone (`public`), any signed-in user (`internal`), or no one. */
    visibility: p.enum(['private', 'internal', 'public'] as const).default('private'),
    createdAt: p.datetime().onCreate(() => new Date()),
    /** The dataset this one was forked from (null for an original, or when that one was deleted). */
    forkedFrom: () => p.manyToOne(DatasetSchema).nullable().deleteRule('set null').index('dataset_forked_from_index'),
    /**
     * The original at the root of its forks (null for an original: its lineage is itself). Kept
     * when a dataset in between is deleted, so proposals between forks still see one lineage.
     */
    lineageId: p.uuid().nullable(),
  },
});

export class Dataset extends DatasetSchema.class {}
DatasetSchema.setClass(Dataset);
