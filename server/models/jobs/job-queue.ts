import type { SqlEntityManager } from '@mikro-orm/sql';
import type { PgliteConnection } from '@mikro-orm/pglite';
import { fromKysely, fromPglite, PgBoss, type JobWithMetadata } from 'pg-boss';
import type { Database } from '../database/database.js';
import { entityManagerOf, type VersioningRepositories } from '../versioning/repositories.js';

/** pg-boss keeps its tables in a schema of its own, created and migrated by pg-boss itself. */
export const JOBS_SCHEMA = 'pgboss';

/** How a queue's failed jobs are retried before they are dead-lettered (state `failed`). */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  retryLimit: number;
  /** The first delay; each retry waits about twice the one before (with jitter). 0: retry at once. */
  retryDelaySeconds: number;
  /** The longest wait between two attempts. */
  retryDelayMaxSeconds?: number;
}

/** One run of a job, as its handler sees it. */
export interface JobRun<T> {
  id: string;
  data: T;
  /** 1 for the first attempt. */
  attempt: number;
  /** No retry follows if this attempt fails. */
  last: boolean;
}

export interface JobQueueOptions {
  /** How often idle consumers look for work besides being woken by the NOTIFY of a committed send. */
  pollSeconds?: number;
  /** Told about failures pg-boss recovers from by itself (maintenance, a lost poll). */
  onError?: (error: unknown) => void;
}

/**
 * The job system (docs/design/jobs.md): pg-boss on the same database as everything else, the
 * embedded PGlite included. Jobs are rows, so a send inside a transaction of the repositories
 * is committed or rolled back with it.
 */
export interface JobQueue {
  /** Creates the queue, or updates its retry policy. */
  define(queue: string, policy: RetryPolicy): Promise<void>;
  /** Enqueues a job; inside `within`'s transaction when given (then it exists exactly when the change does). */
  send(queue: string, data: object, within?: VersioningRepositories): Promise<string>;
  /**
   * Runs `handler` for the queue's jobs in this process until `stop`, `concurrency` at a time
   * (one slow job does not hold up the others); a throw fails the attempt.
   */
  work<T>(queue: string, handler: (run: JobRun<T>) => Promise<void>, concurrency?: number): Promise<void>;
  /** When each of these jobs will next be tried (jobs waiting for a retry or a start only; one query each: pass few). */
  nextAttempts(queue: string, jobIds: readonly string[]): Promise<Map<string, Date>>;
  /** Stops consuming, waiting for running handlers (up to `timeoutMs`), and closes pg-boss's connections. */
  stop(timeoutMs?: number): Promise<void>;
}

/** Starts pg-boss on the database (creating or migrating its schema) and returns the queue. */
export async function startJobQueue(database: Database, options: JobQueueOptions = {}): Promise<JobQueue> {
  // LISTEN/NOTIFY wakes workers when a job commits (any process); polling stays as the floor.
  const common = { schema: JOBS_SCHEMA, schedule: false, migrate: true, useListenNotify: true };
  const boss =
    database.target.kind === 'postgresql'
      ? new PgBoss({ ...common, connectionString: database.target.url, max: 4 })
      : new PgBoss({ ...common, backend: 'pglite', db: fromPglite(await pgliteOf(database)) });
  boss.on('error', (error) => options.onError?.(error));
  await boss.start();
  const pollingIntervalSeconds = Math.max(0.5, options.pollSeconds ?? 2);
  return {
    async define(queue, policy) {
      const settings = {
        notify: true,
        retryLimit: policy.retryLimit,
        retryDelay: policy.retryDelaySeconds,
        retryBackoff: policy.retryDelaySeconds > 0,
        ...(policy.retryDelaySeconds > 0 && { retryDelayMax: policy.retryDelayMaxSeconds ?? 3600 }),
      };
      if ((await boss.getQueue(queue)) === null) await boss.createQueue(queue, settings);
      else await boss.updateQueue(queue, settings);
    },
    async send(queue, data, within) {
      const em = within === undefined ? undefined : entityManagerOf(within);
      const id = await boss.send(queue, data, em === undefined ? {} : { db: inTransaction(em) });
      if (id === null) throw new Error(`pg-boss did not enqueue a job on ${queue}`);
      return id;
    },
    async work<T>(queue: string, handler: (run: JobRun<T>) => Promise<void>, concurrency = 4) {
      const options = {
        includeMetadata: true,
        batchSize: 1,
        localConcurrency: concurrency,
        pollingIntervalSeconds,
        // A retry falls due without a NOTIFY: polling at the same pace finds it on time.
        notifyPollingIntervalSeconds: pollingIntervalSeconds,
      };
      await boss.work(queue, options, async (jobs) => {
        for (const job of jobs) await handler(runOf(job as JobWithMetadata<T>));
      });
    },
    async nextAttempts(queue, jobIds) {
      const next = new Map<string, Date>();
      for (const id of jobIds) {
        const [job] = await boss.findJobs<object>(queue, { id, queued: true });
        if (job !== undefined) next.set(id, new Date(job.startAfter));
      }
      return next;
    },
    async stop(timeoutMs = 10_000) {
      await boss.stop({ graceful: true, timeout: timeoutMs });
    },
  };
}

function runOf<T>(job: JobWithMetadata<T>): JobRun<T> {
  return { id: job.id, data: job.data, attempt: job.retryCount + 1, last: job.retryCount >= job.retryLimit };
}

async function pgliteOf(database: Database) {
  return (database.orm.em.getConnection() as unknown as PgliteConnection).getNativeClient();
}

/** pg-boss's statements on the transaction's own connection (its Kysely transaction), `$n` parameters as they are. */
function inTransaction(em: SqlEntityManager) {
  const context = em.getTransactionContext<Parameters<typeof fromKysely>[0]>();
  if (context === undefined) throw new Error('a job sent `within` repositories needs them in a transaction');
  return fromKysely(context);
}
