import { randomBytes, randomUUID } from 'node:crypto';
import type { DatasetRecord, DeliveryRecord, VersioningRepositories, WebhookRecord } from '@strata/models';
import { isUuid, StrataError } from '@strata/modules/errors';
import type { Actor } from '../access/actor.js';
import { openDataset, requireAccess } from '../access/require-access.js';
import { recordEvent } from '../audit/audit.js';
import type { VersioningDeps } from '../versioning/versioning-deps.js';
import { checkActions } from './webhook-actions.js';

/** The pg-boss queue of webhook deliveries: one job per (webhook, event). */
export const DELIVERY_QUEUE = 'webhook-delivery';

/** How many of each webhook's latest deliveries a listing shows. */
const RECENT_DELIVERIES = 20;

export interface NewWebhook {
  url: string;
  actions: readonly string[];
  /** 16 to 200 characters; one is generated when absent. */
  secret?: string;
  active?: boolean;
}

/** A webhook as callers see it: no secret, and its dataset named (`owner/name`). */
export type WebhookView = Omit<WebhookRecord, 'secret'> & { dataset: string };

/** A delivery, with when its job runs next when it waits for a first attempt or a retry. */
export interface DeliveryView extends DeliveryRecord {
  nextAttemptAt: Date | null;
}

/**
 * Registers a webhook on a dataset (admin role, as a user: deliveries stop when its creator no
 * longer administers the dataset). The secret is returned here and never again.
 */
export async function createWebhook(
  deps: VersioningDeps,
  actor: Actor,
  fullName: string,
  hook: NewWebhook,
): Promise<{ webhook: WebhookView; secret: string }> {
  const url = checkUrl(hook.url);
  const actions = checkActions(hook.actions);
  const secret = hook.secret === undefined ? randomBytes(32).toString('hex') : checkSecret(hook.secret);
  const dataset = await openDataset(deps, actor, fullName, 'admin');
  if (actor.kind !== 'user') {
    throw new StrataError('auth.user_required', 'forbidden', 'A webhook is created by a user, who answers for it.');
  }
  const id = randomUUID();
  return deps.database.transaction(async (repositories) => {
    const event = await recordEvent(repositories, deps, actor, 'webhook.created', {
      datasetId: dataset.id,
      subject: fullName,
      data: { webhook: id, host: new URL(url).host, actions, active: hook.active ?? true },
    });
    const created = await repositories.webhooks.create(
      {
        id,
        datasetId: dataset.id,
        url,
        secret,
        actions,
        active: hook.active ?? true,
        creatorId: actor.userId,
        sinceSeq: event.seq,
      },
      deps.now(),
    );
    return { webhook: viewOf(created, dataset), secret };
  });
}

/** Changes a webhook's URL, actions, secret or active flag (admin role on its dataset). */
export async function updateWebhook(
  deps: VersioningDeps,
  actor: Actor,
  id: string,
  changes: Partial<NewWebhook>,
): Promise<WebhookView> {
  const checked = {
    ...(changes.url !== undefined && { url: checkUrl(changes.url) }),
    ...(changes.actions !== undefined && { actions: checkActions(changes.actions) }),
    ...(changes.secret !== undefined && { secret: checkSecret(changes.secret) }),
    ...(changes.active !== undefined && { active: changes.active }),
  };
  const { dataset } = await administeredWebhook(deps, actor, id);
  return deps.database.transaction(async (repositories) => {
    await lockedWebhook(repositories, id);
    await repositories.webhooks.update(id, checked, deps.now());
    await recordEvent(repositories, deps, actor, 'webhook.updated', {
      datasetId: dataset.id,
      subject: `${dataset.owner}/${dataset.name}`,
      data: {
        webhook: id,
        changed: Object.keys(checked).sort(),
        ...(checked.actions !== undefined && { actions: checked.actions }),
        ...(checked.active !== undefined && { active: checked.active }),
      },
    });
    return viewOf(await lockedWebhook(repositories, id), dataset);
  });
}

/** Deletes a webhook and its deliveries (admin role on its dataset). */
export async function deleteWebhook(deps: VersioningDeps, actor: Actor, id: string): Promise<void> {
  const { dataset } = await administeredWebhook(deps, actor, id);
  await deps.database.transaction(async (repositories) => {
    await lockedWebhook(repositories, id);
    await repositories.webhooks.delete(id);
    await recordEvent(repositories, deps, actor, 'webhook.deleted', {
      datasetId: dataset.id,
      subject: `${dataset.owner}/${dataset.name}`,
      data: { webhook: id },
    });
  });
}

/** The dataset's webhooks (admin role), oldest first. */
export async function listWebhooks(deps: VersioningDeps, actor: Actor, fullName: string): Promise<WebhookView[]> {
  const dataset = await openDataset(deps, actor, fullName, 'admin');
  return (await deps.database.read().webhooks.ofDataset(dataset.id)).map((hook) => viewOf(hook, dataset));
}

/** The latest deliveries of each webhook, newest first (for webhooks the caller listed). */
export async function recentDeliveries(
  deps: VersioningDeps,
  webhookIds: readonly string[],
): Promise<Map<string, DeliveryView[]>> {
  const deliveries = await deps.database.read().webhooks.recentDeliveries(webhookIds, RECENT_DELIVERIES);
  const waiting = deliveries.filter((d) => (d.state === 'queued' || d.state === 'retrying') && d.jobId !== null);
  const next =
    deps.jobs === undefined || waiting.length === 0
      ? new Map<string, Date>()
      : await deps.jobs.nextAttempts(
          DELIVERY_QUEUE,
          waiting.map((d) => d.jobId as string),
        );
  const byHook = new Map<string, DeliveryView[]>(webhookIds.map((id) => [id, []]));
  for (const delivery of deliveries) {
    byHook.get(delivery.webhookId)?.push({
      ...delivery,
      nextAttemptAt: delivery.jobId === null ? null : (next.get(delivery.jobId) ?? null),
    });
  }
  return byHook;
}

/**
 * Sends a delivery again as a new job (admin role), with the retries of a new one: for a
 * dead-lettered delivery, or a done one to be sent once more. One still in flight is refused.
 */
export async function redeliverWebhook(deps: VersioningDeps, actor: Actor, deliveryId: string): Promise<DeliveryView> {
  const jobs = deps.jobs;
  if (jobs === undefined) {
    throw new StrataError('jobs.unavailable', 'unavailable', 'This process runs no job system: try again later.');
  }
  const notFound = new StrataError('webhook.delivery_not_found', 'not_found', `No webhook delivery ${deliveryId}.`);
  if (!isUuid(deliveryId)) throw notFound;
  const found = await deps.database.read().webhooks.delivery(deliveryId);
  if (found === undefined) throw notFound;
  const { hook, dataset } = await administeredWebhook(deps, actor, found.webhookId).catch((error: unknown) => {
    throw error instanceof StrataError && error.code === 'webhook.not_found' ? notFound : error;
  });
  if (!hook.active) {
    throw new StrataError('webhook.inactive', 'conflict', 'The webhook is inactive: activate it to redeliver.');
  }
  return deps.database.transaction(async (repositories) => {
    const delivery = await repositories.webhooks.delivery(deliveryId, true);
    if (delivery === undefined) throw notFound;
    if (delivery.state !== 'failed' && delivery.state !== 'done') {
      throw new StrataError(
        'webhook.delivery_in_flight',
        'conflict',
        `The delivery is ${delivery.state}: wait for it.`,
        {
          details: { state: delivery.state },
        },
      );
    }
    const jobId = await jobs.send(DELIVERY_QUEUE, { deliveryId }, repositories);
    const at = deps.now();
    await repositories.webhooks.queueDelivery(deliveryId, jobId, at);
    await recordEvent(repositories, deps, actor, 'webhook.redelivered', {
      datasetId: dataset.id,
      subject: `${dataset.owner}/${dataset.name}`,
      data: { webhook: hook.id, delivery: deliveryId, event: delivery.eventSeq },
    });
    return { ...delivery, state: 'queued' as const, jobId, updatedAt: at, nextAttemptAt: null };
  });
}

/** The webhook and its dataset if the actor administers it; `webhook.not_found` when they cannot read the dataset either. */
async function administeredWebhook(
  deps: VersioningDeps,
  actor: Actor,
  id: string,
): Promise<{ hook: WebhookRecord; dataset: DatasetRecord }> {
  const notFound = new StrataError('webhook.not_found', 'not_found', `No webhook ${id}.`);
  if (!isUuid(id)) throw notFound;
  const read = deps.database.read();
  const hook = await read.webhooks.get(id);
  const dataset = hook === undefined ? undefined : await read.datasets.findById(hook.datasetId);
  if (hook === undefined || dataset === undefined) throw notFound;
  await requireAccess(deps, actor, dataset, 'admin').catch((error: unknown) => {
    throw error instanceof StrataError && error.code === 'dataset.not_found' ? notFound : error;
  });
  return { hook, dataset };
}

async function lockedWebhook(repositories: VersioningRepositories, id: string): Promise<WebhookRecord> {
  const hook = await repositories.webhooks.get(id, true);
  if (hook === undefined) throw new StrataError('webhook.not_found', 'not_found', `No webhook ${id}.`);
  return hook;
}

function checkUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw invalidUrl(value);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username !== '' || url.password !== '') {
    throw invalidUrl(value);
  }
  const text = url.toString();
  if (text.length > 2000) throw invalidUrl(value);
  return text;
}

function invalidUrl(value: string): StrataError {
  return new StrataError(
    'webhook.invalid_url',
    'invalid',
    'A webhook URL is an absolute http:// or https:// URL of at most 2,000 characters, without user or password.',
    { details: { url: value.slice(0, 200) } },
  );
}

function checkSecret(secret: string): string {
  if (secret.length < 16 || secret.length > 200) {
    throw new StrataError('webhook.invalid_secret', 'invalid', 'A webhook secret has 16 to 200 characters.');
  }
  return secret;
}

function viewOf(record: WebhookRecord, dataset: DatasetRecord): WebhookView {
  const { secret: _secret, ...view } = record;
  return { ...view, dataset: `${dataset.owner}/${dataset.name}` };
}
