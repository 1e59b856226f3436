/**
 * The kinds of failure a caller can cause or meet. Each protocol maps a kind to its own status
 * (HTTP in the app's error handler, `extensions.code` in GraphQL) in exactly one place.
 */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'not_acceptable'
  | 'conflict'
  | 'gone'
  | 'precondition_failed'
  | 'too_large'
  | 'uri_too_long'
  | 'unsupported_media_type'
  | 'range_not_satisfiable'
  | 'unavailable'
  | 'bad_gateway'
  | 'internal';

export interface StrataErrorOptions {
  /** Safe, structured facts for the client (never secrets, never stack traces). */
  details?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * An error with a stable machine-readable `code` (e.g. `blob.not_found`), a kind, and a message
 * written for the person who has to act on it.
 */
export class StrataError extends Error {
  override readonly name = 'StrataError';
  readonly details: Record<string, unknown> | undefined;

  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    options: StrataErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.details = options.details;
  }
}

export function isStrataError(error: unknown): error is StrataError {
  return error instanceof StrataError;
}

/** The Node.js system error code (`ENOENT`, `EACCES`, …) of an error, if it has one. */
export function systemErrorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const { code } = error;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/** Node.js's codes for a write refused for want of space, and PostgreSQL's (SQLSTATE 53100, disk_full). */
const NO_SPACE = new Set(['ENOSPC', 'EDQUOT', '53100']);

/**
 * A failure for want of storage space (ENOSPC, EDQUOT, or PostgreSQL's disk_full), found in
 * `error` or its causes, as `storage.full`: the server is unavailable for writes until its
 * operator frees space, and the request kept nothing (every write is transactional). Undefined
 * for any other error.
 */
export function storageFullOf(error: unknown): StrataError | undefined {
  let at: unknown = error;
  for (let depth = 0; depth < 8 && typeof at === 'object' && at !== null; depth++) {
    const code = systemErrorCode(at);
    if (code !== undefined && NO_SPACE.has(code)) {
      return new StrataError(
        'storage.full',
        'unavailable',
        'The server is out of storage space, so nothing of this request was kept. Try again once its operator has freed space.',
        { cause: error },
      );
    }
    at = (at as { cause?: unknown }).cause;
  }
  return undefined;
}
