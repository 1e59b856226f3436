import { pino, type Logger } from 'pino';

/** Structured JSON logs on standard output; secrets in known places are redacted. */
export function createLogger(level: string, version: string): Logger {
  return pino({
    level,
    base: { service: 'strata', version },
    redact: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'],
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

/**
 * Logs of a CLI command other than `serve`: on standard error, so standard output carries only
 * the command's result, and quiet unless something is wrong or debugging was asked for.
 */
export function createCliLogger(level: string, version: string): Logger {
  const effective = level === 'debug' || level === 'trace' || level === 'silent' ? level : 'warn';
  return pino({ level: effective, base: { service: 'strata', version } }, pino.destination(2));
}
