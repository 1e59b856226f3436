import { parseArgs } from 'node:util';
import { isStrataError } from '@strata/modules/errors';
import { loadConfig, type Config } from '../config/index.js';
import { packageVersion } from './package-version.js';
import { commands, usage } from './commands.js';

/** Runs one CLI invocation and returns its exit code; errors a user can act on print as one line. */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: { help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' } },
  });
  const name = positionals[0];
  if (values.version === true) {
    process.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  const command = name === undefined ? undefined : commands[name];
  if (values.help === true || command === undefined) {
    process.stdout.write(usage());
    return name === undefined || values.help === true ? 0 : 2;
  }
  try {
    const config: Config = loadConfig(env, { version: packageVersion() });
    return await command.run({ config, args: positionals.slice(1) });
  } catch (error) {
    if (isStrataError(error)) {
      process.stderr.write(`strata: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(
      `strata: unexpected error (a bug: please report it):\n${error instanceof Error ? error.stack : String(error)}\n`,
    );
    return 70;
  }
}
