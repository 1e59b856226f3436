import type { SqlEntityManager } from '@mikro-orm/sql';

/** Who is assigned to which thread. */
export class AssigneeRepository {
  constructor(private readonly em: SqlEntityManager) {}

  /** Assigns; false if already assigned. */
  async add(threadId: string, accountId: string): Promise<boolean> {
    const result = await this.em.execute<{ affectedRows: number }>(
      'insert into thread_assignee (thread_id, account_id) values (?, ?) on conflict do nothing',
      [threadId, accountId],
      'run',
    );
    return result.affectedRows > 0;
  }

  /** Unassigns; false if not assigned. */
  async remove(threadId: string, accountId: string): Promise<boolean> {
    const result = await this.em.execute<{ affectedRows: number }>(
      'delete from thread_assignee where thread_id = ? and account_id = ?',
      [threadId, accountId],
      'run',
    );
    return result.affectedRows > 0;
  }

  async count(threadId: string): Promise<number> {
    const [row] = await this.em.execute<{ n: number | string }[]>(
      'select count(*) as n from thread_assignee where thread_id = ?',
      [threadId],
    );
    return Number(row?.n ?? 0);
  }

  /** The assignees of many threads in one query (for a DataLoader), in assignment-independent order. */
  async ofThreads(threadIds: readonly string[]): Promise<{ threadId: string; accountId: string }[]> {
    if (threadIds.length === 0) return [];
    const rows = await this.em.execute<{ thread_id: string; account_id: string }[]>(
      `select thread_id, account_id from thread_assignee
       where thread_id in (${threadIds.map(() => '?').join(', ')}) order by account_id`,
      [...threadIds],
    );
    return rows.map((row) => ({ threadId: row.thread_id, accountId: row.account_id }));
  }
}
