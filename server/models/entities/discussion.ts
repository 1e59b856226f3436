import { defineEntity, p } from '@mikro-orm/core';
import { AccountSchema } from './account.js';
import { DatasetSchema } from './dataset.js';
import { ThreadSchema } from './thread.js';

/**
 * A label of a dataset's threads. `nameKey` is the name in lower case: names are unique per
 * dataset regardless of case (`Bug` and `bug` would be one label to a reader), and the unique
 * constraint on a plain column works the same on PGlite and PostgreSQL.
 */
export const LabelSchema = defineEntity({
  name: 'Label',
  tableName: 'label',
  uniques: [{ name: 'label_dataset_name_key_unique', properties: ['dataset', 'nameKey'] }],
  properties: {
    id: p.uuid().primary(),
    dataset: () => p.manyToOne(DatasetSchema).deleteRule('cascade'),
    name: p.string().length(50),
    nameKey: p.string().length(50),
    /** Six hex digits, without `#`. */
    color: p.string().length(6),
    description: p.string().length(200),
    createdAt: p.datetime(),
  },
});

export class Label extends LabelSchema.class {}
LabelSchema.setClass(Label);

/** A label on a thread (issue or proposal); goes with either. */
export const ThreadLabelSchema = defineEntity({
  name: 'ThreadLabel',
  tableName: 'thread_label',
  properties: {
    thread: () => p.manyToOne(ThreadSchema).primary().deleteRule('cascade'),
    label: () => p.manyToOne(LabelSchema).primary().deleteRule('cascade').index('thread_label_label_id_index'),
  },
});

export class ThreadLabel extends ThreadLabelSchema.class {}
ThreadLabelSchema.setClass(ThreadLabel);

/** A user assigned to a thread. */
export const ThreadAssigneeSchema = defineEntity({
  name: 'ThreadAssignee',
  tableName: 'thread_assignee',
  properties: {
    thread: () => p.manyToOne(ThreadSchema).primary().deleteRule('cascade'),
    account: () => p.manyToOne(AccountSchema).primary().deleteRule('cascade').index('thread_assignee_account_id_index'),
  },
});

export class ThreadAssignee extends ThreadAssigneeSchema.class {}
ThreadAssigneeSchema.setClass(ThreadAssignee);

/**
 * A comment on a thread, optionally anchored to a commit of the thread's dataset and a study
 * [/ series [/ instance [/ frame [/ region]]]] of its tree. A deleted comment keeps its row with
 * `deletedAt` set and an empty body (a tombstone): the conversation keeps its shape, and the
 * audit log's `comment.deleted` names a row that still exists.
 */
export const CommentSchema = defineEntity({
  name: 'Comment',
  tableName: 'comment',
  indexes: [
    { name: 'comment_thread_order_index', properties: ['thread', 'createdAt', 'id'] },
    { name: 'comment_anchor_index', properties: ['dataset', 'anchorStudy', 'anchorSeries', 'anchorInstance'] },
  ],
  properties: {
    id: p.uuid().primary(),
    /** The thread's dataset, repeated so the viewer's "comments on this instance" needs no join. */
    dataset: () => p.manyToOne(DatasetSchema).deleteRule('cascade'),
    thread: () => p.manyToOne(ThreadSchema).deleteRule('cascade'),
    author: () => p.manyToOne(AccountSchema).nullable().deleteRule('set null').index('comment_author_id_index'),
    body: p.text(),
    anchorCommit: p.blob().columnType('bytea').nullable(),
    anchorStudy: p.string().length(64).nullable(),
    anchorSeries: p.string().length(64).nullable(),
    anchorInstance: p.string().length(64).nullable(),
    anchorFrame: p.integer().nullable(),
    /** `{x, y}` (a point) or `{x, y, width, height}` (a rectangle), in pixels of the frame. */
    anchorRegion: p.json<Record<string, number>>().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    deletedAt: p.datetime().nullable(),
  },
});

export class Comment extends CommentSchema.class {}
CommentSchema.setClass(Comment);
