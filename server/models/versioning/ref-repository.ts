import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Digest } from '@strata/modules/blob';
import { StrataError } from '@strata/modules/errors';
import { toBytes, toHex } from './sql-values.js';

export type RefKind = 'branch' | 'tag';

export interface RefRecord {
  name: string;
  kind: RefKind;
  commit: Digest;
  updatedAt: Date;
}

/** Branches and tags of datasets. Branches move only by compare-and-swap; tags never move. */
export class RefRepository {
  constructor(private readonly em: SqlEntityManager) {}

  async get(datasetId: string, name: string): Promise<RefRecord | undefined> {
    const rows = await this.em.execute<Row[]>(
      'select name, kind, commit_id, updated_at from ref where dataset_id = ? and name = ?',
      [datasetId, name],
    );
    return rows[0] === undefined ? undefined : fromRow(rows[0]);
  }

  async list(datasetId: string, kind?: RefKind): Promise<RefRecord[]> {
    const rows = await this.em.execute<Row[]>(
      `select name, kind, commit_id, updated_at from ref where dataset_id = ?${kind === undefined ? '' : ' and kind = ?'} order by kind, name`,
      kind === undefined ? [datasetId] : [datasetId, kind],
    );
    return rows.map(fromRow);
  }

  /** Creates a branch or tag; `ref.exists` if the name is taken (by either kind). */
  async create(datasetId: string, name: string, kind: RefKind, commit: Digest): Promise<void> {
    const result = await this.em.execute<{ affectedRows: number }>(
      'insert into ref (dataset_id, name, kind, commit_id, updated_at) values (?, ?, ?, ?, ?) on conflict do nothing',
      [datasetId, name, kind, toBytes(commit), new Date()],
      'run',
    );
    if (result.affectedRows === 0) {
      throw new StrataError('ref.exists', 'conflict', `A branch or tag named '${name}' already exists.`, {
        details: { ref: name },
      });
    }
  }

  /** Gives a new fork the branches and tags of the dataset it is forked from, at the same commits. */
  async copy(fromDatasetId: string, toDatasetId: string, at: Date): Promise<void> {
    await this.em.execute(
      'insert into ref (dataset_id, name, kind, commit_id, updated_at) select ?, name, kind, commit_id, ? from ref where dataset_id = ?',
      [toDatasetId, at, fromDatasetId],
      'run',
    );
  }

  /** Deletes a branch (never a tag); the commit it pointed at, or undefined if there was no such branch. */
  async deleteBranch(datasetId: string, name: string): Promise<Digest | undefined> {
    const rows = await this.em.execute<{ commit_id: Uint8Array }[]>(
      "delete from ref where dataset_id = ? and name = ? and kind = 'branch' returning commit_id",
      [datasetId, name],
    );
    return rows[0] === undefined ? undefined : (toHex(rows[0].commit_id) as Digest);
  }

  /** Moves a branch from `expected` to `next`; false if the branch no longer points at `expected`. */
  async compareAndSwap(datasetId: string, branch: string, expected: Digest, next: Digest): Promise<boolean> {
    const result = await this.em.execute<{ affectedRows: number }>(
      "update ref set commit_id = ?, updated_at = ? where dataset_id = ? and name = ? and kind = 'branch' and commit_id = ?",
      [toBytes(next), new Date(), datasetId, branch, toBytes(expected)],
      'run',
    );
    return result.affectedRows === 1;
  }
}

interface Row {
  name: string;
  kind: RefKind;
  commit_id: Uint8Array;
  updated_at: Date | string;
}

function fromRow(row: Row): RefRecord {
  return {
    name: row.name,
    kind: row.kind,
    commit: toHex(row.commit_id) as Digest,
    updatedAt: new Date(row.updated_at),
  };
}
