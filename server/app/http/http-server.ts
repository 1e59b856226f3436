import cors from '@fastify/cors';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { VersioningDeps } from '@strata/services/versioning';
import { registerAuthentication } from './authentication.js';
import { MAX_PARAM_LENGTH, registerErrorHandling, sendError } from './error-handler.js';
import { registerHealthRoutes, type ReadinessCheck } from './health-routes.js';
import { registerMetrics } from './metrics.js';
import { requestIdOf } from './request-id.js';
import { registerTracing } from './tracing.js';

export interface HttpServerOptions {
  logger: Logger;
  metrics: Registry;
  readinessChecks: ReadinessCheck[];
  isShuttingDown: () => boolean;
  corsOrigins: '*' | false | string[];
  bodyLimit: number;
  version: string;
  /** What authenticating a request needs (the accounts and credentials in the database). */
  deps: VersioningDeps;
}

/**
 * One log line per request, when it is answered (method, url, address, status, time), instead of
 * Fastify's two: each line is JSON to serialize and write, on every request.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = {
      req: { method: request.method, url: request.url, remoteAddress: request.ip },
      res: { statusCode: reply.statusCode },
      responseTime: reply.elapsedTime,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}

/** The Fastify application with everything every route shares; protocol plugins register on it. */
export async function createHttpServer(options: HttpServerOptions): Promise<FastifyInstance> {
  const logger: FastifyBaseLogger = options.logger;
  const app: FastifyInstance = Fastify({
    loggerInstance: logger,
    genReqId: requestIdOf,
    bodyLimit: options.bodyLimit,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors: sendError,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    logController: new OneLinePerRequest(),
  });
  // onRequest, not onSend: responses streamed straight to the socket (WADO-RS) skip onSend.
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    // Lets cross-origin-isolated viewers (OHIF's MPR mode) load our responses.
    void reply.header('cross-origin-resource-policy', 'cross-origin');
  });
  registerErrorHandling(app);
  registerTracing(app, options.version);
  registerMetrics(app, options.metrics);
  if (options.corsOrigins !== false) {
    await app.register(cors, {
      origin: options.corsOrigins === '*' ? '*' : options.corsOrigins,
      exposedHeaders: ['x-request-id', 'etag', 'content-location', 'warning', 'x-total-count', 'strata-commit'],
      maxAge: 86400,
    });
  }
  // After CORS, so a 401 still carries the CORS headers a browser needs to read it.
  registerAuthentication(app, options.deps);
  registerHealthRoutes(app, {
    checks: options.readinessChecks,
    isShuttingDown: options.isShuttingDown,
    version: options.version,
  });
  return app;
}
