import { randomUUID } from 'node:crypto';
import type { SqlEntityManager } from '@mikro-orm/sql';

export interface LabelRecord {
  id: string;
  datasetId: string;
  name: string;
  color: string;
  description: string;
  createdAt: Date;
}

interface Row {
  id: string;
  dataset_id: string;
  name: string;
  color: string;
  description: string;
  created_at: Date | string;
}

const COLUMNS = 'id, dataset_id, name, color, description, created_at';

/** A dataset's labels, and which threads carry them. */
export class LabelRepository {
  constructor(private readonly em: SqlEntityManager) {}

  /** Creates a label; undefined when the dataset has one by that name in any case. */
  async create(label: Omit<LabelRecord, 'id' | 'createdAt'>, at: Date): Promise<LabelRecord | undefined> {
    const record: LabelRecord = { id: randomUUID(), ...label, createdAt: at };
    const rows = await this.em.execute<{ id: string }[]>(
      `insert into label (id, dataset_id, name, name_key, color, description, created_at) values (?, ?, ?, ?, ?, ?, ?)
       on conflict (dataset_id, name_key) do nothing returning id`,
      [record.id, record.datasetId, record.name, record.name.toLowerCase(), record.color, record.description, at],
    );
    return rows.length === 0 ? undefined : record;
  }

  /** The label of that name, in any case. */
  async byName(datasetId: string, name: string): Promise<LabelRecord | undefined> {
    const rows = await this.em.execute<Row[]>(`select ${COLUMNS} from label where dataset_id = ? and name_key = ?`, [
      datasetId,
      name.toLowerCase(),
    ]);
    return rows[0] === undefined ? undefined : recordOf(rows[0]);
  }

  /** The dataset's labels by name. */
  async list(datasetId: string): Promise<LabelRecord[]> {
    const rows = await this.em.execute<Row[]>(`select ${COLUMNS} from label where dataset_id = ? order by name_key`, [
      datasetId,
    ]);
    return rows.map(recordOf);
  }

  /** Deletes a label, and so takes it off every thread. */
  async delete(id: string): Promise<void> {
    await this.em.execute('delete from label where id = ?', [id], 'run');
  }

  /** Puts a label on a thread; false if it was there already. */
  async attach(threadId: string, labelId: string): Promise<boolean> {
    const result = await this.em.execute<{ affectedRows: number }>(
      'insert into thread_label (thread_id, label_id) values (?, ?) on conflict do nothing',
      [threadId, labelId],
      'run',
    );
    return result.affectedRows > 0;
  }

  /** Takes a label off a thread; false if it was not there. */
  async detach(threadId: string, labelId: string): Promise<boolean> {
    const result = await this.em.execute<{ affectedRows: number }>(
      'delete from thread_label where thread_id = ? and label_id = ?',
      [threadId, labelId],
      'run',
    );
    return result.affectedRows > 0;
  }

  /** The labels of many threads in one query (for a DataLoader). */
  async ofThreads(threadIds: readonly string[]): Promise<{ threadId: string; label: LabelRecord }[]> {
    if (threadIds.length === 0) return [];
    const rows = await this.em.execute<(Row & { thread_id: string })[]>(
      `select tl.thread_id, l.id, l.dataset_id, l.name, l.color, l.description, l.created_at
       from thread_label tl join label l on l.id = tl.label_id
       where tl.thread_id in (${threadIds.map(() => '?').join(', ')}) order by l.name_key`,
      [...threadIds],
    );
    return rows.map((row) => ({ threadId: row.thread_id, label: recordOf(row) }));
  }
}

function recordOf(row: Row): LabelRecord {
  return {
    id: row.id,
    datasetId: row.dataset_id,
    name: row.name,
    color: row.color,
    description: row.description,
    createdAt: new Date(row.created_at),
  };
}
