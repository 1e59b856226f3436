import type { ErrorKind } from './strata-error.js';

/** The one mapping from error kinds to HTTP status codes, shared by every HTTP surface. */
export const HTTP_STATUS: Readonly<Record<ErrorKind, number>> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  not_acceptable: 406,
  conflict: 409,
  gone: 410,
  precondition_failed: 412,
  too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  range_not_satisfiable: 416,
  unavailable: 503,
  /** A server Strata depends on (an OpenID provider) failed or answered wrongly. */
  bad_gateway: 502,
  internal: 500,
};

/** The error kind an HTTP status stands for (for errors raised by frameworks rather than by Strata). */
export function kindOfHttpStatus(status: number): ErrorKind {
  const found = (Object.entries(HTTP_STATUS) as [ErrorKind, number][]).find(([, code]) => code === status);
  if (found !== undefined) return found[0];
  return status >= 500 ? 'internal' : 'invalid';
}
