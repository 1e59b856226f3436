import type { SqlEntityManager } from '@mikro-orm/sql';
import { auditHash, type AuditFacts } from '@strata/modules/audit';

/** An event as appended: what happened, and where it sits in the chain. */
export interface AuditRecord extends AuditFacts {
  prevHash: Uint8Array;
  hash: Uint8Array;
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

  /** The latest events, newest first, optionally of one dataset. */
  async latest(limit: number, datasetId?: string): Promise<AuditRecord[]> {
    const rows = await this.em.execute<Row[]>(
      `select ${COLUMNS} from audit_event ${datasetId === undefined ? '' : 'where dataset_id = ? '}order by seq desc limit ${Math.max(0, Math.floor(limit))}`,
      datasetId === undefined ? [] : [datasetId],
    );
    return rows.map(fromRow);
  }
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
