import type { FastifyInstance } from 'fastify';

/** A named dependency whose reachability decides readiness. */
export interface ReadinessCheck {
  name: string;
  check: () => Promise<void>;
}

interface CheckResult {
  ok: boolean;
  ms: number;
  error?: string;
}

export interface HealthOptions {
  checks: ReadinessCheck[];
  /** True once shutdown has begun: readiness fails so load balancers drain this instance. */
  isShuttingDown: () => boolean;
  version: string;
}

/** `/healthz` says the process is alive; `/readyz` that the database and blob store answer. */
export function registerHealthRoutes(app: FastifyInstance, options: HealthOptions): void {
  app.get('/healthz', async () => ({ status: 'ok', version: options.version }));

  app.get('/readyz', async (_request, reply) => {
    if (options.isShuttingDown()) {
      return reply.status(503).send({ status: 'shutting_down' });
    }
    const checks: Record<string, CheckResult> = {};
    await Promise.all(
      options.checks.map(async ({ name, check }) => {
        const started = performance.now();
        try {
          await check();
          checks[name] = { ok: true, ms: Math.round(performance.now() - started) };
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          checks[name] = { ok: false, ms: Math.round(performance.now() - started), error: message };
        }
      }),
    );
    const ready = Object.values(checks).every((result) => result.ok);
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', checks });
  });
}
