import { parseArgs, type ParseArgsConfig } from 'node:util';
import { StrataError } from '@strata/modules/errors';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses a command's arguments strictly; a mistake is a `cli.usage` error carrying the command's usage line. */
export function parseCommandArgs<T extends Options>(
  args: string[],
  options: T,
  usageLine: string,
  positionals: [number, number],
) {
  try {
    const parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
    const [min, max] = positionals;
    if (parsed.positionals.length < min || parsed.positionals.length > max)
      throw new Error('wrong number of arguments');
    return parsed;
  } catch (error) {
    throw usageError(usageLine, error instanceof Error ? error.message : String(error));
  }
}

/** The error for a command line that does not fit the command's usage (exit code 2). */
export function usageError(usageLine: string, reason: string): StrataError {
  return new StrataError('cli.usage', 'invalid', `${reason}. Usage: strata ${usageLine}`);
}
