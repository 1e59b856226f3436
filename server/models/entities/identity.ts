import { defineEntity, p } from '@mikro-orm/core';
import { AccountSchema } from './account.js';

/**
 * A user's identity at an OpenID provider: the provider's `iss` and the user's `sub` there, which
 * together never change (an email or a username at the provider may). One identity, one user.
 */
export const AccountIdentitySchema = defineEntity({
  name: 'AccountIdentity',
  tableName: 'account_identity',
  uniques: [{ name: 'account_identity_issuer_subject_unique', properties: ['issuer', 'subject'] }],
  properties: {
    id: p.uuid().primary(),
    user: () => p.manyToOne(AccountSchema).deleteRule('cascade').index('account_identity_user_id_index'),
    issuer: p.string().length(2048),
    subject: p.string().length(255),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class AccountIdentity extends AccountIdentitySchema.class {}
AccountIdentitySchema.setClass(AccountIdentity);

/**
 * An OIDC sign-in under way: the browser holds a random secret in a cookie, the server the PKCE
 * verifier, state and nonce under the secret's SHA-256, for a few minutes and for one callback.
 * In the database rather than in memory, so the callback may reach another server process.
 */
export const OidcFlowSchema = defineEntity({
  name: 'OidcFlow',
  tableName: 'oidc_flow',
  properties: {
    flowHash: p.blob().columnType('bytea').primary(),
    state: p.string().length(100),
    nonce: p.string().length(100),
    codeVerifier: p.string().length(128),
    returnTo: p.text(),
    expiresAt: p.datetime().index('oidc_flow_expires_at_index'),
  },
});

export class OidcFlow extends OidcFlowSchema.class {}
OidcFlowSchema.setClass(OidcFlow);
