import type { Role } from '@strata/models';
import { StrataError } from '@strata/modules/errors';

/** The `WWW-Authenticate` challenge every 401 carries: a token as Bearer, or as a Basic password (PACS). */
export const AUTH_CHALLENGE = 'Bearer realm="strata", Basic realm="strata"';

export function authRequired(): StrataError {
  return new StrataError(
    'auth.required',
    'unauthenticated',
    'Sign in: send an API token (Authorization: Bearer strata_…, or as the HTTP Basic password).',
  );
}

export function invalidCredentials(): StrataError {
  return new StrataError(
    'auth.invalid_credentials',
    'unauthenticated',
    'The credentials are not valid: unknown, expired or revoked token or session, wrong password, or a disabled account.',
  );
}

export function forbidden(needed: Role | 'site admin', what: string): StrataError {
  return new StrataError('auth.forbidden', 'forbidden', `This needs the ${needed} role on ${what}.`, {
    details: { needed },
  });
}
