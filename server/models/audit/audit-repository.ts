import type { SqlEntityManager } from '@mikro-orm/sql';
import { auditHash, type AuditFacts } from '@strata/modules/audit';
import { EVENTS_CHANNEL } from '../events/event-listener.js';

/** An event as appended: what happened, and where it sits in the chain. */
export interface AuditRecord extends AuditFacts {
  prevHash: Uint8Array;
  hash: Uint8Array;
}

/** An event with the dataset it names as that dataset is now (null: none, or since deleted). */
export interface AuditEventView extends AuditRecord {
  dataset: { owner: string; name: string; visibility: 'private' | 'internal' | 'public' } | null;
}

/** Which events a search returns, newest first; every filter given must match. */
export interface AuditSearch {
  datasetId?: string;
  /** An action (`token.revoked`), or a prefix ending in a dot (`token.`). */
  action?: string;
  /** The login the actor had when the event was recorded, case-insensitively. */
  actorLogin?: string;
  /** Only events older than this seq (the previous page's last). */
  beforeSeq?: number;
  limit: number;
}

/** What a caller records; the repository gives it its place (seq), time and hashes. */
export type AuditEntry = Omit<AuditFacts, 'seq' | 'at'>;

interface Row {
  seq: string | number;
  at: Date | string;
  actor_kind: AuditFacts['actorKind'];
  actor_id: string | null;
  actor_login: string | null;
  token_id: string | null;
  action: string;
  dataset_id: string | null;
  subject: string | null;
  data: string;
  prev_hash: Uint8Array;
  hash: Uint8Array;
}

interface ViewRow extends Row {
  dataset_owner: string | null;
  dataset_name: string | null;
  dataset_visibility: 'private' | 'internal' | 'public' | null;
}

const VIEW_SELECT =
  'select e.seq, e.at, e.actor_kind, e.actor_id, e.actor_login, e.token_id, e.action, e.dataset_id, e.subject, e.data, e.prev_hash, e.hash, d.owner as dataset_owner, d.name as dataset_name, d.visibility as dataset_visibility from audit_event e left join dataset d on d.id = e.dataset_id';

const COLUMNS =
  'seq, at, actor_kind, actor_id, actor_login, token_id, action, dataset_id, subject, data, prev_hash, hash';

/** The append-only, hash-chained audit log. Appends run in the caller's transaction. */
export class AuditRepository {
  constructor(private readonly em: SqlEntityManager) {}

  /**
   * Appends an event after the chain's head, which it locks until the transaction ends: events
   * are in one line, in commit order, however many writers there are.
   */
  async append(entry: AuditEntry, at: Date): Promise<AuditRecord> {
    const [head] = await this.em.execute<{ seq: string | number; hash: Uint8Array }[]>(
      'select seq, hash from audit_head where id = 1 for update',
    );
    if (head === undefined) throw new Error('audit_head has no row: the audit migration did not run');
    const facts: AuditFacts = { ...entry, seq: Number(head.seq) + 1, at };
    const prevHash = new Uint8Array(head.hash);
    const hash = auditHash(prevHash, facts);
    await this.em.execute(
      `insert into audit_event (${COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        facts.seq,
        at,
        facts.actorKind,
        facts.actorId,
        facts.actorLogin,
        facts.tokenId,
        facts.action,
        facts.datasetId,
        facts.subject,
        facts.data,
        Buffer.from(prevHash),
        Buffer.from(hash),
      ],
      'run',
    );
    await this.em.execute(
      'update audit_head set seq = ?, hash = ? where id = 1',
      [facts.seq, Buffer.from(hash)],
      'run',
    );
    // Delivered to every listener when this transaction commits, and never if it rolls back.
    await this.em.execute('select pg_notify(?, ?)', [EVENTS_CHANNEL, String(facts.seq)]);
    return { ...facts, prevHash, hash };
  }

  /** The chain's head: the last event's number and hash (0 and zeros when empty). */
  async head(): Promise<{ seq: number; hash: Uint8Array }> {
    const [head] = await this.em.execute<{ seq: string | number; hash: Uint8Array }[]>(
      'select seq, hash from audit_head where id = 1',
    );
    return { seq: Number(head?.seq ?? 0), hash: new Uint8Array(head?.hash ?? new Uint8Array(32)) };
  }

  /** Events after `afterSeq`, oldest first, at most `limit` (to walk the whole chain). */
  async after(afterSeq: number, limit: number): Promise<AuditRecord[]> {
    const rows = await this.em.execute<Row[]>(
      `select ${COLUMNS} from audit_event where seq > ? order by seq limit ${Math.max(0, Math.floor(limit))}`,
      [afterSeq],
    );
    return rows.map(fromRow);
  }

  /** Events after `afterSeq`, oldest first, with their datasets: what subscribers are sent. */
  async afterWithDatasets(afterSeq: number, limit: number): Promise<AuditEventView[]> {
    const rows = await this.em.execute<ViewRow[]>(
      `${VIEW_SELECT} where e.seq > ? order by e.seq limit ${Math.max(0, Math.floor(limit))}`,
      [afterSeq],
    );
    return rows.map(viewOf);
  }

  /** Events matching every filter given, newest first, with their datasets. */
  async search(search: AuditSearch): Promise<AuditEventView[]> {
    const where: string[] = [];
    const values: unknown[] = [];
    if (search.datasetId !== undefined) {
      where.push('e.dataset_id = ?');
      values.push(search.datasetId);
    }
    if (search.action !== undefined) {
      if (search.action.endsWith('.')) {
        where.push('starts_with(e.action, ?)');
        values.push(search.action);
      } else {
        where.push('e.action = ?');
        values.push(search.action);
      }
    }
    if (search.actorLogin !== undefined) {
      where.push('lower(e.actor_login) = lower(?)');
      values.push(search.actorLogin);
    }
    if (search.beforeSeq !== undefined) {
      where.push('e.seq < ?');
      values.push(search.beforeSeq);
    }
    const rows = await this.em.execute<ViewRow[]>(
      `${VIEW_SELECT}${where.length === 0 ? '' : ` where ${where.join(' and ')}`} order by e.seq desc limit ${Math.max(0, Math.floor(search.limit))}`,
      values,
    );
    return rows.map(viewOf);
  }

  /** The latest events, newest first, optionally of one dataset. */
  async latest(limit: number, datasetId?: string): Promise<AuditRecord[]> {
    const rows = await this.em.execute<Row[]>(
      `select ${COLUMNS} from audit_event ${datasetId === undefined ? '' : 'where dataset_id = ? '}order by seq desc limit ${Math.max(0, Math.floor(limit))}`,
      datasetId === undefined ? [] : [datasetId],
    );
    return rows.map(fromRow);
  }
}

function viewOf(row: ViewRow): AuditEventView {
  return {
    ...fromRow(row),
    dataset:
      row.dataset_owner === null || row.dataset_name === null || row.dataset_visibility === null
        ? null
        : { owner: row.dataset_owner, name: row.dataset_name, visibility: row.dataset_visibility },
  };
}

function fromRow(row: Row): AuditRecord {
  return {
    seq: Number(row.seq),
    at: row.at instanceof Date ? row.at : new Date(row.at),
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    actorLogin: row.actor_login,
    tokenId: row.token_id,
    action: row.action,
    datasetId: row.dataset_id,
    subject: row.subject,
    data: row.data,
    prevHash: new Uint8Array(row.prev_hash),
    hash: new Uint8Array(row.hash),
  };
}
