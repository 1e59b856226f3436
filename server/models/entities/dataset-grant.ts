import { defineEntity, p } from '@mikro-orm/core';
import { AccountSchema, TeamSchema } from './account.js';
import { DatasetSchema } from './dataset.js';

/** A role on a dataset given to one user (a collaborator) or to a team: exactly one of the two. */
export const DatasetGrantSchema = defineEntity({
  name: 'DatasetGrant',
  tableName: 'dataset_grant',
  uniques: [
    { name: 'dataset_grant_user_unique', properties: ['dataset', 'user'] },
    { name: 'dataset_grant_team_unique', properties: ['dataset', 'team'] },
  ],
  checks: [{ name: 'dataset_grant_one_grantee', expression: '("user_id" is null) <> ("team_id" is null)' }],
  properties: {
    id: p.uuid().primary(),
    dataset: () => p.manyToOne(DatasetSchema).deleteRule('cascade'),
    user: () => p.manyToOne(AccountSchema).nullable().deleteRule('cascade').index('dataset_grant_user_id_index'),
    team: () => p.manyToOne(TeamSchema).nullable().deleteRule('cascade').index('dataset_grant_team_id_index'),
    role: p.enum(['read', 'write', 'admin'] as const),
  },
});

export class DatasetGrant extends DatasetGrantSchema.class {}
DatasetGrantSchema.setClass(DatasetGrant);
