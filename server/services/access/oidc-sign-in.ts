import { StrataError } from '@strata/modules/errors';
import type { VersioningDeps } from '../versioning/versioning-deps.js';
import type { UserActor } from './actor.js';
import { userOfIdentity } from './oidc-accounts.js';
import type { OidcProvider } from './oidc-provider.js';
import { newSessionSecret, secretHash } from './secrets.js';
import { startSession } from './sessions.js';

/** How long a browser has between being sent to the provider and coming back. */
export const OIDC_FLOW_LIFETIME_MS = 10 * 60 * 1000;

/**
 * Starts an OIDC sign-in: answers the provider URL to send the browser to and a secret for the
 * browser's flow cookie, under whose hash the PKCE verifier, state and nonce wait in the database.
 * `returnTo` is where the browser goes once signed in: only a path on this site (see safeReturnTo).
 */
export async function startOidcSignIn(
  deps: VersioningDeps,
  provider: OidcProvider,
  returnTo: string | undefined,
): Promise<{ url: URL; flowSecret: string; expiresAt: Date }> {
  const { url, challenge } = await provider.authorization();
  const flowSecret = newSessionSecret();
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + OIDC_FLOW_LIFETIME_MS);
  await deps.database.transaction((repositories) =>
    repositories.identities.startFlow(
      secretHash(flowSecret),
      { ...challenge, returnTo: safeReturnTo(returnTo), expiresAt },
      now,
    ),
  );
  return { url, flowSecret, expiresAt };
}

/**
 * Finishes an OIDC sign-in at the callback: takes the flow out (one callback per flow), checks
 * it came back in time to the browser that started it, lets openid-client redeem the code, then
 * finds or creates the linked user and opens a session, in one transaction.
 */
export async function finishOidcSignIn(
  deps: VersioningDeps,
  provider: OidcProvider,
  flowSecret: string | undefined,
  callbackUrl: URL,
): Promise<{ actor: UserActor; secret: string; expiresAt: Date; returnTo: string }> {
  const flow =
    flowSecret === undefined
      ? undefined
      : await deps.database.transaction((repositories) => repositories.identities.takeFlow(secretHash(flowSecret)));
  if (flow === undefined) throw invalidState('this browser has no sign-in under way (no or an unknown flow cookie)');
  if (flow.expiresAt <= deps.now()) {
    throw new StrataError('oidc.flow_expired', 'invalid', 'The sign-in took too long: start it again.');
  }
  if (callbackUrl.searchParams.get('state') !== flow.state) {
    throw invalidState('the state sent back is not the one this browser was sent with');
  }
  const identity = await provider.identity(callbackUrl, flow);
  return deps.database.transaction(async (repositories) => {
    const user = await userOfIdentity(repositories, deps, identity, provider.settings.allowSignup);
    const actor: UserActor = { kind: 'user', userId: user.id, login: user.login, siteAdmin: user.siteAdmin };
    const session = await startSession(repositories, deps, actor, 'oidc');
    return { actor, ...session, returnTo: flow.returnTo };
  });
}

/**
 * A path on this site to return to, else `/`: never an absolute URL, a scheme-relative `//host`
 * or `/\host` (which browsers read as another host): no open redirect through the sign-in. Only
 * printable ASCII (a percent-encoded path), so that no space, control character or backslash
 * can make a browser read it otherwise, and the Location header always takes it.
 */
export function safeReturnTo(returnTo: string | undefined): string {
  if (returnTo === undefined || returnTo.length > 2048) return '/';
  return /^\/[!-~]*$/.test(returnTo) && !returnTo.startsWith('//') && !returnTo.includes('\\') ? returnTo : '/';
}

function invalidState(why: string): StrataError {
  return new StrataError('oidc.invalid_state', 'invalid', `This sign-in cannot be finished: ${why}. Start it again.`);
}
