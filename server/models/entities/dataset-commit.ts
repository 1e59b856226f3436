import { defineEntity, p } from '@mikro-orm/core';
import { DatasetSchema } from './dataset.js';

/**
 * The commits of a dataset (made, merged, pushed or imported into it): a commit id in a URL
 * resolves only within its dataset, so one dataset's URL never reads another's data.
 */
export const DatasetCommitSchema = defineEntity({
  name: 'DatasetCommit',
  tableName: 'dataset_commit',
  properties: {
    dataset: () => p.manyToOne(DatasetSchema).primary().deleteRule('cascade'),
    commitId: p.blob().columnType('bytea').primary(),
  },
});

export class DatasetCommit extends DatasetCommitSchema.class {}
DatasetCommitSchema.setClass(DatasetCommit);
