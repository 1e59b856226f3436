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
  },
});

export class Dataset extends DatasetSchema.class {}
DatasetSchema.setClass(Dataset);
