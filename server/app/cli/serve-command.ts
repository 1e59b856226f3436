import { serve } from '../runtime/serve.js';
import type { Command } from './command.js';
import { untilStopped } from './until-stopped.js';

export const serveCommand: Command = {
  summary: 'Start the HTTP server (DICOMweb, GraphQL, web app) on HOST:PORT.',
  async run({ config }) {
    const server = await serve(config);
    await untilStopped(server.system.logger, () => server.stop());
    return 0;
  },
};
