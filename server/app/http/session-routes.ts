import type { FastifyInstance, FastifyRequest } from 'fastify';
import { StrataError } from '@strata/modules/errors';
import { signIn, signOut } from '@strata/services/access';
import type { VersioningDeps } from '@strata/services/versioning';
import { SESSION_COOKIE, sessionSecretOf } from './authentication.js';
import { secretCookie } from './cookies.js';

/** Where the web app signs in (POST) and out (DELETE). */
export const SESSION_PATH = '/auth/session';

/**
 * Password sign-in for the web app: `POST /auth/session` with `{"login", "password"}` as JSON sets
 * the `strata_session` cookie (HttpOnly, SameSite=Lax, Secure over https) and answers who signed
 * in; `DELETE /auth/session` ends the session and clears the cookie. Only JSON bodies are taken,
 * which a page of another site cannot send without a CORS preflight (no login CSRF). A wrong
 * password and an unknown login get the same 401, after the same argon2 work.
 */
export function registerSessionRoutes(app: FastifyInstance, deps: VersioningDeps): void {
  app.post(SESSION_PATH, async (request, reply) => {
    requireJson(request);
    const { login, password } = credentialsIn(request.body);
    const { actor, secret, expiresAt } = await signIn(deps, login, password);
    void reply.header('set-cookie', sessionCookie(request, secret, expiresAt));
    void reply.header('cache-control', 'no-store');
    return reply.code(201).send({ login: actor.login, siteAdmin: actor.siteAdmin, expiresAt: expiresAt.toISOString() });
  });
  app.delete(SESSION_PATH, async (request, reply) => {
    const secret = sessionSecretOf(request);
    if (secret !== undefined) await signOut(deps, secret);
    void reply.header('set-cookie', sessionCookie(request, '', new Date(0)));
    return reply.code(204).send();
  });
}

function requireJson(request: FastifyRequest): void {
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new StrataError('request.unsupported_media_type', 'unsupported_media_type', 'Sign in with a JSON body.');
  }
}

function credentialsIn(body: unknown): { login: string; password: string } {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const { login, password } = fields;
  if (typeof login !== 'string' || typeof password !== 'string' || login.length > 100 || password.length > 1024) {
    throw new StrataError('auth.invalid_request', 'invalid', 'Sign in with {"login": "...", "password": "..."}.');
  }
  return { login, password };
}

/** The session cookie (an expiry in the past deletes it). */
export function sessionCookie(request: FastifyRequest, secret: string, expires: Date): string {
  return secretCookie(request, SESSION_COOKIE, secret, expires);
}
