import { randomUUID } from 'node:crypto';
import { sha256, type Digest } from '@strata/modules/blob';
import { commitId, encodeCommit } from '@strata/modules/objects';
import { openDatabase } from '../database/database.js';
import { createTestTarget } from '../testing/index.js';
import { toBytes, toHex } from '../versioning/sql-values.js';

const signature = { name: 'Ada', email: 'ada@example.org', time: '2026-11-23T00:00:00.000Z' };

function commit(parents: Digest[], message: string): { id: Digest; data: Buffer } {
  const data = Buffer.from(
    encodeCommit({ tree: sha256('tree'), parents, author: signature, committer: signature, message }),
  );
  return { id: commitId(data), data };
}

describe('the access migration on an existing installation', () => {
  it('makes every dataset owner an organization, datasets private, and records the commits each ref reaches', async () => {
    const { target, drop } = await createTestTarget();
    const database = await openDatabase(target);
    try {
      await database.orm.migrator.up({ to: 'Migration20261123070701_series_metadata' });
      const sql = database.orm.em.getConnection();
      const root = commit([], 'root');
      const left = commit([root.id], 'left');
      const right = commit([root.id], 'right');
      const merged = commit([left.id, right.id], 'merge');
      const elsewhere = commit([], 'other dataset');
      for (const c of [root, left, right, merged, elsewhere]) {
        await sql.execute('insert into object (id, kind, data) values (?, 2, ?)', [toBytes(c.id), c.data]);
      }
      const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
      for (const [id, owner, name] of [
        [a, 'Lab', 'ct'],
        [b, 'lab', 'mr'],
        [c, 'clinic', 'us'],
      ] as const) {
        await sql.execute(
          "insert into dataset (id, owner, name, default_branch, created_at) values (?, ?, ?, 'main', now())",
          [id, owner, name],
        );
      }
      await sql.execute(
        "insert into ref (dataset_id, name, kind, commit_id, updated_at) values (?, 'main', 'branch', ?, now())",
        [a, toBytes(merged.id)],
      );
      await sql.execute(
        "insert into ref (dataset_id, name, kind, commit_id, updated_at) values (?, 'v1', 'tag', ?, now())",
        [a, toBytes(left.id)],
      );
      await sql.execute(
        "insert into ref (dataset_id, name, kind, commit_id, updated_at) values (?, 'main', 'branch', ?, now())",
        [c, toBytes(elsewhere.id)],
      );

      await database.migrate();

      const accounts = await sql.execute<{ login: string; kind: string }[]>(
        'select login, kind from account order by lower(login)',
      );
      expect(accounts).toEqual([
        { login: 'clinic', kind: 'organization' },
        { login: 'Lab', kind: 'organization' },
      ]);
      const visibility = await sql.execute<{ visibility: string }[]>('select distinct visibility from dataset');
      expect(visibility).toEqual([{ visibility: 'private' }]);
      const recorded = await sql.execute<{ dataset_id: string; commit_id: Uint8Array }[]>(
        'select dataset_id, commit_id from dataset_commit',
      );
      const of = (dataset: string) =>
        recorded
          .filter((row) => row.dataset_id === dataset)
          .map((row) => toHex(row.commit_id))
          .sort();
      expect(of(a)).toEqual([root.id, left.id, right.id, merged.id].sort());
      expect(of(b)).toEqual([]);
      expect(of(c)).toEqual([elsewhere.id]);
    } finally {
      await database.close();
      await drop();
    }
  });
});
