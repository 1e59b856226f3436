import { defineEntity, p } from '@mikro-orm/core';

/**
 * One namespace of owners: a user or an organization, by a login unique regardless of case
 * (stored as typed). Users have an email, an optional argon2id password hash (token-only users
 * have none), `siteAdmin` and `disabledAt`; organizations leave those empty.
 */
export const AccountSchema = defineEntity({
  name: 'Account',
  tableName: 'account',
  indexes: [
    {
      name: 'account_login_lower_unique',
      expression: 'create unique index "account_login_lower_unique" on "account" (lower("login"))',
    },
  ],
  properties: {
    id: p.uuid().primary(),
    login: p.string().length(100),
    kind: p.enum(['user', 'organization'] as const),
    email: p.string().length(320).nullable().unique('account_email_unique'),
    displayName: p.string().length(255).nullable(),
    passwordHash: p.text().nullable(),
    siteAdmin: p.boolean().default(false),
    disabledAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class Account extends AccountSchema.class {}
AccountSchema.setClass(Account);

/** A user's membership of an organization: `owner`s administer it and all its datasets. */
export const OrgMemberSchema = defineEntity({
  name: 'OrgMember',
  tableName: 'org_member',
  properties: {
    org: () => p.manyToOne(AccountSchema).primary().deleteRule('cascade'),
    user: () => p.manyToOne(AccountSchema).primary().deleteRule('cascade').index('org_member_user_id_index'),
    role: p.enum(['owner', 'member'] as const),
  },
});

export class OrgMember extends OrgMemberSchema.class {}
OrgMemberSchema.setClass(OrgMember);

/** A named set of users inside an organization, to grant datasets to at once. */
export const TeamSchema = defineEntity({
  name: 'Team',
  tableName: 'team',
  uniques: [{ properties: ['org', 'name'] }],
  properties: {
    id: p.uuid().primary(),
    org: () => p.manyToOne(AccountSchema).deleteRule('cascade'),
    name: p.string().length(100),
  },
});

export class Team extends TeamSchema.class {}
TeamSchema.setClass(Team);

export const TeamMemberSchema = defineEntity({
  name: 'TeamMember',
  tableName: 'team_member',
  properties: {
    team: () => p.manyToOne(TeamSchema).primary().deleteRule('cascade'),
    user: () => p.manyToOne(AccountSchema).primary().deleteRule('cascade').index('team_member_user_id_index'),
  },
});

export class TeamMember extends TeamMemberSchema.class {}
TeamMemberSchema.setClass(TeamMember);
