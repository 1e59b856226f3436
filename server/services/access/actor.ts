import type { Role } from '@strata/models';

/** What a token allows: at most its scope, and only on its dataset when it names one. */
export interface TokenRestriction {
  tokenId: string;
  scope: Role;
  datasetId: string | null;
}

/** A signed-in user, through a token (then restricted by it), a session or a password. */
export interface UserActor {
  kind: 'user';
  userId: string;
  login: string;
  siteAdmin: boolean;
  token?: TokenRestriction;
  /** The account's name and email as read when the request was authenticated: a commit's author without reading it again. */
  profile?: { displayName: string | null; email: string | null };
}

/** Who is asking: no one, the local operator (the CLI on the data directory), or a user. */
export type Actor = { kind: 'anonymous' } | { kind: 'operator' } | UserActor;

export const ANONYMOUS: Actor = Object.freeze({ kind: 'anonymous' });

/** The local CLI: whoever can open the data directory administers the site. */
export const OPERATOR: Actor = Object.freeze({ kind: 'operator' });
