import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openTestDatabase } from '../testing/test-database.js';

describe('threads', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => database.drop());

  it('numbers issues and proposals from one sequence per dataset, with no two alike under concurrency', async () => {
    const one = await database.transaction((r) => r.datasets.create('lab', 'one', 'main', 'private'));
    const two = await database.transaction((r) => r.datasets.create('lab', 'two', 'main', 'private'));
    const at = new Date('2026-11-23T00:00:00Z');
    const created = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        database.transaction((r) =>
          r.threads.create(
            { datasetId: one.id, kind: i % 2 === 0 ? 'issue' : 'proposal', title: `t${i}`, body: '', authorId: null },
            at,
          ),
        ),
      ),
    );
    expect(created.map((thread) => thread.number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
    // Another dataset starts again at 1.
    const first = await database.transaction((r) =>
      r.threads.create({ datasetId: two.id, kind: 'issue', title: 'x', body: '', authorId: null }, at),
    );
    expect(first.number).toBe(1);
    // A rolled-back creation gives its number back.
    await expect(
      database.transaction(async (r) => {
        await r.threads.create({ datasetId: two.id, kind: 'issue', title: 'y', body: '', authorId: null }, at);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const next = await database.transaction((r) =>
      r.threads.create({ datasetId: two.id, kind: 'issue', title: 'z', body: '', authorId: null }, at),
    );
    expect(next.number).toBe(2);
    const issues = created
      .filter((thread) => thread.kind === 'issue')
      .map((thread) => thread.number)
      .sort((a, b) => b - a);
    expect((await database.read().threads.list(one.id, 'issue', { limit: 100 })).map((t) => t.number)).toEqual(issues);
  });

  it('refuses a merged issue (only proposals merge)', async () => {
    const dataset = await database.transaction((r) => r.datasets.create('lab', 'three', 'main', 'private'));
    const at = new Date();
    const issue = await database.transaction((r) =>
      r.threads.create({ datasetId: dataset.id, kind: 'issue', title: 'x', body: '', authorId: null }, at),
    );
    await expect(database.transaction((r) => r.threads.setState(issue.id, 'merged', at))).rejects.toThrow(
      /thread_merged_is_a_proposal/,
    );
    await database.transaction((r) => r.threads.setState(issue.id, 'closed', at));
    expect((await database.read().threads.get(dataset.id, issue.number))?.closedAt).toEqual(at);
  });
});
