import { defineEntity, p } from '@mikro-orm/core';
import { AccountSchema } from './account.js';
import { DatasetSchema } from './dataset.js';

/**
 * An API token of a user: only the SHA-256 of the secret is kept (it has 240 bits of
 * randomness, so a fast hash suffices), and its first 12 characters to recognise it by.
 */
export const ApiTokenSchema = defineEntity({
  name: 'ApiToken',
  tableName: 'api_token',
  properties: {
    id: p.uuid().primary(),
    user: () => p.manyToOne(AccountSchema).deleteRule('cascade').index('api_token_user_id_index'),
    name: p.string().length(100),
    tokenHash: p.blob().columnType('bytea').unique('api_token_token_hash_unique'),
    prefix: p.string().length(12),
    scope: p.enum(['read', 'write', 'admin'] as const),
    dataset: () => p.manyToOne(DatasetSchema).nullable().deleteRule('cascade'),
    expiresAt: p.datetime().nullable(),
    lastUsedAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class ApiToken extends ApiTokenSchema.class {}
ApiTokenSchema.setClass(ApiToken);

/** A web sign-in: the SHA-256 of the cookie's 32 random bytes, valid until `expiresAt` (sliding). */
export const SessionSchema = defineEntity({
  name: 'Session',
  tableName: 'session',
  properties: {
    id: p.uuid().primary(),
    user: () => p.manyToOne(AccountSchema).deleteRule('cascade').index('session_user_id_index'),
    tokenHash: p.blob().columnType('bytea').unique('session_token_hash_unique'),
    expiresAt: p.datetime(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class Session extends SessionSchema.class {}
SessionSchema.setClass(Session);
