import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ANONYMOUS, authenticate, type Actor, type Credentials } from '@strata/services/access';
import type { VersioningDeps } from '@strata/services/versioning';
import { cookieIn } from './cookies.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route reads no credentials (a sign-in): a stale session cookie must not stop it. */
    ignoresCredentials?: boolean;
  }
}

/** The web app's session cookie. */
export const SESSION_COOKIE = 'strata_session';

const actors = new WeakMap<FastifyRequest, Actor>();

/** Who a request was authenticated as; anonymous for requests the hook did not see (preflight). */
export function actorOf(request: FastifyRequest): Actor {
  return actors.get(request) ?? ANONYMOUS;
}

/**
 * Authenticates every request once, before any route: `Authorization: Bearer <token>`, HTTP
 * Basic with the token as the password (any user name: how PACS send credentials), or the
 * session cookie. Bad credentials answer 401 `auth.invalid_credentials` here, never anonymous.
 */
export function registerAuthentication(app: FastifyInstance, deps: VersioningDeps): void {
  app.addHook('onRequest', async (request) => {
    // A CORS preflight carries no credentials, and must succeed for the real request to be sent.
    if (request.method === 'OPTIONS') return;
    if (request.routeOptions.config.ignoresCredentials === true) return;
    actors.set(request, await authenticate(deps, credentialsOf(request)));
  });
}

function credentialsOf(request: FastifyRequest): Credentials | undefined {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const [scheme = '', value = ''] = authorization.trim().split(/\s+/, 2);
    switch (scheme.toLowerCase()) {
      case 'bearer':
        return { kind: 'token', token: value };
      case 'basic': {
        const decoded = Buffer.from(value, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        return { kind: 'token', token: colon < 0 ? '' : decoded.slice(colon + 1) };
      }
      default:
        // An unknown scheme is refused like a bad token, never ignored.
        return { kind: 'token', token: '' };
    }
  }
  const session = sessionSecretOf(request);
  return session === undefined ? undefined : { kind: 'session', secret: session };
}

/** The session secret in the request's `strata_session` cookie, if it has one. */
export function sessionSecretOf(request: FastifyRequest): string | undefined {
  return sessionSecretIn(request.headers.cookie);
}

/** The session secret in a `Cookie` header (a WebSocket upgrade is no Fastify request). */
export function sessionSecretIn(cookieHeader: string | undefined): string | undefined {
  return cookieIn(cookieHeader, SESSION_COOKIE);
}
