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
