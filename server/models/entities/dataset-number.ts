import { defineEntity, p } from '@mikro-orm/core';
import { DatasetSchema } from './dataset.js';

/**
 * The last number given out in a dataset: change proposals and issues share one sequence per
 * dataset (`#12`), as on GitHub (docs/design/collaboration.md).
 */
export const DatasetNumberSchema = defineEntity({
  name: 'DatasetNumber',
  tableName: 'dataset_number',
  properties: {
    dataset: () => p.manyToOne(DatasetSchema).primary().deleteRule('cascade'),
    lastNumber: p.integer(),
  },
});

export class DatasetNumber extends DatasetNumberSchema.class {}
DatasetNumberSchema.setClass(DatasetNumber);
