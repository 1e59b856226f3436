import type { OrgRole, Role, Visibility } from '@strata/models';
import { decideRole, roleRank, ROLES, type RoleFacts } from './decide-role.js';

const base: RoleFacts = {
  visibility: 'private',
  signedIn: true,
  siteAdmin: false,
  ownsDataset: false,
  orgRole: undefined,
  grants: [],
  token: undefined,
};
const anonymous: RoleFacts = { ...base, signedIn: false };

describe('decideRole', () => {
  // given the facts, then the role (undefined: cannot even read)
  it.each<[string, RoleFacts, Role | undefined]>([
    ['anonymous, private', { ...anonymous }, undefined],
    ['anonymous, internal', { ...anonymous, visibility: 'internal' }, undefined],
    ['anonymous, public', { ...anonymous, visibility: 'public' }, 'read'],
    ['outsider, private', base, undefined],
    ['outsider, internal', { ...base, visibility: 'internal' }, 'read'],
    ['outsider, public', { ...base, visibility: 'public' }, 'read'],
    ['site admin, private', { ...base, siteAdmin: true }, 'admin'],
    ['user owner, private', { ...base, ownsDataset: true }, 'admin'],
    ['organization owner, private', { ...base, orgRole: 'owner' }, 'admin'],
    ['organization member, private', { ...base, orgRole: 'member' }, 'read'],
    ['read collaborator, private', { ...base, grants: ['read'] }, 'read'],
    ['write collaborator, private', { ...base, grants: ['write'] }, 'write'],
    ['team write and direct read: the highest', { ...base, grants: ['read', 'write'] }, 'write'],
    ['member with an admin grant', { ...base, orgRole: 'member', grants: ['admin'] }, 'admin'],
    [
      'write collaborator with a read token',
      { ...base, grants: ['write'], token: { scope: 'read', forOtherDataset: false } },
      'read',
    ],
    [
      'write collaborator with an admin token',
      { ...base, grants: ['write'], token: { scope: 'admin', forOtherDataset: false } },
      'write',
    ],
    [
      'site admin with a write token',
      { ...base, siteAdmin: true, token: { scope: 'write', forOtherDataset: false } },
      'write',
    ],
    [
      'token for another dataset, public',
      { ...base, visibility: 'public', token: { scope: 'admin', forOtherDataset: true } },
      undefined,
    ],
    [
      'token for another dataset, owner',
      { ...base, ownsDataset: true, token: { scope: 'admin', forOtherDataset: true } },
      undefined,
    ],
    [
      'outsider with a write token, public',
      { ...base, visibility: 'public', token: { scope: 'write', forOtherDataset: false } },
      'read',
    ],
    ['outsider with a token, private', { ...base, token: { scope: 'admin', forOtherDataset: false } }, undefined],
    // Grants and memberships count only for a signed-in user.
    [
      'anonymous facts with grants are ignored',
      { ...anonymous, grants: ['admin'], orgRole: 'owner', siteAdmin: true },
      undefined,
    ],
  ])('%s', (_name, facts, role) => {
    expect(decideRole(facts)).toBe(role);
  });

  // Every combination of facts, against the rules stated one by one.
  const visibilities: Visibility[] = ['private', 'internal', 'public'];
  const orgRoles: (OrgRole | undefined)[] = [undefined, 'member', 'owner'];
  const grantSets: Role[][] = [[], ['read'], ['write'], ['admin'], ['read', 'write'], ['read', 'admin']];
  const tokens: RoleFacts['token'][] = [
    undefined,
    ...ROLES.flatMap((scope) => [false, true].map((forOtherDataset) => ({ scope, forOtherDataset }))),
  ];
  const all: RoleFacts[] = [];
  for (const visibility of visibilities)
    for (const signedIn of [false, true])
      for (const siteAdmin of [false, true])
        for (const ownsDataset of [false, true])
          for (const orgRole of orgRoles)
            for (const grants of grantSets)
              for (const token of tokens) {
                if (!signedIn && (siteAdmin || ownsDataset || orgRole !== undefined || grants.length > 0 || token))
                  continue;
                all.push({ visibility, signedIn, siteAdmin, ownsDataset, orgRole, grants, token });
              }

  it('never gives more than the token scope, and nothing through a token for another dataset', () => {
    for (const facts of all) {
      const role = decideRole(facts);
      if (facts.token?.forOtherDataset === true) expect(role).toBeUndefined();
      else if (facts.token !== undefined) expect(roleRank(role)).toBeLessThanOrEqual(roleRank(facts.token.scope));
    }
  });

  it('gives admin to site admins, user owners and organization owners (up to the token scope)', () => {
    for (const facts of all.filter((f) => f.siteAdmin || f.ownsDataset || f.orgRole === 'owner')) {
      expect(decideRole(facts)).toBe(
        facts.token?.forOtherDataset === true ? undefined : (facts.token?.scope ?? 'admin'),
      );
    }
  });

  it('gives everyone else the highest of grants, membership and visibility (up to the token scope)', () => {
    for (const facts of all.filter((f) => !f.siteAdmin && !f.ownsDataset && f.orgRole !== 'owner')) {
      const candidates = [
        ...facts.grants.map(roleRank),
        facts.orgRole === 'member' ? 1 : 0,
        facts.visibility === 'public' || (facts.visibility === 'internal' && facts.signedIn) ? 1 : 0,
      ];
      let rank = Math.max(...candidates);
      if (facts.token !== undefined)
        rank = facts.token.forOtherDataset ? 0 : Math.min(rank, roleRank(facts.token.scope));
      expect(roleRank(decideRole(facts))).toBe(rank);
    }
  });

  it('covers every combination', () => {
    expect(all.length).toBe(3 * (1 + 2 * 2 * 3 * 6 * 7));
  });
});
