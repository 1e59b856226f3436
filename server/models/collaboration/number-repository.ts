import type { SqlEntityManager } from '@mikro-orm/sql';

/** The per-dataset sequence shared by change proposals and issues. */
export class NumberRepository {
  constructor(private readonly em: SqlEntityManager) {}

  /**
   * The dataset's next number (1, 2, …), taken in the caller's transaction: the row stays locked
   * until it ends, so two writers never get the same number, and a rolled-back one gives its back.
   */
  async next(datasetId: string): Promise<number> {
    const [row] = await this.em.execute<{ last_number: number }[]>(
      `insert into dataset_number (dataset_id, last_number) values (?, 1)
       on conflict (dataset_id) do update set last_number = dataset_number.last_number + 1
       returning last_number`,
      [datasetId],
    );
    if (row === undefined) throw new Error('dataset_number returned no row');
    return Number(row.last_number);
  }
}
