import type { OrgRole, Role, Visibility } from '@strata/models';

/** Everything that decides an actor's role on a dataset, already looked up. */
export interface RoleFacts {
  visibility: Visibility;
  signedIn: boolean;
  siteAdmin: boolean;
  /** The dataset's owner is this user's own account. */
  ownsDataset: boolean;
  /** The user's role in the organization owning the dataset, if they are in it. */
  orgRole: OrgRole | undefined;
  /** Roles granted to the user on the dataset, directly or through a team. */
  grants: readonly Role[];
  /** The token the actor authenticated with, if any. */
  token: { scope: Role; forOtherDataset: boolean } | undefined;
}

export const ROLES: readonly Role[] = ['read', 'write', 'admin'];

/** read < write < admin. */
export function roleRank(role: Role | undefined): number {
  return role === undefined ? 0 : ROLES.indexOf(role) + 1;
}

function highest(roles: readonly (Role | undefined)[]): Role | undefined {
  return roles.reduce<Role | undefined>((best, role) => (roleRank(role) > roleRank(best) ? role : best), undefined);
}

/**
 * The role an actor has on a dataset (docs/design/access.md, Decisions): the highest of what
 * their account gives them, then capped by their token; undefined when they may not even read.
 */
export function decideRole(facts: RoleFacts): Role | undefined {
  const signedIn = facts.signedIn;
  const role = highest([
    signedIn && (facts.siteAdmin || facts.ownsDataset || facts.orgRole === 'owner') ? 'admin' : undefined,
    ...(signedIn ? facts.grants : []),
    signedIn && facts.orgRole === 'member' ? 'read' : undefined,
    facts.visibility === 'public' || (facts.visibility === 'internal' && signedIn) ? 'read' : undefined,
  ]);
  if (facts.token === undefined) return role;
  if (facts.token.forOtherDataset) return undefined;
  return roleRank(role) <= roleRank(facts.token.scope) ? role : facts.token.scope;
}
