import type { Database } from '../database/database.js';
import { openTestDatabase, testPostgresUrl } from '../testing/index.js';
import type { EventSignal } from './event-listener.js';

let database: Database & { drop(): Promise<void> };

beforeAll(async () => {
  database = await openTestDatabase();
});

afterAll(async () => {
  await database.drop();
});

const entry = (action: string) => ({
  actorKind: 'operator' as const,
  actorId: null,
  actorLogin: null,
  tokenId: null,
  action,
  datasetId: null,
  subject: null,
  data: '{}',
});

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the events listener', () => {
  it('is signalled when an append commits, never for one that rolls back', async () => {
    const signals: EventSignal[] = [];
    const listener = await database.listen((signal) => signals.push(signal));
    try {
      expect(signals).toEqual(['connected']);
      await database
        .transaction(async (repositories) => {
          await repositories.audit.append(entry('test.rolled_back'), new Date());
          throw new Error('roll back');
        })
        .catch(() => undefined);
      await database.transaction(async (repositories) => {
        await repositories.audit.append(entry('test.first'), new Date());
        // Not before the commit.
        await repositories.audit.head();
        expect(signals).toEqual(['connected']);
      });
      await until(() => signals.length === 2);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(signals).toEqual(['connected', 'notified']);
      const events = await database.read().audit.afterWithDatasets(0, 10);
      expect(events.map((event) => event.action)).toEqual(['test.first']);
    } finally {
      await listener.close();
    }
  });

  // A listening connection that can be killed from another is PostgreSQL's (PGlite has no second
  // connection): this runs in CI's PostgreSQL pass and is skipped on PGlite.
  (testPostgresUrl() === undefined ? it.skip : it)(
    'on PostgreSQL, reconnects after its connection is killed and says so',
    async () => {
      const signals: EventSignal[] = [];
      const errors: unknown[] = [];
      const listener = await database.listen((signal) => signals.push(signal), {
        minDelayMs: 20,
        onError: (error) => errors.push(error),
      });
      try {
        const killed = await database.orm.em
          .getConnection()
          .execute<{ killed: boolean }[]>(
            "select pg_terminate_backend(pid) as killed from pg_stat_activity where query like 'LISTEN%' and datname = current_database()",
          );
        expect(killed).toEqual([{ killed: true }]);
        await until(() => signals.length === 2);
        expect(signals).toEqual(['connected', 'connected']);
        await database.transaction((repositories) => repositories.audit.append(entry('test.after'), new Date()));
        await until(() => signals.length === 3);
        expect(signals[2]).toBe('notified');
      } finally {
        await listener.close();
      }
    },
  );
});
