import { pino, type Logger } from 'pino';

/**
 * Structured JSON logs on standard output; secrets in known places are redacted. Written
 * asynchronously: a request never waits on a write to a slow pipe (a synchronous write per line
 * cost about 0.4 ms of a request's CPU); pino flushes what is pending when the process exits.
 */
export function createLogger(level: string, version: string): Logger {
  return pino(
    {
      level,
      base: { service: 'strata', version },
      redact: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'],
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    pino.destination({ dest: 1, sync: false }),
  );
}

/**
 * Logs of a CLI command other than `serve`: on standard error, so standard output carries only
 * the command's result, and quiet unless something is wrong or debugging was asked for.
 */
export function createCliLogger(level: string, version: string): Logger {
  const effective = level === 'debug' || level === 'trace' || level === 'silent' ? level : 'warn';
  return pino({ level: effective, base: { service: 'strata', version } }, pino.destination(2));
}
