import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { IsolationLevel, MikroORM, type Options } from '@mikro-orm/core';
import type { AbstractSqlDriver, SqlEntityManager } from '@mikro-orm/sql';
import { Migrator } from '@mikro-orm/migrations';
import { PgliteDriver, type PgliteConnection } from '@mikro-orm/pglite';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { vector } from '@electric-sql/pglite-pgvector';
import { migrationsList } from '@strata/migrations';
import { entities } from '../entities/index.js';
import { databaseUnavailable } from './connection-errors.js';
import type { EventListener, EventListenerOptions, EventSignal } from '../events/event-listener.js';
import { listenOnPglite } from '../events/pglite-listener.js';
import { pipelineQueries } from './pglite-pipelined.js';
import { listenOnPostgres } from '../events/postgres-listener.js';
import type { DatabaseTarget } from './target.js';
import { versioningRepositories, type VersioningRepositories } from '../versioning/repositories.js';

/** Arbitrary but fixed key of the advisory lock that serialises migrations. */
const MIGRATION_LOCK_KEY = 0x5354_5241; // "STRA"
/** The first half of the two-part keys of `exclusive` locks, whose second half hashes the name. */
const NAMED_LOCK_SPACE = 0x5354; // "ST"

export interface OpenDatabaseOptions {
  /** Run pending migrations before returning (the server does; tools that only read may not). */
  migrate?: boolean;
  /** Receives the ORM's query log lines when set. */
  onQuery?: (message: string) => void;
  /**
   * The caller holds Strata's lock on the data directory, so no other process has this PGlite
   * directory open. PGlite's PostgreSQL keeps its own lock file, `postmaster.pid`, which it never
   * removes (every PGlite has the same pid, so it cannot tell a live holder from a dead one);
   * a process killed while PostgreSQL rewrites it leaves it empty, and PostgreSQL then refuses to
   * start ("lock file is empty"). Under Strata's lock it is always stale, and is removed.
   */
  dataDirLocked?: boolean;
}

/** An open database: the ORM plus what the composition root needs to run and stop it. */
export interface Database {
  readonly target: DatabaseTarget;
  readonly orm: MikroORM<AbstractSqlDriver>;
  /** A fresh EntityManager with its own identity map, for one request or one job. */
  fork(): SqlEntityManager;
  /** The versioning repositories outside any transaction (each statement on its own). */
  read(): VersioningRepositories;
  /** Runs `work` in one transaction: everything it writes is committed together, or nothing is. */
  transaction<T>(work: (repositories: VersioningRepositories) => Promise<T>): Promise<T>;
  /** Runs `work` as one read-only, repeatable-read transaction: every read sees the same instant. */
  snapshot<T>(work: (repositories: VersioningRepositories) => Promise<T>): Promise<T>;
  /**
   * Runs `work` while holding the lock `name` across every process on this database, or returns
   * `{ ran: false }` at once if another holds it. On PGlite, one process owns the database and the
   * lock is that ownership.
   */
  exclusive<T>(name: string, work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }>;
  /**
   * Calls `onSignal` after each commit that appended audit events (the append NOTIFYs in its
   * transaction), from any process on this database, and whenever the listening connection is
   * (re)established. A signal carries no event: read the log after the last seq seen.
   */
  listen(onSignal: (signal: EventSignal) => void, options?: EventListenerOptions): Promise<EventListener>;
  /** Throws `database.unavailable` unless a trivial query round-trips. */
  ping(): Promise<void>;
  /** Applies pending migrations; returns the names applied. */
  migrate(): Promise<string[]>;
  /** The identity this database was given by its first migration (undefined before it ran). */
  installationId(): Promise<string | undefined>;
  close(): Promise<void>;
}

/** MikroORM options for a target; shared with the migration generator so both see one schema. */
export function ormOptions(target: DatabaseTarget, onQuery?: (message: string) => void): Partial<Options> {
  const common: Partial<Options> = {
    entities,
    extensions: [Migrator],
    ensureDatabase: false,
    allowGlobalContext: false,
    debug: onQuery !== undefined,
    ...(onQuery !== undefined ? { logger: onQuery } : {}),
    migrations: {
      migrationsList,
      tableName: 'strata_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
  };
  switch (target.kind) {
    case 'postgresql':
      return { ...common, driver: PostgreSqlDriver, clientUrl: target.url };
    case 'pglite':
      return { ...common, driver: PgliteDriver, dbName: target.dataDir, driverOptions: { extensions: { vector } } };
    case 'pglite-memory':
      return { ...common, driver: PgliteDriver, dbName: 'memory://', driverOptions: { extensions: { vector } } };
  }
}

/** Opens the database at a target, failing with one actionable line if it cannot. */
export async function openDatabase(target: DatabaseTarget, options: OpenDatabaseOptions = {}): Promise<Database> {
  if (target.kind === 'pglite' && options.dataDirLocked === true) {
    await rm(join(target.dataDir, 'postmaster.pid'), { force: true });
  }
  let orm: MikroORM<AbstractSqlDriver>;
  // PGlite's PostgreSQL writes why it would not start (FATAL, PANIC) to its stderr, which PGlite
  // swallows: keep the last lines so a failed open can say what PostgreSQL said.
  const postgresLog: string[] = [];
  const settings = ormOptions(target, options.onQuery);
  if (target.kind !== 'postgresql') {
    settings.driverOptions = {
      ...(settings.driverOptions as object),
      onStderr: (line: string) => {
        postgresLog.push(line);
        if (postgresLog.length > 40) postgresLog.shift();
        return false;
      },
    };
  }
  try {
    orm = (await MikroORM.init(settings)) as unknown as MikroORM<AbstractSqlDriver>;
    if (target.kind !== 'postgresql') {
      // One pass through PGlite's PostgreSQL per statement instead of six (pglite-pipelined.ts).
      pipelineQueries(await (orm.em.getConnection() as unknown as PgliteConnection).getNativeClient());
    }
    await orm.em.getConnection().execute('select 1');
  } catch (error) {
    throw databaseUnavailable(target, error, postgresLog);
  }
  const database: Database = {
    target,
    orm,
    fork: () => orm.em.fork(),
    read: () => versioningRepositories(orm.em.fork()),
    transaction: (work) => orm.em.fork().transactional((em) => work(versioningRepositories(em))),
    snapshot: (work) =>
      orm.em.fork().transactional((em) => work(versioningRepositories(em)), {
        isolationLevel: IsolationLevel.REPEATABLE_READ,
        readOnly: true,
      }),
    async exclusive(name, work) {
      // PGlite's one connection cannot be held by a lock transaction while `work` uses it.
      if (target.kind !== 'postgresql') return { ran: true, value: await work() };
      // A transaction that holds only the lock: `work` runs its statements on other connections.
      return orm.em.fork().transactional(async (em) => {
        const [row] = await em.execute<{ locked: boolean }[]>(
          'select pg_try_advisory_xact_lock(?, hashtext(?)) as locked',
          [NAMED_LOCK_SPACE, name],
        );
        if (row?.locked !== true) return { ran: false as const };
        return { ran: true as const, value: await work() };
      });
    },
    async listen(onSignal, listenOptions) {
      if (target.kind === 'postgresql') return listenOnPostgres(target.url, onSignal, listenOptions);
      const pglite = await (orm.em.getConnection() as unknown as PgliteConnection).getNativeClient();
      return listenOnPglite(pglite, onSignal);
    },
    async ping() {
      try {
        await orm.em.getConnection().execute('select 1');
      } catch (error) {
        throw databaseUnavailable(target, error);
      }
    },
    async migrate() {
      // On a server, a transaction-scoped advisory lock makes concurrent starts take turns.
      // PGlite is one connection in one process (the data-directory lock sees to that).
      const applied =
        target.kind === 'postgresql'
          ? await orm.em.transactional(async (em) => {
              await em.execute(`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
              // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- MikroORM types transaction contexts as `any`
              return orm.migrator.up({ transaction: em.getTransactionContext() });
            })
          : await orm.migrator.up();
      return applied.map((migration) => migration.name);
    },
    async installationId() {
      const rows = await orm.em.getConnection().execute<{ id: string }[]>('select id from installation limit 1');
      return rows[0]?.id;
    },
    close: () => orm.close(),
  };
  if (options.migrate === true) {
    try {
      await database.migrate();
    } catch (error) {
      await orm.close().catch(() => undefined);
      throw error;
    }
  }
  return database;
}
