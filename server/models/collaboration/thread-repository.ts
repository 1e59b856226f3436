import { randomUUID } from 'node:crypto';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { NumberRepository } from './number-repository.js';

export type ThreadKind = 'issue' | 'proposal';
export type ThreadState = 'open' | 'closed' | 'merged';

/** An issue or a change proposal, as services see it. */
export interface ThreadRecord {
  id: string;
  datasetId: string;
  number: number;
  kind: ThreadKind;
  title: string;
  body: string;
  authorId: string | null;
  state: ThreadState;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
}

export interface NewThread {
  datasetId: string;
  kind: ThreadKind;
  title: string;
  body: string;
  authorId: string | null;
}

/** A `thread` row as selected with THREAD_COLUMNS (other repositories join it). */
export interface ThreadRow {
  id: string;
  dataset_id: string;
  number: number;
  kind: ThreadKind;
  title: string;
  body: string;
  author_id: string | null;
  state: ThreadState;
  created_at: Date | string;
  updated_at: Date | string;
  closed_at: Date | string | null;
}

const COLUMNS = 'id, dataset_id, number, kind, title, body, author_id, state, created_at, updated_at, closed_at';

/** Issues and change proposals: numbered from the dataset's one sequence. */
export class ThreadRepository {
  constructor(private readonly em: SqlEntityManager) {}

  /** Creates an open thread with the dataset's next number; run it in the creating transaction. */
  async create(thread: NewThread, at: Date): Promise<ThreadRecord> {
    const number = await new NumberRepository(this.em).next(thread.datasetId);
    const record: ThreadRecord = {
      id: randomUUID(),
      ...thread,
      number,
      state: 'open',
      createdAt: at,
      updatedAt: at,
      closedAt: null,
    };
    await this.em.execute(
      `insert into thread (${COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        record.id,
        record.datasetId,
        record.number,
        record.kind,
        record.title,
        record.body,
        record.authorId,
        record.state,
        at,
        at,
        null,
      ],
      'run',
    );
    return record;
  }

  /** The thread `#number` of a dataset, whichever kind it is. */
  async get(datasetId: string, number: number): Promise<ThreadRecord | undefined> {
    const rows = await this.em.execute<ThreadRow[]>(
      `select ${COLUMNS} from thread where dataset_id = ? and number = ?`,
      [datasetId, number],
    );
    return rows[0] === undefined ? undefined : threadOf(rows[0]);
  }

  /** As get, with the row locked until the transaction ends (for a state change). */
  async lock(datasetId: string, number: number): Promise<ThreadRecord | undefined> {
    const rows = await this.em.execute<ThreadRow[]>(
      `select ${COLUMNS} from thread where dataset_id = ? and number = ? for update`,
      [datasetId, number],
    );
    return rows[0] === undefined ? undefined : threadOf(rows[0]);
  }

  async byIds(ids: readonly string[]): Promise<ThreadRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.em.execute<ThreadRow[]>(
      `select ${COLUMNS} from thread where id in (${ids.map(() => '?').join(', ')})`,
      [...ids],
    );
    return rows.map(threadOf);
  }

  /**
   * A page of a dataset's threads of one kind, newest (highest number) first, after the number
   * `before` when given; `state` filters (all states when absent), and so do a label and an
   * assignee (ids) when given.
   */
  async list(
    datasetId: string,
    kind: ThreadKind,
    options: {
      states?: readonly ThreadState[];
      labelId?: string;
      assigneeId?: string;
      before?: number;
      limit: number;
    },
  ): Promise<ThreadRecord[]> {
    const where = ['dataset_id = ?', 'kind = ?'];
    const values: unknown[] = [datasetId, kind];
    if (options.states !== undefined && options.states.length > 0) {
      where.push(`state in (${options.states.map(() => '?').join(', ')})`);
      values.push(...options.states);
    }
    if (options.labelId !== undefined) {
      where.push('exists (select 1 from thread_label tl where tl.thread_id = thread.id and tl.label_id = ?)');
      values.push(options.labelId);
    }
    if (options.assigneeId !== undefined) {
      where.push('exists (select 1 from thread_assignee ta where ta.thread_id = thread.id and ta.account_id = ?)');
      values.push(options.assigneeId);
    }
    if (options.before !== undefined) {
      where.push('number < ?');
      values.push(options.before);
    }
    const rows = await this.em.execute<ThreadRow[]>(
      `select ${COLUMNS} from thread where ${where.join(' and ')} order by number desc limit ?`,
      [...values, options.limit],
    );
    return rows.map(threadOf);
  }

  /** Sets the state (and closed_at: set when it leaves `open`, cleared when it returns). */
  async setState(id: string, state: ThreadState, at: Date): Promise<void> {
    await this.em.execute(
      'update thread set state = ?, updated_at = ?, closed_at = ? where id = ?',
      [state, at, state === 'open' ? null : at, id],
      'run',
    );
  }

  /** Edits the title and/or body. */
  async edit(id: string, changes: { title?: string; body?: string }, at: Date): Promise<void> {
    await this.em.execute(
      'update thread set title = coalesce(?, title), body = coalesce(?, body), updated_at = ? where id = ?',
      [changes.title ?? null, changes.body ?? null, at, id],
      'run',
    );
  }

  /** Marks the thread as changed (a comment, a review, a push) without changing its fields. */
  async touch(id: string, at: Date): Promise<void> {
    await this.em.execute('update thread set updated_at = ? where id = ?', [at, id], 'run');
  }
}

/** A thread row as services see it. */
export function threadOf(row: ThreadRow): ThreadRecord {
  return {
    id: row.id,
    datasetId: row.dataset_id,
    number: Number(row.number),
    kind: row.kind,
    title: row.title,
    body: row.body,
    authorId: row.author_id,
    state: row.state,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    closedAt: row.closed_at === null ? null : new Date(row.closed_at),
  };
}
