import type { Config } from '../config/index.js';

export interface CommandContext {
  config: Config;
  args: string[];
}

/** One `strata <name>` subcommand; `run` returns the exit code. */
export interface Command {
  summary: string;
  run(context: CommandContext): Promise<number>;
}
