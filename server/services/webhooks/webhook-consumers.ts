import type { JobQueue } from '@strata/models';
import type { VersioningDeps } from '../versioning/versioning-deps.js';
import { deliverWebhook, type DeliveryJob, type DeliverySettings } from './webhook-delivery.js';
import { WebhookDispatcher, type DispatcherOptions } from './webhook-dispatcher.js';
import { DELIVERY_QUEUE } from './webhooks.js';

/** Running webhook consumers: the dispatcher and the delivery workers of this process. */
export interface WebhookConsumers {
  readonly dispatcher: WebhookDispatcher;
  /** Stops dispatching (the queue's own stop ends the workers). */
  close(): Promise<void>;
}

/** Declares the delivery queue with its retry policy, starts its workers and the dispatcher. */
export async function startWebhookConsumers(
  deps: VersioningDeps,
  jobs: JobQueue,
  settings: DeliverySettings & { dispatcher?: DispatcherOptions },
): Promise<WebhookConsumers> {
  await jobs.define(DELIVERY_QUEUE, settings.retry);
  await jobs.work<DeliveryJob>(DELIVERY_QUEUE, (run) => deliverWebhook(deps, settings, run));
  const dispatcher = new WebhookDispatcher(deps, jobs, settings.dispatcher);
  await dispatcher.start();
  return { dispatcher, close: () => dispatcher.close() };
}
