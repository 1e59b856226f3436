import { randomUUID } from 'node:crypto';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { parseJson, toBytes, toHex } from '../versioning/sql-values.js';

/** What an anchored comment points at: a commit and a study [/ series [/ instance [/ frame [/ region]]]]. */
export interface CommentAnchor {
  commit: string;
  study: string;
  series: string | null;
  instance: string | null;
  frame: number | null;
  region: { x: number; y: number; width?: number; height?: number } | null;
}

export interface CommentRecord {
  id: string;
  datasetId: string;
  threadId: string;
  authorId: string | null;
  /** Empty once deleted. */
  body: string;
  anchor: CommentAnchor | null;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
}

/** Where a page of comments starts: after this comment in (createdAt, id) order. */
export interface CommentCursor {
  createdAt: Date;
  id: string;
}

interface Row {
  id: string;
  dataset_id: string;
  thread_id: string;
  author_id: string | null;
  body: string;
  anchor_commit: Uint8Array | null;
  anchor_study: string | null;
  anchor_series: string | null;
  anchor_instance: string | null;
  anchor_frame: number | null;
  anchor_region: CommentAnchor['region'] | string | null;
  created_at: Date | string;
  updated_at: Date | string;
  deleted_at: Date | string | null;
}

const COLUMNS =
  'id, dataset_id, thread_id, author_id, body, anchor_commit, anchor_study, anchor_series, anchor_instance, anchor_frame, anchor_region, created_at, updated_at, deleted_at';

/** Comments on threads, oldest first; deleted ones stay as tombstones. */
export class CommentRepository {
  constructor(private readonly em: SqlEntityManager) {}

  async create(
    comment: Pick<CommentRecord, 'datasetId' | 'threadId' | 'authorId' | 'body' | 'anchor'>,
    at: Date,
  ): Promise<CommentRecord> {
    const record: CommentRecord = { id: randomUUID(), ...comment, createdAt: at, updatedAt: at, deletedAt: null };
    const anchor = comment.anchor;
    await this.em.execute(
      `insert into comment (${COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        record.id,
        record.datasetId,
        record.threadId,
        record.authorId,
        record.body,
        anchor === null ? null : toBytes(anchor.commit),
        anchor?.study ?? null,
        anchor?.series ?? null,
        anchor?.instance ?? null,
        anchor?.frame ?? null,
        anchor === null || anchor.region === null ? null : JSON.stringify(anchor.region),
        at,
        at,
        null,
      ],
      'run',
    );
    return record;
  }

  /** A comment by id, locked until the transaction ends when `lock`. */
  async get(id: string, lock = false): Promise<CommentRecord | undefined> {
    const rows = await this.em.execute<Row[]>(
      `select ${COLUMNS} from comment where id = ?${lock ? ' for update' : ''}`,
      [id],
    );
    return rows[0] === undefined ? undefined : recordOf(rows[0]);
  }

  async edit(id: string, body: string, at: Date): Promise<void> {
    await this.em.execute('update comment set body = ?, updated_at = ? where id = ?', [body, at, id], 'run');
  }

  /** Empties the body and marks the comment deleted (the anchor stays: it says where it was). */
  async tombstone(id: string, at: Date): Promise<void> {
    await this.em.execute(
      `update comment set body = '', updated_at = ?, deleted_at = ? where id = ?`,
      [at, at, id],
      'run',
    );
  }

  /** A page of a thread's comments, oldest first, after the cursor. */
  async page(threadId: string, after: CommentCursor | undefined, limit: number): Promise<CommentRecord[]> {
    const rows = await this.em.execute<Row[]>(
      `select ${COLUMNS} from comment where thread_id = ?
       ${after === undefined ? '' : 'and (created_at, id) > (?, ?)'} order by created_at, id limit ?`,
      after === undefined ? [threadId, limit] : [threadId, after.createdAt, after.id, limit],
    );
    return rows.map(recordOf);
  }

  /** Comments not deleted, per thread, in one query (for a DataLoader). */
  async counts(threadIds: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    if (threadIds.length === 0) return counts;
    const rows = await this.em.execute<{ thread_id: string; n: number | string }[]>(
      `select thread_id, count(*) as n from comment
       where thread_id in (${threadIds.map(() => '?').join(', ')}) and deleted_at is null group by thread_id`,
      [...threadIds],
    );
    for (const row of rows) counts.set(row.thread_id, Number(row.n));
    return counts;
  }

  /**
   * The dataset's live comments anchored to a study, or within it to a series, or an instance
   * (and what is below it), oldest first, at every commit.
   */
  async anchored(
    datasetId: string,
    at: { study: string; series?: string; instance?: string },
    after: CommentCursor | undefined,
    limit: number,
  ): Promise<CommentRecord[]> {
    const where = ['dataset_id = ?', 'deleted_at is null', 'anchor_study = ?'];
    const values: unknown[] = [datasetId, at.study];
    if (at.series !== undefined) {
      where.push('anchor_series = ?');
      values.push(at.series);
    }
    if (at.instance !== undefined) {
      where.push('anchor_instance = ?');
      values.push(at.instance);
    }
    if (after !== undefined) {
      where.push('(created_at, id) > (?, ?)');
      values.push(after.createdAt, after.id);
    }
    const rows = await this.em.execute<Row[]>(
      `select ${COLUMNS} from comment where ${where.join(' and ')} order by created_at, id limit ?`,
      [...values, limit],
    );
    return rows.map(recordOf);
  }
}

function recordOf(row: Row): CommentRecord {
  const region = parseJson(row.anchor_region) as CommentAnchor['region'];
  return {
    id: row.id,
    datasetId: row.dataset_id,
    threadId: row.thread_id,
    authorId: row.author_id,
    body: row.body,
    anchor:
      row.anchor_commit === null || row.anchor_study === null
        ? null
        : {
            commit: toHex(row.anchor_commit),
            study: row.anchor_study,
            series: row.anchor_series,
            instance: row.anchor_instance,
            frame: row.anchor_frame === null ? null : Number(row.anchor_frame),
            region,
          },
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    deletedAt: row.deleted_at === null ? null : new Date(row.deleted_at),
  };
}
