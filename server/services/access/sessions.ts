import type { VersioningRepositories } from '@strata/models';
import type { VersioningDeps } from '../versioning/versioning-deps.js';
import type { UserActor } from './actor.js';
import { authenticate, SESSION_LIFETIME_MS } from './authenticate.js';
import { newSessionSecret, secretHash } from './secrets.js';
import { recordEvent } from '../audit/audit.js';

/** Signs a user in with a password; the session secret goes into the `strata_session` cookie. */
export async function signIn(
  deps: VersioningDeps,
  login: string,
  password: string,
): Promise<{ actor: UserActor; secret: string; expiresAt: Date }> {
  const actor = await authenticate(deps, { kind: 'password', login, password });
  const session = await deps.database.transaction((repositories) =>
    startSession(repositories, deps, actor, 'password'),
  );
  return { actor, ...session };
}

/**
 * Opens a web session for a user inside the caller's transaction, with its `session.created`
 * event naming how the user signed in (`password` or `oidc`); answers the cookie's secret.
 */
export async function startSession(
  repositories: VersioningRepositories,
  deps: VersioningDeps,
  actor: UserActor,
  method: 'password' | 'oidc',
): Promise<{ secret: string; expiresAt: Date }> {
  const secret = newSessionSecret();
  const expiresAt = new Date(deps.now().getTime() + SESSION_LIFETIME_MS);
  await repositories.credentials.createSession(actor.userId, secretHash(secret), expiresAt);
  await recordEvent(repositories, deps, actor, 'session.created', { subject: `user:${actor.login}`, data: { method } });
  return { secret, expiresAt };
}

/**
 * Ends a session; unknown secrets are ignored (signing out twice is fine). The `session.ended`
 * event tells open subscriptions made with that cookie to re-check it at once.
 */
export async function signOut(deps: VersioningDeps, secret: string): Promise<void> {
  const read = deps.database.read();
  const session = await read.credentials.sessionByHash(secretHash(secret));
  if (session === undefined) return;
  const account = await read.accounts.findById(session.userId);
  await deps.database.transaction(async (repositories) => {
    await repositories.credentials.deleteSession(session.id);
    if (account === undefined) return;
    const actor: UserActor = { kind: 'user', userId: account.id, login: account.login, siteAdmin: account.siteAdmin };
    await recordEvent(repositories, deps, actor, 'session.ended', { subject: `user:${account.login}` });
  });
}
