import { StrataError, systemErrorCode } from '@strata/modules/errors';
import { describeTarget, type DatabaseTarget } from './target.js';

const POSTGRES_HINTS: Record<string, string> = {
  ECONNREFUSED: 'connection refused: start the server or fix DATABASE_URL',
  ENOTFOUND: 'host not found: fix the host in DATABASE_URL',
  ETIMEDOUT: 'connection timed out: check the host, port and firewall in DATABASE_URL',
  EHOSTUNREACH: 'host unreachable: check the host in DATABASE_URL',
  '3D000': 'the database does not exist: create it (createdb) or fix the name in DATABASE_URL',
  '28P01': 'password authentication failed: fix the credentials in DATABASE_URL',
  '28000': 'the server refused this user: fix the user in DATABASE_URL or pg_hba.conf',
  '57P03': 'the server is starting up or shutting down: try again in a moment',
};

/**
 * Turns a failure to open the database into one actionable line, never a stack trace. `postgresLog`
 * is what an embedded PostgreSQL wrote to its stderr while starting; its FATAL or PANIC line, when
 * there is one, is the reason.
 */
export function databaseUnavailable(target: DatabaseTarget, error: unknown, postgresLog: string[] = []): StrataError {
  const where = describeTarget(target);
  const code = systemErrorCode(error) ?? nestedCode(error);
  let hint: string;
  if (target.kind === 'postgresql') {
    hint = (code !== undefined ? POSTGRES_HINTS[code] : undefined) ?? `${messageOf(error)}: check DATABASE_URL`;
  } else {
    const said = postgresReason(postgresLog);
    hint =
      `${messageOf(error)}${said !== undefined ? ` (PostgreSQL said ${said})` : ''}: the data directory may be damaged or from another PostgreSQL version; ` +
      'move it aside and restore it from a backup (blobs are stored separately and are untouched)';
  }
  return new StrataError('database.unavailable', 'unavailable', `Cannot open the database (${where}): ${hint}.`, {
    cause: error,
  });
}

/** The last FATAL or PANIC line of a PostgreSQL log, without its timestamp and process prefix. */
function postgresReason(log: string[]): string | undefined {
  for (let i = log.length - 1; i >= 0; i--) {
    const match = /\b(FATAL|PANIC):\s+(.*)$/.exec(log[i] ?? '');
    if (match !== null) return `${match[1]}: ${(match[2] ?? '').slice(0, 300)}`;
  }
  return undefined;
}

function nestedCode(error: unknown): string | undefined {
  if (error instanceof AggregateError) {
    for (const inner of error.errors) {
      const code = systemErrorCode(inner);
      if (code !== undefined) return code;
    }
  }
  if (error instanceof Error && error.cause !== undefined) return systemErrorCode(error.cause);
  return undefined;
}

function messageOf(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  // PGlite's WebAssembly build reports a failed start as an Emscripten abort.
  const text = raw.replace(/^Aborted\(\)[\s\S]*/, 'PGlite aborted while opening it');
  return text.split('\n')[0]?.slice(0, 200) || 'unknown error';
}
