import { serve } from '../runtime/serve.js';
import type { Command } from './command.js';

export const serveCommand: Command = {
  summary: 'Start the HTTP server (DICOMweb, GraphQL, web app) on HOST:PORT.',
  async run({ config }) {
    const server = await serve(config);
    await new Promise<void>((resolve) => {
      let signalled = false;
      const onSignal = (signal: NodeJS.Signals) => {
        if (signalled) {
          server.system.logger.warn({ signal }, 'second signal: exiting now');
          process.exit(130);
        }
        signalled = true;
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
