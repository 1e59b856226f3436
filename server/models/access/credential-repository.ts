import { isUuid } from '@strata/modules/errors';
import { randomUUID } from 'node:crypto';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Role } from './membership-repository.js';

/** An API token as services see it (never its secret, which is not stored). */
export interface TokenRecord {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  scope: Role;
  datasetId: string | null;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}

export interface NewToken {
  userId: string;
  name: string;
  hash: Uint8Array;
  prefix: string;
  scope: Role;
  datasetId?: string;
  expiresAt?: Date;
}

export interface SessionRecord {
  id: string;
  userId: string;
  expiresAt: Date;
}

const TOKEN_COLUMNS = 'id, user_id, name, prefix, scope, dataset_id, expires_at, last_used_at, revoked_at, created_at';

/** API tokens and web sessions, looked up by the SHA-256 of their secret. */
export class CredentialRepository {
  constructor(private readonly em: SqlEntityManager) {}

  async createToken(token: NewToken): Promise<TokenRecord> {
    const record: TokenRecord = {
      id: randomUUID(),
      userId: token.userId,
      name: token.name,
      prefix: token.prefix,
      scope: token.scope,
      datasetId: token.datasetId ?? null,
      expiresAt: token.expiresAt ?? null,
      lastUsedAt: null,
      revokedAt: null,
      createdAt: new Date(),
    };
    await this.em.execute(
      'insert into api_token (id, user_id, name, token_hash, prefix, scope, dataset_id, expires_at, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [
        record.id,
        record.userId,
        record.name,
        Buffer.from(token.hash),
        record.prefix,
        record.scope,
        record.datasetId,
        record.expiresAt,
        record.createdAt,
      ],
      'run',
    );
    return record;
  }

  async tokenByHash(hash: Uint8Array): Promise<TokenRecord | undefined> {
    const rows = await this.em.execute<TokenRow[]>(`select ${TOKEN_COLUMNS} from api_token where token_hash = ?`, [
      Buffer.from(hash),
    ]);
    return rows[0] === undefined ? undefined : tokenFromRow(rows[0]);
  }

  async tokens(userId: string): Promise<TokenRecord[]> {
    const rows = await this.em.execute<TokenRow[]>(
      `select ${TOKEN_COLUMNS} from api_token where user_id = ? order by created_at, id`,
      [userId],
    );
    return rows.map(tokenFromRow);
  }

  /** Revokes a user's token by id or by its displayed prefix; false if the user has no such live token. */
  async revokeToken(userId: string, idOrPrefix: string, at: Date): Promise<boolean> {
    const byId = isUuid(idOrPrefix);
    const result = await this.em.execute<{ affectedRows: number }>(
      `update api_token set revoked_at = ? where user_id = ? and ${byId ? 'id' : 'prefix'} = ? and revoked_at is null`,
      [at, userId, idOrPrefix],
      'run',
    );
    return result.affectedRows > 0;
  }

  /** Records a use, at most once a minute per token: a DICOMweb client sends hundreds of requests a minute. */
  async touchToken(id: string, now: Date): Promise<void> {
    await this.em.execute(
      'update api_token set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)',
      [now, id, new Date(now.getTime() - 60_000)],
      'run',
    );
  }

  async createSession(userId: string, hash: Uint8Array, expiresAt: Date): Promise<SessionRecord> {
    const session = { id: randomUUID(), userId, expiresAt };
    await this.em.execute(
      'insert into session (id, user_id, token_hash, expires_at, created_at) values (?, ?, ?, ?, ?)',
      [session.id, userId, Buffer.from(hash), expiresAt, new Date()],
      'run',
    );
    return session;
  }

  async sessionByHash(hash: Uint8Array): Promise<SessionRecord | undefined> {
    const rows = await this.em.execute<{ id: string; user_id: string; expires_at: Date | string }[]>(
      'select id, user_id, expires_at from session where token_hash = ?',
      [Buffer.from(hash)],
    );
    const row = rows[0];
    return row === undefined ? undefined : { id: row.id, userId: row.user_id, expiresAt: new Date(row.expires_at) };
  }

  /** Slides a session's expiry forward, at most once a minute. */
  async extendSession(id: string, expiresAt: Date): Promise<void> {
    await this.em.execute(
      'update session set expires_at = ? where id = ? and expires_at < ?',
      [expiresAt, id, new Date(expiresAt.getTime() - 60_000)],
      'run',
    );
  }

  async deleteSession(id: string): Promise<void> {
    await this.em.execute('delete from session where id = ?', [id], 'run');
  }
}

interface TokenRow {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  scope: Role;
  dataset_id: string | null;
  expires_at: Date | string | null;
  last_used_at: Date | string | null;
  revoked_at: Date | string | null;
  created_at: Date | string;
}

const dateOrNull = (value: Date | string | null) => (value === null ? null : new Date(value));

function tokenFromRow(row: TokenRow): TokenRecord {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    prefix: row.prefix,
    scope: row.scope,
    datasetId: row.dataset_id,
    expiresAt: dateOrNull(row.expires_at),
    lastUsedAt: dateOrNull(row.last_used_at),
    revokedAt: dateOrNull(row.revoked_at),
    createdAt: new Date(row.created_at),
  };
}
