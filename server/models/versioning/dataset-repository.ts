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
  /** The dataset this one was forked from; null for an original (or when that one was deleted). */
  forkedFromId: string | null;
  /** The original at the root of its forks (its own id for an original): proposals stay within one lineage. */
  lineageId: string;
}

/** Where a fork comes from: the dataset forked and its lineage. */
export interface ForkOrigin {
  forkedFromId: string;
  lineageId: string;
}

const COLUMNS =
  'id, owner, name, default_branch, visibility, created_at, forked_from_id, coalesce(lineage_id, id) as lineage_id';

export class DatasetRepository {
  constructor(private readonly em: SqlEntityManager) {}

  /** Inserts a dataset (a fork when `origin` is given); `dataset.exists` if owner/name is taken. */
  async create(
    owner: string,
    name: string,
    defaultBranch: string,
    visibility: Visibility,
    origin?: ForkOrigin,
  ): Promise<DatasetRecord> {
    const id = randomUUID();
    const record: DatasetRecord = {
      id,
      owner,
      name,
      defaultBranch,
      visibility,
      createdAt: new Date(),
      forkedFromId: origin?.forkedFromId ?? null,
      lineageId: origin?.lineageId ?? id,
    };
    const result = await this.em.execute<{ affectedRows: number }>(
      'insert into dataset (id, owner, name, default_branch, visibility, created_at, forked_from_id, lineage_id) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (owner, name) do nothing',
      [
        id,
        owner,
        name,
        defaultBranch,
        visibility,
        record.createdAt,
        origin?.forkedFromId ?? null,
        origin?.lineageId ?? null,
      ],
      'run',
    );
    if (result.affectedRows === 0) {
      throw new StrataError('dataset.exists', 'conflict', `A dataset ${owner}/${name} already exists.`);
    }
    return record;
  }

  async find(owner: string, name: string): Promise<DatasetRecord | undefined> {
    const rows = await this.em.execute<Row[]>(`select ${COLUMNS} from dataset where owner = ? and name = ?`, [
      owner,
      name,
    ]);
    return rows[0] === undefined ? undefined : fromRow(rows[0]);
  }

  async findById(id: string): Promise<DatasetRecord | undefined> {
    const rows = await this.em.execute<Row[]>(`select ${COLUMNS} from dataset where id = ?`, [id]);
    return rows[0] === undefined ? undefined : fromRow(rows[0]);
  }

  /** The datasets forked from a dataset, by owner then name. */
  async forksOf(id: string): Promise<DatasetRecord[]> {
    const rows = await this.em.execute<Row[]>(
      `select ${COLUMNS} from dataset where forked_from_id = ? order by owner, name`,
      [id],
    );
    return rows.map(fromRow);
  }

  /** The datasets an account owns (its login in any case), by name. */
  async listByOwner(owner: string): Promise<DatasetRecord[]> {
    const rows = await this.em.execute<Row[]>(
      `select ${COLUMNS} from dataset where lower(owner) = lower(?) order by name`,
      [owner],
    );
    return rows.map(fromRow);
  }

  async list(): Promise<DatasetRecord[]> {
    const rows = await this.em.execute<Row[]>(`select ${COLUMNS} from dataset order by owner, name`);
    return rows.map(fromRow);
  }

  /** Up to `limit` datasets after `owner/name` (exclusive; from the start when undefined), by owner then name. */
  async listAfter(after: { owner: string; name: string } | undefined, limit: number): Promise<DatasetRecord[]> {
    const rows = await this.em.execute<Row[]>(
      `select ${COLUMNS} from dataset ` +
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
  forked_from_id: string | null;
  lineage_id: string;
}

function fromRow(row: Row): DatasetRecord {
  return {
    id: row.id,
    owner: row.owner,
    name: row.name,
    defaultBranch: row.default_branch,
    visibility: row.visibility,
    createdAt: new Date(row.created_at),
    forkedFromId: row.forked_from_id,
    lineageId: row.lineage_id,
  };
}
