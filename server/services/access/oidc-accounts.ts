import { randomBytes } from 'node:crypto';
import type { AccountRecord, VersioningRepositories } from '@strata/models';
import { StrataError } from '@strata/modules/errors';
import type { VersioningDeps } from '../versioning/versioning-deps.js';
import { isReservedLogin } from '../versioning/names.js';
import { recordEvent } from '../audit/audit.js';
import { invalidCredentials } from './access-errors.js';
import { EMAIL, LOGIN } from './accounts.js';

/** Who the OpenID provider says signed in, from the validated ID token. */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  /** The configured username claim (OIDC_USERNAME_CLAIM), if the provider sent it as a string. */
  username?: string;
  /** Only an email the provider did not call unverified. */
  email?: string;
  name?: string;
}

/**
 * The user linked to an identity, inside the caller's transaction; with `allowSignup`, a new user
 * is created and linked on the first sign-in. Never links to an existing account by email: a
 * provider that lets users choose their email would hand over any account with that email.
 * A disabled user is `auth.invalid_credentials`, as with a password.
 */
export async function userOfIdentity(
  repositories: VersioningRepositories,
  deps: VersioningDeps,
  identity: OidcIdentity,
  allowSignup: boolean,
): Promise<AccountRecord> {
  const linked = await repositories.identities.userOf(identity.issuer, identity.subject);
  if (linked !== undefined) {
    const user = await repositories.accounts.findById(linked);
    if (user === undefined || user.disabledAt !== null) throw invalidCredentials();
    return user;
  }
  if (!allowSignup) {
    throw new StrataError(
      'oidc.signup_disabled',
      'forbidden',
      'No Strata user is linked to this sign-in, and new users are not created from it (OIDC_ALLOW_SIGNUP is off): ask an administrator.',
    );
  }
  const email =
    identity.email !== undefined &&
    identity.email.length <= 320 &&
    EMAIL.test(identity.email) &&
    !(await repositories.accounts.emailTaken(identity.email));
  const user = await repositories.accounts.create({
    login: await freeLogin(repositories, loginFrom(identity)),
    kind: 'user',
    ...(email && { email: identity.email }),
    ...(identity.name !== undefined && { displayName: identity.name.slice(0, 255) }),
  });
  if (!(await repositories.identities.link(user.id, identity.issuer, identity.subject))) {
    // Another callback of the same person linked it first: refuse this one, which rolls back.
    throw new StrataError('oidc.concurrent_sign_in', 'conflict', 'This sign-in raced another one: sign in again.');
  }
  const actor = { kind: 'user', userId: user.id, login: user.login, siteAdmin: false } as const;
  await recordEvent(repositories, deps, actor, 'user.created', {
    subject: `user:${user.login}`,
    data: { email: user.email, siteAdmin: false, password: false, oidc: identity.issuer },
  });
  return user;
}

/**
 * A valid login made of the username claim, else the email (of either, only what comes before an
 * `@`: some providers' usernames are emails), `user` if nothing is left.
 */
function loginFrom(identity: OidcIdentity): string {
  const wanted = (identity.username ?? identity.email ?? '').split('@')[0] ?? '';
  const cleaned = wanted
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 90);
  return cleaned === '' ? 'user' : cleaned;
}

/** `base`, else `base-2` … `base-20`, else `base-` and random hex: the first login nobody has. */
async function freeLogin(repositories: VersioningRepositories, base: string): Promise<string> {
  for (let n = 1; n <= 20; n++) {
    const login = n === 1 ? base : `${base}-${n}`;
    if (
      LOGIN.test(login) &&
      !isReservedLogin(login) &&
      (await repositories.accounts.findByLogin(login)) === undefined
    ) {
      return login;
    }
  }
  return `${base}-${randomBytes(4).toString('hex')}`;
}
