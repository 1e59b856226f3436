import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestTarget, openTestDatabase, testPostgresUrl } from '../testing/index.js';
import { migrationsList } from '@strata/migrations';
import { openDatabase } from './database.js';

describe('openDatabase', () => {
  it('applies every migration once, creating the installation identity', async () => {
    const { target, drop } = await createTestTarget();
    const database = await openDatabase(target);
    try {
      expect(await database.migrate()).toEqual(migrationsList.map((migration) => migration.name));
      expect(await database.migrate()).toEqual([]);
      expect(await database.installationId()).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await database.close();
      await drop();
    }
  });

  it('serialises concurrent migrations so each runs exactly once', async () => {
    const { target, drop } = await createTestTarget();
    if (target.kind !== 'postgresql') {
      await drop();
      // One PGlite instance is one connection: concurrency only exists on a server.
      expect(target.kind).toBe('pglite-memory');
      return;
    }
    const databases = await Promise.all([openDatabase(target), openDatabase(target), openDatabase(target)]);
    try {
      const applied = await Promise.all(databases.map((database) => database.migrate()));
      expect(applied.flat()).toEqual(migrationsList.map((migration) => migration.name));
      const rows = await databases[0].orm.em.getConnection().execute('select count(*)::int as n from installation');
      expect(rows).toEqual([{ n: 1 }]);
    } finally {
      await Promise.all(databases.map((database) => database.close()));
      await drop();
    }
  });

  it('keeps data in a PGlite directory across close and reopen', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'strata-pg-'));
    try {
      const first = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'pg') }, { migrate: true });
      const id = await first.installationId();
      await first.close();
      const second = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'pg') }, { migrate: true });
      expect(await second.installationId()).toBe(id);
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('starts over the empty postmaster.pid a process killed mid-start leaves, when the caller holds the lock', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'strata-pg-'));
    const target = { kind: 'pglite' as const, dataDir: join(dir, 'pg') };
    try {
      const first = await openDatabase(target, { migrate: true });
      const id = await first.installationId();
      await first.close();
      await writeFile(join(dir, 'pg', 'postmaster.pid'), '');
      // Without the lock, the file may be another opener's: PostgreSQL's refusal stands.
      await expect(openDatabase(target)).rejects.toMatchObject({
        message: expect.stringContaining('(PostgreSQL said FATAL: lock file "postmaster.pid" is empty)'),
      });
      const second = await openDatabase(target, { dataDirLocked: true });
      expect(await second.installationId()).toBe(id);
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("names PostgreSQL's own reason when a PGlite directory will not start", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'strata-pg-'));
    try {
      const first = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'pg') }, { migrate: true });
      await first.close();
      await writeFile(join(dir, 'pg', 'global', 'pg_control'), '');
      await expect(openDatabase({ kind: 'pglite', dataDir: join(dir, 'pg') })).rejects.toMatchObject({
        code: 'database.unavailable',
        message: expect.stringContaining(
          '(PostgreSQL said PANIC: could not read file "global/pg_control": read 0 of 296): the data directory may be damaged',
        ),
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('explains an unreachable PostgreSQL server in one line', async () => {
    const attempt = openDatabase({ kind: 'postgresql', url: 'postgres://strata@127.0.0.1:1/nowhere' });
    await expect(attempt).rejects.toMatchObject({
      code: 'database.unavailable',
      message:
        'Cannot open the database (PostgreSQL at 127.0.0.1:1/nowhere): connection refused: start the server or fix DATABASE_URL.',
    });
  });

  it('explains a missing database on a reachable server', async () => {
    const serverUrl = testPostgresUrl() ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const url = new URL(serverUrl);
    url.pathname = '/strata_no_such_database';
    url.password = url.password === '' ? '' : 'hidden';
    const attempt = openDatabase({ kind: 'postgresql', url: url.toString() });
    await expect(attempt).rejects.toMatchObject({
      code: 'database.unavailable',
      message: expect.stringContaining(
        'the database does not exist: create it (createdb) or fix the name in DATABASE_URL',
      ),
    });
  });

  it('pings', async () => {
    const database = await openTestDatabase();
    try {
      await expect(database.ping()).resolves.toBeUndefined();
    } finally {
      await database.drop();
    }
  });
});
