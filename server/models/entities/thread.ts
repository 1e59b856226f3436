import { defineEntity, p } from '@mikro-orm/core';
import { AccountSchema } from './account.js';
import { DatasetSchema } from './dataset.js';

/**
 * A numbered discussion of a dataset: an issue, or a change proposal (whose branches, commits and
 * reviews live in `proposal`). Both take their number from the dataset's one sequence
 * (`dataset_number`), so `#12` names exactly one of them, and both carry the same title, body,
 * author, state, labels, assignees and comments (docs/design/collaboration.md).
 */
export const ThreadSchema = defineEntity({
  name: 'Thread',
  tableName: 'thread',
  uniques: [{ name: 'thread_dataset_number_unique', properties: ['dataset', 'number'] }],
  checks: [{ name: 'thread_merged_is_a_proposal', expression: `"state" <> 'merged' or "kind" = 'proposal'` }],
  indexes: [{ name: 'thread_dataset_kind_state_index', properties: ['dataset', 'kind', 'state', 'number'] }],
  properties: {
    id: p.uuid().primary(),
    dataset: () => p.manyToOne(DatasetSchema).deleteRule('cascade'),
    number: p.integer(),
    kind: p.enum(['issue', 'proposal'] as const),
    title: p.string().length(300),
    body: p.text(),
    /** Null once the author's account is deleted: the thread stays. */
    author: () => p.manyToOne(AccountSchema).nullable().deleteRule('set null').index('thread_author_id_index'),
    /** `merged` only for proposals. */
    state: p.enum(['open', 'closed', 'merged'] as const),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    closedAt: p.datetime().nullable(),
  },
});

export class Thread extends ThreadSchema.class {}
ThreadSchema.setClass(Thread);
