export { loadConfig, settings, type Config } from './config/index.js';
export { serve, type RunningServer, type ServeOptions } from './runtime/serve.js';
export { openSystem, type System } from './runtime/system.js';
export { runCli } from './cli/run.js';
export { commands } from './cli/commands.js';
