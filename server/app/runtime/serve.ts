import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { dicomwebPlugin } from '@strata/dicomweb';
import { StrataError, systemErrorCode } from '@strata/modules/errors';
import { ReadAuditor, type DataRead } from '@strata/services/audit';
import { OidcProvider } from '@strata/services/access';
import { EventHub } from '@strata/services/events';
import { startJobQueue, type JobQueue } from '@strata/models';
import { startWebhookConsumers, type WebhookConsumers } from '@strata/services/webhooks';
import type { Config } from '../config/index.js';
import { actorOf } from '../http/authentication.js';
import { registerGraphql } from '../http/graphql-route.js';
import { registerReleaseRoutes } from '../http/release-routes.js';
import { registerOidcRoutes } from '../http/oidc-routes.js';
import { registerSessionRoutes } from '../http/session-routes.js';
import { createHttpServer } from '../http/http-server.js';
import { registerWebApp } from '../http/web-app.js';
import { createMetricsRegistry } from '../http/metrics.js';
import { startTelemetry } from '../telemetry/sdk.js';
import { createLogger } from './logger.js';
import { openSystem, type System } from './system.js';

export interface RunningServer {
  readonly url: string;
  readonly system: System;
  readonly http: FastifyInstance;
  /** This process's domain events, fanned out to its GraphQL subscriptions. */
  readonly events: EventHub;
  /** The audit trail of DICOMweb reads (AUDIT_READS), flushed every few seconds and at stop. */
  readonly reads: ReadAuditor | undefined;
  /** The job system (pg-boss on the same database). */
  readonly jobs: JobQueue;
  /** This process's webhook dispatcher and delivery workers, unless JOBS_CONSUME is false. */
  readonly webhooks: WebhookConsumers | undefined;
  /** Stops accepting, lets in-flight requests finish (up to the shutdown timeout), closes everything. */
  stop(): Promise<void>;
}

/** How long reads gather before they are appended to the audit log as one event per reader. */
const READ_FLUSH_MS = 5000;

export interface ServeOptions {
  /** More HTTP plugins to register beside the built-in ones (embedding, tests). */
  plugins?: FastifyPluginAsync[];
  /** Receives every query the database runs (tests that bound the queries of a request). */
  onQuery?: (message: string) => void;
  /** The Next.js web app's directory (default: the `@strata/web` workspace); null serves none. */
  webDir?: string | null;
}

/** `strata serve`: the HTTP server on the configured host and port, over an open system. */
export async function serve(config: Config, options: ServeOptions = {}): Promise<RunningServer> {
  const logger = createLogger(config.logLevel, config.version);
  const telemetry = await startTelemetry(config.telemetry);
  const system = await openSystem(config, logger, options.onQuery).catch(async (error: unknown) => {
    await telemetry.shutdown();
    throw error;
  });
  let shuttingDown = false;
  let jobs: JobQueue;
  let webhooks: WebhookConsumers | undefined;
  try {
    ({ jobs, webhooks } = await startJobs(config, system));
  } catch (error) {
    await system.close();
    await telemetry.shutdown();
    throw error;
  }
  const stopJobs = async () => {
    await webhooks?.close();
    await jobs.stop(config.shutdownTimeoutMs);
  };
  const deps = { database: system.database, blobStore: system.blobStore, now: () => new Date(), jobs };
  const http = await createHttpServer({
    logger,
    metrics: createMetricsRegistry(),
    readinessChecks: [
      { name: 'database', check: () => system.database.ping() },
      { name: 'blobStore', check: () => system.blobStore.checkWritable() },
    ],
    isShuttingDown: () => shuttingDown,
    corsOrigins: config.corsOrigins,
    bodyLimit: config.bodyLimit,
    version: config.version,
    deps,
  });
  const reads = config.auditReads
    ? new ReadAuditor(deps, {
        flushMs: READ_FLUSH_MS,
        onError: (error) => logger.error({ err: error }, 'recording reads in the audit log failed; retrying'),
      })
    : undefined;
  // After the last request is answered (Fastify runs onClose once in-flight requests are done),
  // before the database closes: a clean stop loses no read.
  if (reads !== undefined) http.addHook('onClose', async () => reads.close());
  await http.register(
    dicomwebPlugin({
      deps,
      actorOf,
      qido: { maxLimit: config.dicomweb.qidoMaxLimit, defaultLimit: config.dicomweb.qidoDefaultLimit },
      author: config.author,
      stow: { spoolDir: join(config.dataDir, 'spool'), maxBodyBytes: config.dicomweb.stowBodyLimit },
      ...(config.dicomweb.aliasDataset !== undefined && { aliasDataset: config.dicomweb.aliasDataset }),
      ...(reads !== undefined && { onRead: (read: DataRead) => reads.record(read) }),
    }),
  );
  registerSessionRoutes(http, deps);
  registerOidcRoutes(http, deps, config.oidc === undefined ? undefined : new OidcProvider(config.oidc));
  registerReleaseRoutes(http, deps);
  const events = new EventHub(deps, {
    onError: (error, what) => logger.warn({ err: error }, `${what} failed; retrying`),
  });
  try {
    await events.start();
    await registerGraphql(http, deps, events);
  } catch (error) {
    await events.close();
    await http.close().catch(() => undefined);
    await stopJobs();
    await system.close();
    await telemetry.shutdown();
    throw error;
  }
  for (const plugin of options.plugins ?? []) await http.register(plugin);
  try {
    await registerWebApp(http, {
      dir: options.webDir === undefined ? defaultWebDir() : (options.webDir ?? undefined),
      apiOrigin: () => loopbackOrigin(http, config),
    });
  } catch (error) {
    await events.close();
    await http.close().catch(() => undefined);
    await system.close();
    await telemetry.shutdown();
    throw error;
  }
  try {
    await http.listen({ host: config.host, port: config.port });
  } catch (error) {
    await http.close().catch(() => undefined);
    await stopJobs();
    await system.close();
    await telemetry.shutdown();
    throw listenError(error, config);
  }
  const address = http.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info({ url }, 'strata is serving');
  if (config.oidc?.allowInsecure === true) {
    logger.warn('OIDC_ALLOW_INSECURE is on: OIDC sign-in may use plain http, for development and tests only');
  }
  if ((await system.database.read().accounts.countUsers()) === 0) {
    logger.warn(
      'no users yet: create the first admin with `strata user add LOGIN --email EMAIL --admin`, then a token with `strata token add LOGIN NAME --scope write`',
    );
  }

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      shuttingDown = true;
      const force = setTimeout(() => {
        logger.warn('shutdown timeout reached: closing remaining connections');
        http.server.closeAllConnections();
      }, config.shutdownTimeoutMs);
      try {
        await http.close();
      } finally {
        clearTimeout(force);
        // After the last request, before the database: running deliveries finish (up to the timeout).
        await stopJobs().catch((error: unknown) => logger.error({ err: error }, 'stopping the job system failed'));
        await system.close();
        await telemetry.shutdown();
        logger.info('strata stopped');
      }
    })());
  return { url, system, http, events, reads, jobs, webhooks, stop };
}

/**
 * Starts pg-boss on the system's database (every process that serves can enqueue: a manual
 * redelivery does) and, unless JOBS_CONSUME is false, the consumers in this process.
 */
export async function startJobs(
  config: Config,
  system: System,
): Promise<{ jobs: JobQueue; webhooks: WebhookConsumers | undefined }> {
  const { logger } = system;
  const jobs = await startJobQueue(system.database, {
    pollSeconds: config.jobs.pollSeconds,
    onError: (error) => logger.warn({ err: error }, 'job system error; pg-boss retries'),
  });
  if (!config.jobs.consume) return { jobs, webhooks: undefined };
  const deps = { database: system.database, blobStore: system.blobStore, now: () => new Date(), jobs };
  try {
    const webhooks = await startWebhookConsumers(deps, jobs, {
      version: config.version,
      timeoutMs: config.webhooks.timeoutMs,
      retry: { retryLimit: config.webhooks.retryLimit, retryDelaySeconds: config.webhooks.retryDelaySeconds },
      dispatcher: { onError: (error) => logger.warn({ err: error }, 'webhook dispatch failed; retrying') },
    });
    return { jobs, webhooks };
  } catch (error) {
    await jobs.stop();
    throw error;
  }
}

/** The web app's workspace, found the way Node finds packages; undefined when it is not installed. */
function defaultWebDir(): string | undefined {
  try {
    return dirname(createRequire(import.meta.url).resolve('@strata/web/package.json'));
  } catch {
    return undefined;
  }
}

/** How this process reaches itself: the listening port on loopback when listening on every address. */
function loopbackOrigin(http: FastifyInstance, config: Config): string {
  const address = http.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const host =
    config.host === '0.0.0.0' || config.host === '' ? '127.0.0.1' : config.host === '::' ? '::1' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function listenError(error: unknown, config: Config): unknown {
  switch (systemErrorCode(error)) {
    case 'EADDRINUSE':
      return new StrataError(
        'http.port_in_use',
        'unavailable',
        `Port ${config.port} on ${config.host} is already in use: stop the other process or set PORT to a free port.`,
      );
    case 'EACCES':
      return new StrataError(
        'http.port_forbidden',
        'unavailable',
        `Not allowed to listen on ${config.host}:${config.port}: use a port above 1023 or run with the needed privilege.`,
      );
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new StrataError(
        'http.bad_host',
        'unavailable',
        `Cannot listen on host ${config.host}: set HOST to an address of this machine.`,
      );
    default:
      return error;
  }
}
