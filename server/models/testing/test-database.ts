// Test support: each test file gets a database of its own, so suites never see each other's rows.
// With DATABASE_URL set (CI's second pass) that is a fresh database on that PostgreSQL server;
// otherwise an in-memory PGlite.
import { randomBytes } from 'node:crypto';
import { openDatabase, type Database } from '../database/database.js';
import type { DatabaseTarget } from '../database/target.js';

export interface TestDatabaseTarget {
  target: DatabaseTarget;
  /** Drops the database again (PostgreSQL only). */
  drop: () => Promise<void>;
}

/** The server under test, from DATABASE_URL; undefined when the suite runs on PGlite. */
export function testPostgresUrl(): string | undefined {
  // eslint-disable-next-line no-restricted-properties -- test support reads how the suite was started
  const url = process.env['DATABASE_URL'];
  return url === undefined || url === '' ? undefined : url;
}

/** A target for a fresh, empty database of the kind the suite runs against. */
export async function createTestTarget(): Promise<TestDatabaseTarget> {
  const serverUrl = testPostgresUrl();
  if (serverUrl === undefined) return { target: { kind: 'pglite-memory' }, drop: () => Promise.resolve() };
  const name = `strata_test_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    target: { kind: 'postgresql', url: url.toString() },
    drop: () => onServer(serverUrl, `drop database if exists ${name} with (force)`),
  };
}

/**
 * A migrated database for one test file; `drop()` closes and removes it. `onQuery` receives
 * the ORM's log lines (queries start with `[query]`), for tests that count statements.
 */
export async function openTestDatabase(
  options: { onQuery?: (message: string) => void } = {},
): Promise<Database & { drop(): Promise<void> }> {
  const { target, drop } = await createTestTarget();
  const database = await openDatabase(target, { migrate: true, ...options });
  return Object.assign(database, {
    async drop() {
      await database.close();
      await drop();
    },
  });
}

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const admin = await openDatabase({ kind: 'postgresql', url: serverUrl });
  try {
    await admin.orm.em.getConnection().execute(sql);
  } finally {
    await admin.close();
  }
}
