import type { EventListener, JobQueue } from '@strata/models';
import { CoalescedRun } from '../events/coalesced-run.js';
import type { VersioningDeps } from '../versioning/versioning-deps.js';
import { wantsAction } from './webhook-actions.js';
import { DELIVERY_QUEUE } from './webhooks.js';

/** The dispatcher's row in `dispatch_cursor`. */
const CURSOR = 'webhooks';

export interface DispatcherOptions {
  /** The safety net beside the database's signal: read the log this often anyway. */
  pollMs?: number;
  /** Events read per transaction. */
  batchSize?: number;
  onError?: (error: unknown) => void;
}

/**
 * Turns committed audit events into webhook deliveries, exactly once. In one transaction it locks
 * its cursor (the last seq dispatched), reads the events after it, records a delivery and
 * enqueues its job for every active webhook that wants each event, and moves the cursor: a crash
 * leaves all of it or none, and a second dispatcher (another process) waits on the lock and then
 * starts where this one stopped. Woken by the same signal as the event hub, and by a slow poll.
 */
export class WebhookDispatcher {
  private listener: EventListener | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly dispatching = new CoalescedRun(
    () => this.dispatchAll(),
    (error) => this.options.onError?.(error),
  );
  private readonly batchSize: number;

  constructor(
    private readonly deps: VersioningDeps,
    private readonly jobs: JobQueue,
    private readonly options: DispatcherOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 200;
  }

  async start(): Promise<void> {
    this.listener = await this.deps.database.listen(() => this.wake(), {
      ...(this.options.onError !== undefined && { onError: this.options.onError }),
    });
    this.timer = setInterval(() => this.wake(), this.options.pollMs ?? 5000);
    this.timer.unref();
    this.wake();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.listener?.close();
    await this.dispatching.stop();
  }

  /** Dispatches every event committed so far; resolves when the log is read to its end. */
  async dispatchAll(): Promise<void> {
    while ((await this.dispatchBatch()) === this.batchSize) {
      if (this.closed) return;
    }
  }

  /**
   * One transaction: up to a batch of events after the cursor; returns how many were read. With
   * no active webhook, one statement moves the cursor past the log instead (most installations
   * have none, and this runs after every commit).
   */
  async dispatchBatch(): Promise<number> {
    if (await this.deps.database.read().webhooks.skipWithoutActive(CURSOR)) return 0;
    return this.deps.database.transaction(async (repositories) => {
      const cursor = await repositories.webhooks.lockCursor(CURSOR);
      const events = await repositories.audit.after(cursor, this.batchSize);
      const last = events.at(-1);
      if (last === undefined) return 0;
      const datasetIds = [...new Set(events.flatMap((event) => (event.datasetId === null ? [] : [event.datasetId])))];
      const hooks = await repositories.webhooks.activeOf(datasetIds);
      const at = this.deps.now();
      for (const event of events) {
        for (const hook of hooks) {
          if (hook.datasetId !== event.datasetId || event.seq <= hook.sinceSeq) continue;
          if (!wantsAction(hook.actions, event.action)) continue;
          const delivery = await repositories.webhooks.addDelivery(
            { webhookId: hook.id, eventSeq: event.seq, action: event.action },
            at,
          );
          if (delivery === undefined) continue;
          const jobId = await this.jobs.send(DELIVERY_QUEUE, { deliveryId: delivery.id }, repositories);
          await repositories.webhooks.queueDelivery(delivery.id, jobId, at);
        }
      }
      await repositories.webhooks.moveCursor(CURSOR, last.seq);
      return events.length;
    });
  }

  private wake(): void {
    if (!this.closed) this.dispatching.wake();
  }
}
