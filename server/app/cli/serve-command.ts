import { serve } from '../runtime/serve.js';
import type { Command } from './command.js';

const DUPLICATE_SIGNAL_MS = 1500;

export const serveCommand: Command = {
  summary: 'Start the HTTP server (DICOMweb, GraphQL, web app) on HOST:PORT.',
  async run({ config }) {
    const server = await serve(config);
    await new Promise<void>((resolve) => {
      let firstSignalAt: number | undefined;
      const onSignal = (signal: NodeJS.Signals) => {
        if (firstSignalAt !== undefined) {
          // A terminal's Ctrl-C reaches both npm and us, and npm forwards it again: only a
          // signal that comes later is a person insisting.
          if (Date.now() - firstSignalAt < DUPLICATE_SIGNAL_MS) return;
          server.system.logger.warn({ signal }, 'second signal: exiting now');
          process.exit(130);
        }
        firstSignalAt = Date.now();
        server.system.logger.info({ signal }, 'shutting down');
        void server.stop().then(resolve, (error: unknown) => {
          server.system.logger.error({ err: error }, 'error during shutdown');
          resolve();
        });
      };
      process.on('SIGTERM', onSignal);
      process.on('SIGINT', onSignal);
    });
    return 0;
  },
};
