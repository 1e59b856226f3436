import { randomUUID } from 'node:crypto';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { parseJson } from '../versioning/sql-values.js';

/** A dataset's webhook as stored, secret included (the API never shows it after creation). */
export interface WebhookRecord {
  id: string;
  datasetId: string;
  url: string;
  secret: string;
  actions: string[];
  active: boolean;
  creatorId: string | null;
  sinceSeq: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Where a delivery stands; `failed` is dead-lettered (retried by hand only). */
export type DeliveryState = 'queued' | 'running' | 'retrying' | 'failed' | 'done';

/** One event's delivery to one webhook. */
export interface DeliveryRecord {
  id: string;
  webhookId: string;
  eventSeq: number;
  action: string;
  state: DeliveryState;
  attempts: number;
  jobId: string | null;
  responseStatus: number | null;
  responseBody: string | null;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What an attempt leaves on its delivery. */
export interface DeliveryOutcome {
  state: DeliveryState;
  responseStatus: number | null;
  responseBody: string | null;
  lastError: string | null;
}

interface HookRow {
  id: string;
  dataset_id: string;
  url: string;
  secret: string;
  actions: unknown;
  active: boolean;
  creator_id: string | null;
  since_seq: number | string;
  created_at: Date | string;
  updated_at: Date | string;
}

interface DeliveryRow {
  id: string;
  webhook_id: string;
  event_seq: number | string;
  action: string;
  state: DeliveryState;
  attempts: number;
  job_id: string | null;
  response_status: number | null;
  response_body: string | null;
  last_error: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

const HOOK_COLUMNS = 'id, dataset_id, url, secret, actions, active, creator_id, since_seq, created_at, updated_at';
const DELIVERY_COLUMNS =
  'id, webhook_id, event_seq, action, state, attempts, job_id, response_status, response_body, last_error, created_at, updated_at';

/** Webhooks, their deliveries, and the dispatcher's cursor over the audit log. */
export class WebhookRepository {
  constructor(private readonly em: SqlEntityManager) {}

  async create(hook: Omit<WebhookRecord, 'createdAt' | 'updatedAt'>, at: Date): Promise<WebhookRecord> {
    const record: WebhookRecord = { ...hook, createdAt: at, updatedAt: at };
    await this.em.execute(
      `insert into webhook (${HOOK_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        record.id,
        record.datasetId,
        record.url,
        record.secret,
        JSON.stringify(record.actions),
        record.active,
        record.creatorId,
        record.sinceSeq,
        at,
        at,
      ],
      'run',
    );
    return record;
  }

  async get(id: string, lock = false): Promise<WebhookRecord | undefined> {
    const rows = await this.em.execute<HookRow[]>(
      `select ${HOOK_COLUMNS} from webhook where id = ?${lock ? ' for update' : ''}`,
      [id],
    );
    return rows[0] === undefined ? undefined : hookOf(rows[0]);
  }

  /** The dataset's webhooks, oldest first. */
  async ofDataset(datasetId: string): Promise<WebhookRecord[]> {
    const rows = await this.em.execute<HookRow[]>(
      `select ${HOOK_COLUMNS} from webhook where dataset_id = ? order by created_at, id`,
      [datasetId],
    );
    return rows.map(hookOf);
  }

  /** The active webhooks of these datasets. */
  async activeOf(datasetIds: readonly string[]): Promise<WebhookRecord[]> {
    if (datasetIds.length === 0) return [];
    const rows = await this.em.execute<HookRow[]>(
      `select ${HOOK_COLUMNS} from webhook where active and dataset_id in (${datasetIds.map(() => '?').join(', ')})`,
      [...datasetIds],
    );
    return rows.map(hookOf);
  }

  async update(
    id: string,
    changes: { url?: string; secret?: string; actions?: string[]; active?: boolean },
    at: Date,
  ): Promise<void> {
    await this.em.execute(
      `update webhook set url = coalesce(?, url), secret = coalesce(?, secret), actions = coalesce(?, actions),
       active = coalesce(?, active), updated_at = ? where id = ?`,
      [
        changes.url ?? null,
        changes.secret ?? null,
        changes.actions === undefined ? null : JSON.stringify(changes.actions),
        changes.active ?? null,
        at,
        id,
      ],
      'run',
    );
  }

  async delete(id: string): Promise<void> {
    await this.em.execute('delete from webhook where id = ?', [id], 'run');
  }

  /** Records a delivery of event `eventSeq` to the webhook, unless one exists; undefined then. */
  async addDelivery(
    delivery: { webhookId: string; eventSeq: number; action: string },
    at: Date,
  ): Promise<DeliveryRecord | undefined> {
    const id = randomUUID();
    const result = await this.em.execute<{ affectedRows: number }>(
      `insert into webhook_delivery (${DELIVERY_COLUMNS}) values (?, ?, ?, ?, 'queued', 0, null, null, null, null, ?, ?)
       on conflict (webhook_id, event_seq) do nothing`,
      [id, delivery.webhookId, delivery.eventSeq, delivery.action, at, at],
      'run',
    );
    if (result.affectedRows === 0) return undefined;
    return {
      id,
      ...delivery,
      state: 'queued',
      attempts: 0,
      jobId: null,
      responseStatus: null,
      responseBody: null,
      lastError: null,
      createdAt: at,
      updatedAt: at,
    };
  }

  async delivery(id: string, lock = false): Promise<DeliveryRecord | undefined> {
    const rows = await this.em.execute<DeliveryRow[]>(
      `select ${DELIVERY_COLUMNS} from webhook_delivery where id = ?${lock ? ' for update' : ''}`,
      [id],
    );
    return rows[0] === undefined ? undefined : deliveryOf(rows[0]);
  }

  /** The latest `limit` deliveries of each webhook, newest first. */
  async recentDeliveries(webhookIds: readonly string[], limit: number): Promise<DeliveryRecord[]> {
    if (webhookIds.length === 0) return [];
    const rows = await this.em.execute<DeliveryRow[]>(
      `select ${DELIVERY_COLUMNS} from (
         select *, row_number() over (partition by webhook_id order by created_at desc, event_seq desc) as n
         from webhook_delivery where webhook_id in (${webhookIds.map(() => '?').join(', ')})
       ) d where n <= ? order by created_at desc, event_seq desc`,
      [...webhookIds, limit],
    );
    return rows.map(deliveryOf);
  }

  /** Hands the delivery to a (new) job: queued again. */
  async queueDelivery(id: string, jobId: string, at: Date): Promise<void> {
    await this.em.execute(
      "update webhook_delivery set state = 'queued', job_id = ?, updated_at = ? where id = ?",
      [jobId, at, id],
      'run',
    );
  }

  /** An attempt starts: counted, and marked running. */
  async startAttempt(id: string, at: Date): Promise<void> {
    await this.em.execute(
      "update webhook_delivery set state = 'running', attempts = attempts + 1, updated_at = ? where id = ?",
      [at, id],
      'run',
    );
  }

  async finishAttempt(id: string, outcome: DeliveryOutcome, at: Date): Promise<void> {
    await this.em.execute(
      `update webhook_delivery set state = ?, response_status = ?, response_body = ?, last_error = ?, updated_at = ?
       where id = ?`,
      [outcome.state, outcome.responseStatus, outcome.responseBody, outcome.lastError, at, id],
      'run',
    );
  }

  /**
   * The dispatcher's position in the audit log, row-locked until the transaction ends: a second
   * dispatcher (another process) waits here, then reads the position this one moved to.
   */
  async lockCursor(name: string): Promise<number> {
    const rows = await this.em.execute<{ seq: number | string }[]>(
      'select seq from dispatch_cursor where name = ? for update',
      [name],
    );
    if (rows[0] !== undefined) return Number(rows[0].seq);
    await this.em.execute(
      'insert into dispatch_cursor (name, seq) values (?, 0) on conflict (name) do nothing',
      [name],
      'run',
    );
    return this.lockCursor(name);
  }

  /**
   * When no webhook is active, moves the cursor past every event committed so far, in one
   * statement; false (and nothing moved) when one is. What it skips, no webhook could be sent:
   * a webhook created later is sent only what follows its creation (its `since_seq`, assigned
   * under the log's lock, so above every seq this statement saw), and an inactive one is not sent
   * what it missed, as when the full dispatch reads past events no active webhook wants.
   */
  async skipWithoutActive(name: string): Promise<boolean> {
    const rows = await this.em.execute<{ seq: number | string }[]>(
      `update dispatch_cursor set seq = greatest(seq, (select coalesce(max(seq), 0) from audit_event))
         where name = ? and not exists (select 1 from webhook where active) returning seq`,
      [name],
    );
    return rows.length > 0;
  }

  async moveCursor(name: string, seq: number): Promise<void> {
    await this.em.execute('update dispatch_cursor set seq = ? where name = ?', [seq, name], 'run');
  }
}

function hookOf(row: HookRow): WebhookRecord {
  return {
    id: row.id,
    datasetId: row.dataset_id,
    url: row.url,
    secret: row.secret,
    actions: parseJson(row.actions) as string[],
    active: row.active,
    creatorId: row.creator_id,
    sinceSeq: Number(row.since_seq),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

function deliveryOf(row: DeliveryRow): DeliveryRecord {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    eventSeq: Number(row.event_seq),
    action: row.action,
    state: row.state,
    attempts: row.attempts,
    jobId: row.job_id,
    responseStatus: row.response_status,
    responseBody: row.response_body,
    lastError: row.last_error,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
