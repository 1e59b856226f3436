import { isStrataError } from '@strata/modules/errors';
import { loadConfig, type Config } from '../config/index.js';
import { commands, usage } from './commands.js';
import { packageVersion } from './package-version.js';

/** Runs one CLI invocation and returns its exit code; errors a user can act on print as one line. */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  const command = name === undefined ? undefined : commands[name];
  if (command === undefined) {
    process.stdout.write(usage());
    return name === undefined || name === '--help' || name === '-h' || name === 'help' ? 0 : 2;
  }
  try {
    const config: Config = loadConfig(env, { version: packageVersion() });
    return await command.run({ config, args });
  } catch (error) {
    if (isStrataError(error)) {
      process.stderr.write(`strata: ${error.message}\n`);
      return error.code === 'cli.usage' ? 2 : 1;
    }
    process.stderr.write(
      `strata: unexpected error (a bug: please report it):\n${error instanceof Error ? error.stack : String(error)}\n`,
    );
    return 70;
  }
}
