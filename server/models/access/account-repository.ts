import { randomUUID } from 'node:crypto';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { StrataError } from '@strata/modules/errors';

export type AccountKind = 'user' | 'organization';

/** A user or an organization, as services see it (never with its password hash). */
export interface AccountRecord {
  id: string;
  login: string;
  kind: AccountKind;
  email: string | null;
  displayName: string | null;
  siteAdmin: boolean;
  disabledAt: Date | null;
  createdAt: Date;
}

export interface NewAccount {
  login: string;
  kind: AccountKind;
  email?: string;
  displayName?: string;
  passwordHash?: string;
  siteAdmin?: boolean;
}

const COLUMNS = 'id, login, kind, email, display_name, site_admin, disabled_at, created_at';

/** Accounts: one namespace of logins for users and organizations, unique regardless of case. */
export class AccountRepository {
  constructor(private readonly em: SqlEntityManager) {}

  /** Inserts an account; `account.exists` if the login (in any case) or the email is taken. */
  async create(account: NewAccount): Promise<AccountRecord> {
    const record: AccountRecord = {
      id: randomUUID(),
      login: account.login,
      kind: account.kind,
      email: account.email ?? null,
      displayName: account.displayName ?? null,
      siteAdmin: account.siteAdmin ?? false,
      disabledAt: null,
      createdAt: new Date(),
    };
    const result = await this.em.execute<{ affectedRows: number }>(
      'insert into account (id, login, kind, email, display_name, password_hash, site_admin, created_at) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing',
      [
        record.id,
        record.login,
        record.kind,
        record.email,
        record.displayName,
        account.passwordHash ?? null,
        record.siteAdmin,
        record.createdAt,
      ],
      'run',
    );
    if (result.affectedRows === 0) {
      throw new StrataError(
        'account.exists',
        'conflict',
        `The login ${account.login}${account.email === undefined ? '' : ` or the email ${account.email}`} is taken.`,
        { details: { login: account.login } },
      );
    }
    return record;
  }

  /** The account with this login, whatever its case. */
  async findByLogin(login: string): Promise<AccountRecord | undefined> {
    const rows = await this.em.execute<Row[]>(`select ${COLUMNS} from account where lower(login) = lower(?)`, [login]);
    return rows[0] === undefined ? undefined : fromRow(rows[0]);
  }

  /** Whether an account has this email (as stored). */
  async emailTaken(email: string): Promise<boolean> {
    const rows = await this.em.execute<unknown[]>('select 1 from account where email = ?', [email]);
    return rows.length > 0;
  }

  async findById(id: string): Promise<AccountRecord | undefined> {
    const rows = await this.em.execute<Row[]>(`select ${COLUMNS} from account where id = ?`, [id]);
    return rows[0] === undefined ? undefined : fromRow(rows[0]);
  }

  /** The accounts with these ids (those that exist), in no particular order. */
  async byIds(ids: readonly string[]): Promise<AccountRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.em.execute<Row[]>(
      `select ${COLUMNS} from account where id in (${ids.map(() => '?').join(', ')})`,
      [...ids],
    );
    return rows.map(fromRow);
  }

  /** A user's password hash (PHC string), if it has one. */
  async passwordHash(id: string): Promise<string | undefined> {
    const rows = await this.em.execute<{ password_hash: string | null }[]>(
      "select password_hash from account where id = ? and kind = 'user'",
      [id],
    );
    return rows[0]?.password_hash ?? undefined;
  }

  async list(kind: AccountKind): Promise<AccountRecord[]> {
    const rows = await this.em.execute<Row[]>(`select ${COLUMNS} from account where kind = ? order by lower(login)`, [
      kind,
    ]);
    return rows.map(fromRow);
  }

  async countUsers(): Promise<number> {
    const rows = await this.em.execute<{ count: string | number }[]>(
      "select count(*) as count from account where kind = 'user'",
    );
    return Number(rows[0]?.count ?? 0);
  }

  /** Disables (a time) or enables (null) a user. */
  async setDisabled(id: string, at: Date | null): Promise<void> {
    await this.em.execute('update account set disabled_at = ? where id = ?', [at, id], 'run');
  }
}

interface Row {
  id: string;
  login: string;
  kind: AccountKind;
  email: string | null;
  display_name: string | null;
  site_admin: boolean;
  disabled_at: Date | string | null;
  created_at: Date | string;
}

function fromRow(row: Row): AccountRecord {
  return {
    id: row.id,
    login: row.login,
    kind: row.kind,
    email: row.email,
    displayName: row.display_name,
    siteAdmin: row.site_admin,
    disabledAt: row.disabled_at === null ? null : new Date(row.disabled_at),
    createdAt: new Date(row.created_at),
  };
}
