import type { FastifyInstance } from 'fastify';
import { StrataError } from '@strata/modules/errors';
import { finishOidcSignIn, startOidcSignIn, type OidcProvider } from '@strata/services/access';
import type { VersioningDeps } from '@strata/services/versioning';
import { OIDC_CALLBACK_PATH } from '../config/index.js';
import { cookieIn, secretCookie } from './cookies.js';
import { sessionCookie } from './session-routes.js';

/** Where the web app learns how users may sign in. */
export const PROVIDERS_PATH = '/auth/providers';

/** Where a "Sign in with SSO" link points, with an optional `?returnTo=/path`. */
export const OIDC_LOGIN_PATH = '/auth/oidc/login';

/** The OIDC sign-in under way in this browser; only ever sent back to the callback. */
const FLOW_COOKIE = 'strata_oidc_flow';

/**
 * OIDC sign-in (when OIDC_ISSUER is set): `GET /auth/oidc/login?returnTo=/path` sends the browser
 * to the provider; the provider sends it back to `GET /auth/oidc/callback`, which sets the same
 * `strata_session` cookie as a password sign-in and sends it on to `returnTo` (a path on this
 * site). `GET /auth/providers` says whether it is configured. Without OIDC, both OIDC routes are
 * 404 `oidc.not_configured`.
 */
export function registerOidcRoutes(
  app: FastifyInstance,
  deps: VersioningDeps,
  provider: OidcProvider | undefined,
): void {
  app.get(PROVIDERS_PATH, { config: { ignoresCredentials: true } }, async () => ({
    password: true,
    oidc: provider === undefined ? null : { loginUrl: OIDC_LOGIN_PATH },
  }));

  app.get(OIDC_LOGIN_PATH, { config: { ignoresCredentials: true } }, async (request, reply) => {
    const { returnTo } = request.query as Record<string, unknown>;
    const started = await startOidcSignIn(
      deps,
      configured(provider),
      typeof returnTo === 'string' ? returnTo : undefined,
    );
    void reply.header(
      'set-cookie',
      secretCookie(request, FLOW_COOKIE, started.flowSecret, started.expiresAt, flowCookiePath(configured(provider))),
    );
    void reply.header('cache-control', 'no-store');
    return reply.redirect(started.url.href, 302);
  });

  app.get(OIDC_CALLBACK_PATH, { config: { ignoresCredentials: true } }, async (request, reply) => {
    const signIn = configured(provider);
    // The URL the provider was told to redirect to, with what it added: what openid-client
    // checks against, whatever host and scheme a proxy in front of Strata forwarded.
    const callbackUrl = new URL(signIn.settings.redirectUri);
    callbackUrl.search = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    // The flow is over whatever happens: its cookie goes, even with an error.
    const endFlow = secretCookie(request, FLOW_COOKIE, '', new Date(0), flowCookiePath(signIn));
    void reply.header('set-cookie', endFlow);
    void reply.header('cache-control', 'no-store');
    const flowSecret = cookieIn(request.headers.cookie, FLOW_COOKIE);
    const { secret, expiresAt, returnTo } = await finishOidcSignIn(deps, signIn, flowSecret, callbackUrl);
    void reply.header('set-cookie', [endFlow, sessionCookie(request, secret, expiresAt)]);
    return reply.redirect(returnTo, 302);
  });
}

/** The callback's folder as the browser sees it (under PUBLIC_URL's path, behind a proxy that adds one). */
function flowCookiePath(provider: OidcProvider): string {
  return new URL(provider.settings.redirectUri).pathname.replace(/\/callback$/, '');
}

function configured(provider: OidcProvider | undefined): OidcProvider {
  if (provider === undefined) {
    throw new StrataError(
      'oidc.not_configured',
      'not_found',
      'OIDC sign-in is not configured on this server (OIDC_ISSUER is unset): sign in with a password or a token.',
    );
  }
  return provider;
}
