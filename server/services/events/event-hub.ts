import type { AuditEventView, DatasetRelation, EventListener, EventListenerOptions } from '@strata/models';
import { StrataError } from '@strata/modules/errors';
import { authenticateUntil, requireSiteAdmin, roleGiven, type Actor, type Credentials } from '../access/index.js';
import type { VersioningDeps } from '../versioning/versioning-deps.js';
import { changesCredentials, changesRoles } from './access-changes.js';
import { CoalescedRun } from './coalesced-run.js';
import { EventQueue } from './event-queue.js';
import { EventSession } from './event-session.js';
import { publishedEvent, type PublishedEvent } from './published-event.js';

/** What a subscription receives: one dataset's events (optionally some actions), or the whole log. */
/** The audit event of reads of data (ReadAuditor). */
const READ_ACTION = 'data.read';

export type EventFilter =
  { kind: 'dataset'; datasetId: string; actions?: readonly string[] } | { kind: 'audit'; datasetId?: string };

export interface EventHubOptions {
  /** Events read from the log per query. */
  batchSize?: number;
  /** How often every connection's credentials are checked again and cached relations forgotten. */
  recheckMs?: number;
  /** Events a subscription may have waiting before it is ended as too slow. */
  maxPending?: number;
  /** The most cached relations (user × dataset) before the cache starts over. */
  maxRelations?: number;
  /** Told about failures the hub recovers from by itself (a read that will be retried). */
  onError?: (error: unknown, what: string) => void;
  listener?: EventListenerOptions;
}

interface Subscription {
  session: EventSession;
  filter: EventFilter;
  queue: EventQueue<PublishedEvent>;
}

/**
 * The events of the audit log, fanned out to this process's subscriptions after they commit
 * (docs/design/collaboration.md, "Publication after commit"). A database signal only says there
 * is something after the last seq delivered: the hub reads the log from there, so delivery is in
 * seq order and has no gaps, however signals are lost (a dropped listening connection) or merged.
 *
 * Every delivery is authorised for the subscriber as it is at that point of the log. A user's
 * relation to a dataset (organization role, grants) is cached until an event that can change
 * access passes through the stream (grants, visibility, memberships, accounts, tokens): in the
 * common case an event reaches N subscribers with no query at all.
 */
export class EventHub {
  private readonly subscriptions = new Set<Subscription>();
  private readonly sessions = new Set<EventSession>();
  private readonly relations = new Map<string, Promise<DatasetRelation>>();
  private readonly options: Required<Omit<EventHubOptions, 'onError' | 'listener'>>;
  private lastSeq = 0;
  private started = false;
  private closed = false;
  private readonly draining = new CoalescedRun(
    () => this.drain(),
    (error) => {
      this.hubOptions.onError?.(error, 'events delivery');
      // Nothing after lastSeq was delivered: try again shortly, from there.
      this.retryTimer = setTimeout(() => this.wake(), 1000);
      this.retryTimer.unref();
    },
  );
  private recheckDue = false;
  private listener: EventListener | undefined;
  private recheckTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly deps: VersioningDeps,
    private readonly hubOptions: EventHubOptions = {},
  ) {
    this.options = {
      batchSize: hubOptions.batchSize ?? 200,
      recheckMs: hubOptions.recheckMs ?? 60_000,
      maxPending: hubOptions.maxPending ?? 1000,
      maxRelations: hubOptions.maxRelations ?? 10_000,
    };
  }

  /** Listens, then delivers every event committed from now on. */
  async start(): Promise<void> {
    // Listen before reading the head: an event committed in between is then either before the
    // head (not ours to deliver) or signalled.
    this.listener = await this.deps.database.listen(() => this.wake(), {
      onError: (error) => this.hubOptions.onError?.(error, 'events listener reconnect'),
      ...this.hubOptions.listener,
    });
    this.lastSeq = (await this.deps.database.read().audit.head()).seq;
    this.started = true;
    this.recheckTimer = setInterval(() => {
      this.recheckDue = true;
      this.wake();
    }, this.options.recheckMs);
    this.recheckTimer.unref();
    this.wake();
  }

  /** The seq of the last event fanned out. */
  get position(): number {
    return this.lastSeq;
  }

  get subscriptionCount(): number {
    return this.subscriptions.size;
  }

  /**
   * A subscriber connection, authenticated with what it presented (`auth.invalid_credentials`
   * when that is bad). `onRevoked` is called if the credentials later stop being valid.
   */
  async openSession(credentials: Credentials | undefined, onRevoked: (reason: string) => void): Promise<EventSession> {
    const { actor, expiresAt } = await authenticateUntil(this.deps, credentials);
    const session = new EventSession(actor, expiresAt, credentials, onRevoked);
    this.sessions.add(session);
    return session;
  }

  /** Ends a connection's subscriptions (its socket closed). */
  closeSession(session: EventSession): void {
    session.closed = true;
    this.sessions.delete(session);
    for (const subscription of [...this.subscriptions]) {
      if (subscription.session === session) subscription.queue.end();
    }
  }

  /** The events matching `filter` from now on that `session` may see; access to it is the caller's to check first. */
  subscribe(session: EventSession, filter: EventFilter): AsyncIterableIterator<PublishedEvent> {
    if (this.closed || session.closed) {
      throw new StrataError('events.closed', 'unavailable', 'The server is closing this connection.');
    }
    const subscription: Subscription = {
      session,
      filter,
      queue: new EventQueue<PublishedEvent>(() => this.subscriptions.delete(subscription)),
    };
    this.subscriptions.add(subscription);
    return subscription.queue;
  }

  /** Stops listening and ends every subscription. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.recheckTimer);
    clearTimeout(this.retryTimer);
    await this.listener?.close();
    for (const subscription of [...this.subscriptions]) subscription.queue.end();
    await this.draining.stop();
  }

  /** Something may follow the last seq delivered: read until the log has nothing more. */
  private wake(): void {
    if (this.started && !this.closed) this.draining.wake();
  }

  private async drain(): Promise<void> {
    if (this.recheckDue) {
      this.relations.clear();
      await this.recheckSessions();
      this.recheckDue = false;
    }
    if (this.sessions.size === 0 && this.subscriptions.size === 0) {
      // No one to deliver to or to re-check: skip to the head without reading the events.
      this.lastSeq = Math.max(this.lastSeq, (await this.deps.database.read().audit.head()).seq);
      return;
    }
    for (;;) {
      if (this.closed) return;
      const batch = await this.deps.database.read().audit.afterWithDatasets(this.lastSeq, this.options.batchSize);
      for (const view of batch) {
        if (this.closed) return;
        await this.deliver(view);
        this.lastSeq = view.seq;
      }
      if (batch.length < this.options.batchSize) return;
    }
  }

  /** Decides for every subscription first (which may read, and fail), then hands the event out. */
  private async deliver(view: AuditEventView): Promise<void> {
    // An access change is judged on the access it leaves, like everything after it.
    if (changesRoles(view.action)) this.relations.clear();
    if (changesCredentials(view.action)) await this.recheckSessions();
    if (this.relations.size > this.options.maxRelations) this.relations.clear();
    const now = this.deps.now();
    const recipients: Subscription[] = [];
    for (const subscription of this.subscriptions) {
      const { session } = subscription;
      if (session.closed || !matches(subscription.filter, view)) continue;
      if (session.expiresAt !== undefined && session.expiresAt <= now) {
        this.revoke(session, 'The credentials expired.');
        continue;
      }
      if (await this.allowed(session.actor, subscription.filter, view)) recipients.push(subscription);
    }
    if (recipients.length === 0) return;
    const event = publishedEvent(view);
    for (const { queue } of recipients) {
      if (queue.size >= this.options.maxPending) {
        queue.end(
          new StrataError(
            'events.subscriber_too_slow',
            'unavailable',
            `More than ${this.options.maxPending} events were waiting for this subscription: subscribe again.`,
          ),
        );
      } else {
        queue.push(event);
      }
    }
  }

  private async allowed(actor: Actor, filter: EventFilter, view: AuditEventView): Promise<boolean> {
    if (filter.kind === 'audit') return isSiteAdmin(actor);
    if (view.dataset === null || view.datasetId === null) return false;
    // Who read what, from where and why is for the audit trail's readers, not the dataset's.
    if (view.action === READ_ACTION) return false;
    const dataset = { id: view.datasetId, owner: view.dataset.owner, visibility: view.dataset.visibility };
    const relation =
      actor.kind === 'user' ? await this.relation(actor.userId, view.datasetId) : { orgRole: undefined, grants: [] };
    return roleGiven(actor, dataset, relation) !== undefined;
  }

  private relation(userId: string, datasetId: string): Promise<DatasetRelation> {
    const key = `${userId}|${datasetId}`;
    let relation = this.relations.get(key);
    if (relation === undefined) {
      relation = this.deps.database.read().memberships.relation(datasetId, userId);
      relation.catch(() => this.relations.delete(key));
      this.relations.set(key, relation);
    }
    return relation;
  }

  /** Authenticates every connection again: who is no longer valid is told and closed, the others refreshed. */
  private async recheckSessions(): Promise<void> {
    for (const session of [...this.sessions]) {
      if (session.closed || session.credentials === undefined) continue;
      try {
        const { actor, expiresAt } = await authenticateUntil(this.deps, session.credentials);
        session.actor = actor;
        session.expiresAt = expiresAt;
      } catch (error) {
        if (!(error instanceof StrataError && error.code === 'auth.invalid_credentials')) throw error;
        this.revoke(session, 'The credentials were revoked or expired, or the account was disabled.');
      }
    }
  }

  private revoke(session: EventSession, reason: string): void {
    if (session.closed) return;
    this.closeSession(session);
    session.onRevoked(reason);
  }
}

function matches(filter: EventFilter, view: AuditEventView): boolean {
  if (filter.datasetId !== undefined && view.datasetId !== filter.datasetId) return false;
  if (filter.kind === 'audit' || filter.actions === undefined) return true;
  return filter.actions.some((action) =>
    action.endsWith('.') ? view.action.startsWith(action) : view.action === action,
  );
}

function isSiteAdmin(actor: Actor): boolean {
  try {
    requireSiteAdmin(actor);
    return true;
  } catch {
    return false;
  }
}
