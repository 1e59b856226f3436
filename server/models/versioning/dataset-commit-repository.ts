import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Digest } from '@strata/modules/blob';
import { insertRows, toBytes, toHex } from './sql-values.js';

/** Which commits belong to which dataset: a commit id resolves only in a dataset that holds it. */
export class DatasetCommitRepository {
  constructor(private readonly em: SqlEntityManager) {}

  /** Records commits made, merged, pushed or imported into a dataset (idempotent). */
  async record(datasetId: string, commits: readonly Digest[]): Promise<void> {
    await insertRows(
      this.em,
      'insert into dataset_commit (dataset_id, commit_id)',
      'on conflict do nothing',
      commits.map((commit) => [datasetId, toBytes(commit)]),
    );
  }

  /** Gives a new fork every commit of the dataset it is forked from (one statement). */
  async copy(fromDatasetId: string, toDatasetId: string): Promise<void> {
    await this.em.execute(
      'insert into dataset_commit (dataset_id, commit_id) select ?, commit_id from dataset_commit where dataset_id = ? on conflict do nothing',
      [toDatasetId, fromDatasetId],
      'run',
    );
  }

  /** Which of these commits the dataset holds. */
  async held(datasetId: string, commits: readonly Digest[]): Promise<Set<Digest>> {
    if (commits.length === 0) return new Set();
    const rows = await this.em.execute<{ commit_id: Uint8Array }[]>(
      `select commit_id from dataset_commit where dataset_id = ? and commit_id in (${commits.map(() => '?').join(', ')})`,
      [datasetId, ...commits.map(toBytes)],
    );
    return new Set(rows.map((row) => toHex(row.commit_id) as Digest));
  }

  /** The dataset's commit ids starting with a hex prefix (a full id included), at most `limit`. */
  async withPrefix(datasetId: string, prefix: string, limit = 2): Promise<Digest[]> {
    const low = toBytes(prefix.length % 2 === 0 ? prefix : `${prefix}0`);
    const high = toBytes(prefix.padEnd(64, 'f'));
    const rows = await this.em.execute<{ commit_id: Uint8Array }[]>(
      `select commit_id from dataset_commit where dataset_id = ? and commit_id >= ? and commit_id <= ? order by commit_id limit ${Number(limit)}`,
      [datasetId, low, high],
    );
    return rows.map((row) => toHex(row.commit_id) as Digest).filter((id) => id.startsWith(prefix));
  }
}
