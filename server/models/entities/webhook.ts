import { defineEntity, p } from '@mikro-orm/core';
import { AccountSchema } from './account.js';
import { DatasetSchema } from './dataset.js';

/**
 * A webhook of a dataset: where its events are POSTed, signed with the secret. The secret is
 * kept as given (it must sign every request, unlike a token, which is only compared), and never
 * read back out through the API.
 */
export const WebhookSchema = defineEntity({
  name: 'Webhook',
  tableName: 'webhook',
  indexes: [{ name: 'webhook_dataset_index', properties: ['dataset', 'createdAt'] }],
  properties: {
    id: p.uuid().primary(),
    dataset: () => p.manyToOne(DatasetSchema).deleteRule('cascade'),
    url: p.string().length(2000),
    secret: p.string().length(200),
    /** Action names, prefixes ending in a dot, or `*`. */
    actions: p.json<string[]>(),
    active: p.boolean(),
    /** Who created it: deliveries stop when they no longer administer the dataset. */
    creator: () => p.manyToOne(AccountSchema).nullable().deleteRule('set null').index('webhook_creator_id_index'),
    /** The audit seq of its creation: only later events are delivered. */
    sinceSeq: p.bigint('number'),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

export class Webhook extends WebhookSchema.class {}
WebhookSchema.setClass(Webhook);

/** One event sent (or being sent) to one webhook; unique per (webhook, event), so never enqueued twice. */
export const WebhookDeliverySchema = defineEntity({
  name: 'WebhookDelivery',
  tableName: 'webhook_delivery',
  uniques: [{ name: 'webhook_delivery_event_unique', properties: ['webhook', 'eventSeq'] }],
  indexes: [{ name: 'webhook_delivery_recent_index', properties: ['webhook', 'createdAt'] }],
  properties: {
    id: p.uuid().primary(),
    webhook: () => p.manyToOne(WebhookSchema).deleteRule('cascade'),
    eventSeq: p.bigint('number'),
    action: p.string().length(100),
    /** queued, running, retrying, failed (dead-lettered) or done. */
    state: p.string().length(20),
    attempts: p.integer(),
    /** The pg-boss job now carrying it (a manual redelivery starts a new one). */
    jobId: p.uuid().nullable(),
    responseStatus: p.integer().nullable(),
    /** The first 2,000 characters of the last response's body. */
    responseBody: p.text().nullable(),
    lastError: p.text().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

export class WebhookDelivery extends WebhookDeliverySchema.class {}
WebhookDeliverySchema.setClass(WebhookDelivery);

/** How far a dispatcher has read the audit log (one row per dispatcher name); its row lock makes dispatch single-file. */
export const DispatchCursorSchema = defineEntity({
  name: 'DispatchCursor',
  tableName: 'dispatch_cursor',
  properties: {
    name: p.string().length(50).primary(),
    seq: p.bigint('number'),
  },
});

export class DispatchCursor extends DispatchCursorSchema.class {}
DispatchCursorSchema.setClass(DispatchCursor);
