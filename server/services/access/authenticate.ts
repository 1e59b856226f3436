import type { AccountRecord } from '@strata/models';
import type { VersioningDeps } from '../versioning/versioning-deps.js';
import { invalidCredentials } from './access-errors.js';
import type { Actor, UserActor } from './actor.js';
import { looksLikeToken, secretHash, verifyPassword } from './secrets.js';

/** What a request presented: an API token, a web session's secret, or a login and password. */
export type Credentials =
  | { kind: 'token'; token: string }
  | { kind: 'session'; secret: string }
  | { kind: 'password'; login: string; password: string };

/** How often a token's `last_used_at` is brought up to date. */
const TOKEN_TOUCH_MS = 60_000;

/** How long a session's expiry may lag behind its last use before it is pushed back. */
const SESSION_EXTEND_AFTER_MS = 60 * 60 * 1000;

export const SESSION_LIFETIME_MS = 30 * 24 * 3600 * 1000;

// Verified when the login is unknown, so that an unknown login takes as long as a wrong password.
const DECOY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c3RyYXRhLWRlY295LXNhbHQ$jR3b7f0gQ0xYp7xkq8Vt5J6m1nYg2bq3mZQp9a1Qy6Y';

/**
 * The actor credentials stand for; no credentials is the anonymous actor. Bad, expired or
 * revoked credentials, and those of a disabled user, are `auth.invalid_credentials`: never
 * silently anonymous.
 */
export async function authenticate(deps: VersioningDeps, credentials: undefined): Promise<Actor>;
export async function authenticate(deps: VersioningDeps, credentials: Credentials): Promise<UserActor>;
export async function authenticate(deps: VersioningDeps, credentials: Credentials | undefined): Promise<Actor>;
export async function authenticate(deps: VersioningDeps, credentials: Credentials | undefined): Promise<Actor> {
  return (await authenticateUntil(deps, credentials)).actor;
}

/**
 * authenticate, with the instant the credentials stop being valid unless something else ends them
 * first (a token's expiry, a session's current expiry; none for a password or no credentials):
 * for connections that outlive a request (subscriptions).
 */
export async function authenticateUntil(
  deps: VersioningDeps,
  credentials: Credentials | undefined,
): Promise<{ actor: Actor; expiresAt?: Date }> {
  if (credentials === undefined) return { actor: { kind: 'anonymous' } };
  const repositories = deps.database.read();
  const now = deps.now();
  switch (credentials.kind) {
    case 'token': {
      if (!looksLikeToken(credentials.token)) throw invalidCredentials();
      const token = await repositories.credentials.tokenByHash(secretHash(credentials.token));
      if (token === undefined || token.revokedAt !== null) throw invalidCredentials();
      if (token.expiresAt !== null && token.expiresAt <= now) throw invalidCredentials();
      const user = await liveUser(deps, token.userId);
      // Recorded at most once a minute: most requests read the token and write nothing.
      if (token.lastUsedAt === null || now.getTime() - token.lastUsedAt.getTime() >= TOKEN_TOUCH_MS) {
        await repositories.credentials.touchToken(token.id, now);
      }
      return {
        actor: { ...userActor(user), token: { tokenId: token.id, scope: token.scope, datasetId: token.datasetId } },
        ...(token.expiresAt !== null && { expiresAt: token.expiresAt }),
      };
    }
    case 'session': {
      const session = await repositories.credentials.sessionByHash(secretHash(credentials.secret));
      if (session === undefined || session.expiresAt <= now) throw invalidCredentials();
      const user = await liveUser(deps, session.userId);
      // Sliding expiry, written at most once an hour: not a write on every request of a page.
      let expiresAt = session.expiresAt;
      if (expiresAt.getTime() - now.getTime() < SESSION_LIFETIME_MS - SESSION_EXTEND_AFTER_MS) {
        expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
        await repositories.credentials.extendSession(session.id, expiresAt);
      }
      return { actor: userActor(user), expiresAt };
    }
    case 'password': {
      const account = await repositories.accounts.findByLogin(credentials.login);
      const hash = account?.kind === 'user' ? await repositories.accounts.passwordHash(account.id) : undefined;
      const matches = await verifyPassword(credentials.password, hash ?? DECOY_HASH);
      if (!matches || hash === undefined || account === undefined || account.disabledAt !== null) {
        throw invalidCredentials();
      }
      return { actor: userActor(account) };
    }
  }
}

async function liveUser(deps: VersioningDeps, id: string): Promise<AccountRecord> {
  const user = await deps.database.read().accounts.findById(id);
  if (user === undefined || user.disabledAt !== null) throw invalidCredentials();
  return user;
}

function userActor(user: AccountRecord): UserActor {
  return {
    kind: 'user',
    userId: user.id,
    login: user.login,
    siteAdmin: user.siteAdmin,
    profile: { displayName: user.displayName, email: user.email },
  };
}
