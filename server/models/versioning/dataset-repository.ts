import { randomUUID } from 'node:crypto';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { StrataError } from '@strata/modules/errors';

/** Who may read a dataset without a grant: anyone, any signed-in user, or no one. */
export type Visibility = 'private' | 'internal' | 'public';

/** A dataset as services see it (not the ORM entity). */
export interface DatasetRecord {
  id: string;
  owner: string;
  name: string;
  defaultBranch: string;
  visibility: Visibility;
  createdAt: Date;
}

export class DatasetRepository {
  constructor(private readonly em: SqlEntityManager) {}

  /** Inserts a dataset; `dataset.exists` if owner/name is taken. */
  async create(owner: string, name: string, defaultBranch: string, visibility: Visibility): Promise<DatasetRecord> {
    const record: DatasetRecord = { id: randomUUID(), owner, name, defaultBranch, visibility, createdAt: new Date() };
    const result = await this.em.execute<{ affectedRows: number }>(
      'insert into dataset (id, owner, name, default_branch, visibility, created_at) values (?, ?, ?, ?, ?, ?) on conflict (owner, name) do nothing',
      [record.id, owner, name, defaultBranch, visibility, record.createdAt],
      'run',
    );
    if (result.affectedRows === 0) {
      throw new StrataError('dataset.exists', 'conflict', `A dataset ${owner}/${name} already exists.`);
    }
    return record;
  }

  async find(owner: string, name: string): Promise<DatasetRecord | undefined> {
    const rows = await this.em.execute<Row[]>(
      'select id, owner, name, default_branch, visibility, created_at from dataset where owner = ? and name = ?',
      [owner, name],
    );
    return rows[0] === undefined ? undefined : fromRow(rows[0]);
  }

  async byId(id: string): Promise<DatasetRecord | undefined> {
    const rows = await this.em.execute<Row[]>(
      'select id, owner, name, default_branch, visibility, created_at from dataset where id = ?',
      [id],
    );
    return rows[0] === undefined ? undefined : fromRow(rows[0]);
  }

  async list(): Promise<DatasetRecord[]> {
    const rows = await this.em.execute<Row[]>(
      'select id, owner, name, default_branch, visibility, created_at from dataset order by owner, name',
    );
    return rows.map(fromRow);
  }

  /** Up to `limit` datasets after `owner/name` (exclusive; from the start when undefined), by owner then name. */
  async listAfter(after: { owner: string; name: string } | undefined, limit: number): Promise<DatasetRecord[]> {
    const rows = await this.em.execute<Row[]>(
      'select id, owner, name, default_branch, visibility, created_at from dataset ' +
        (after === undefined ? '' : 'where (owner, name) > (?, ?) ') +
        `order by owner, name limit ${Math.max(0, Math.floor(limit))}`,
      after === undefined ? [] : [after.owner, after.name],
    );
    return rows.map(fromRow);
  }

  async setVisibility(id: string, visibility: Visibility): Promise<void> {
    await this.em.execute('update dataset set visibility = ? where id = ?', [visibility, id], 'run');
  }
}

interface Row {
  id: string;
  owner: string;
  name: string;
  default_branch: string;
  visibility: Visibility;
  created_at: Date | string;
}

function fromRow(row: Row): DatasetRecord {
  return {
    id: row.id,
    owner: row.owner,
    name: row.name,
    defaultBranch: row.default_branch,
    visibility: row.visibility,
    createdAt: new Date(row.created_at),
  };
}
