import { randomUUID } from 'node:crypto';
import type { SqlEntityManager } from '@mikro-orm/sql';

/** What the server keeps of an OIDC sign-in between the redirect to the provider and the callback. */
export interface OidcFlowRecord {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  expiresAt: Date;
}

/** Identities at OpenID providers linked to users, and the OIDC sign-ins under way. */
export class IdentityRepository {
  constructor(private readonly em: SqlEntityManager) {}

  /** The user linked to the identity `sub` at the provider `iss`, if any. */
  async userOf(issuer: string, subject: string): Promise<string | undefined> {
    const rows = await this.em.execute<{ user_id: string }[]>(
      'select user_id from account_identity where issuer = ? and subject = ?',
      [issuer, subject],
    );
    return rows[0]?.user_id;
  }

  /** Links an identity to a user; false if it is already linked (to anyone). */
  async link(userId: string, issuer: string, subject: string): Promise<boolean> {
    const result = await this.em.execute<{ affectedRows: number }>(
      'insert into account_identity (id, user_id, issuer, subject, created_at) values (?, ?, ?, ?, ?) on conflict do nothing',
      [randomUUID(), userId, issuer, subject, new Date()],
      'run',
    );
    return result.affectedRows > 0;
  }

  /** Records a sign-in under way, and forgets those that expired before `now`. */
  async startFlow(hash: Uint8Array, flow: OidcFlowRecord, now: Date): Promise<void> {
    await this.em.execute('delete from oidc_flow where expires_at < ?', [now], 'run');
    await this.em.execute(
      'insert into oidc_flow (flow_hash, state, nonce, code_verifier, return_to, expires_at) values (?, ?, ?, ?, ?, ?)',
      [Buffer.from(hash), flow.state, flow.nonce, flow.codeVerifier, flow.returnTo, flow.expiresAt],
      'run',
    );
  }

  /** Takes a sign-in under way out (expired or not): one callback per flow, even when two race. */
  async takeFlow(hash: Uint8Array): Promise<OidcFlowRecord | undefined> {
    const rows = await this.em.execute<FlowRow[]>(
      'delete from oidc_flow where flow_hash = ? returning state, nonce, code_verifier, return_to, expires_at',
      [Buffer.from(hash)],
    );
    const row = rows[0];
    return row === undefined
      ? undefined
      : {
          state: row.state,
          nonce: row.nonce,
          codeVerifier: row.code_verifier,
          returnTo: row.return_to,
          expiresAt: new Date(row.expires_at),
        };
  }
}

interface FlowRow {
  state: string;
  nonce: string;
  code_verifier: string;
  return_to: string;
  expires_at: Date | string;
}
