import { createLogger } from '../runtime/logger.js';
import { startJobs } from '../runtime/serve.js';
import { openSystem } from '../runtime/system.js';
import type { Command } from './command.js';
import { untilStopped } from './until-stopped.js';

/** `strata worker`: the job consumers of `serve` without HTTP, for PostgreSQL installations that scale them out. */
export const workerCommand: Command = {
  summary: 'Run the job consumers (webhook dispatch and delivery) without the HTTP server.',
  async run({ config }) {
    const logger = createLogger(config.logLevel, config.version);
    const system = await openSystem(config, logger);
    let started: Awaited<ReturnType<typeof startJobs>>;
    try {
      started = await startJobs({ ...config, jobs: { ...config.jobs, consume: true } }, system);
    } catch (error) {
      await system.close();
      throw error;
    }
    logger.info('strata worker is consuming jobs');
    await untilStopped(logger, async () => {
      await started.webhooks?.close();
      await started.jobs.stop(config.shutdownTimeoutMs);
      await system.close();
      logger.info('strata worker stopped');
    });
    return 0;
  },
};
