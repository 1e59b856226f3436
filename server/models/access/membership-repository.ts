import { randomUUID } from 'node:crypto';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { StrataError } from '@strata/modules/errors';

export type OrgRole = 'owner' | 'member';
export type Role = 'read' | 'write' | 'admin';

export interface TeamRecord {
  id: string;
  orgId: string;
  name: string;
}

/** What the database knows about one user and one dataset, for deciding the user's role. */
export interface DatasetRelation {
  /** The user's role in the organization owning the dataset, if it is an organization they belong to. */
  orgRole: OrgRole | undefined;
  /** Roles granted to the user on the dataset, directly or through their teams. */
  grants: Role[];
}

/** A role granted on a dataset, to a user (by login) or to a team (`org/team`). */
export interface DatasetGrantView {
  grantee: string;
  kind: 'user' | 'team';
  role: Role;
}

/** A member of an organization. */
export interface OrgMemberView {
  login: string;
  displayName: string | null;
  role: OrgRole;
}

/** A team of an organization with its members' logins. */
export interface TeamView {
  name: string;
  members: string[];
}

/** What a deleted team had: its members' logins and its roles on datasets (`owner/name`). */
export interface DeletedTeam {
  members: string[];
  grants: { dataset: string; role: Role }[];
}

/** Organization members, teams, and the roles granted on datasets to users and teams. */
export class MembershipRepository {
  constructor(private readonly em: SqlEntityManager) {}

  /** Adds a user to an organization, or changes their role in it. */
  async setOrgMember(orgId: string, userId: string, role: OrgRole): Promise<void> {
    await this.em.execute(
      'insert into org_member (org_id, user_id, role) values (?, ?, ?) on conflict (org_id, user_id) do update set role = excluded.role',
      [orgId, userId, role],
      'run',
    );
  }

  /**
   * Removes a user from an organization and from its teams; false if they were not a member.
   * Grants made to them by name on its datasets stay: those were given to the person, not the role.
   */
  async removeOrgMember(orgId: string, userId: string): Promise<boolean> {
    const rows = await this.em.execute<{ user_id: string }[]>(
      'delete from org_member where org_id = ? and user_id = ? returning user_id',
      [orgId, userId],
    );
    if (rows.length === 0) return false;
    await this.em.execute(
      'delete from team_member where user_id = ? and team_id in (select id from team where org_id = ?)',
      [userId, orgId],
      'run',
    );
    return true;
  }

  /**
   * The organization's owners, the organization's row locked until the transaction ends: changes
   * to its owners are made one at a time, so two of them removing each other cannot leave none.
   */
  async lockOwners(orgId: string): Promise<string[]> {
    await this.em.execute('select id from account where id = ? for update', [orgId]);
    const rows = await this.em.execute<{ user_id: string }[]>(
      "select user_id from org_member where org_id = ? and role = 'owner'",
      [orgId],
    );
    return rows.map((row) => row.user_id);
  }

  async orgRole(orgId: string, userId: string): Promise<OrgRole | undefined> {
    const rows = await this.em.execute<{ role: OrgRole }[]>(
      'select role from org_member where org_id = ? and user_id = ?',
      [orgId, userId],
    );
    return rows[0]?.role;
  }

  /** Creates a team in an organization; `team.exists` if the organization has one by that name. */
  async createTeam(orgId: string, name: string): Promise<TeamRecord> {
    const team = { id: randomUUID(), orgId, name };
    const result = await this.em.execute<{ affectedRows: number }>(
      'insert into team (id, org_id, name) values (?, ?, ?) on conflict do nothing',
      [team.id, orgId, name],
      'run',
    );
    if (result.affectedRows === 0) {
      throw new StrataError('team.exists', 'conflict', `The organization already has a team ${name}.`, {
        details: { team: name },
      });
    }
    return team;
  }

  async findTeam(orgId: string, name: string): Promise<TeamRecord | undefined> {
    const rows = await this.em.execute<{ id: string; org_id: string; name: string }[]>(
      'select id, org_id, name from team where org_id = ? and name = ?',
      [orgId, name],
    );
    const row = rows[0];
    return row === undefined ? undefined : { id: row.id, orgId: row.org_id, name: row.name };
  }

  async addTeamMember(teamId: string, userId: string): Promise<void> {
    await this.em.execute(
      'insert into team_member (team_id, user_id) values (?, ?) on conflict do nothing',
      [teamId, userId],
      'run',
    );
  }

  /** Removes a user from a team; false if they were not in it. */
  async removeTeamMember(teamId: string, userId: string): Promise<boolean> {
    const rows = await this.em.execute<{ user_id: string }[]>(
      'delete from team_member where team_id = ? and user_id = ? returning user_id',
      [teamId, userId],
    );
    return rows.length > 0;
  }

  /**
   * Deletes a team with its memberships and the roles granted to it (which end with it); what it
   * had, for the audit log, or undefined if there was no such team.
   */
  async deleteTeam(teamId: string): Promise<DeletedTeam | undefined> {
    const members = await this.em.execute<{ login: string }[]>(
      'select a.login from team_member m join account a on a.id = m.user_id where m.team_id = ? order by lower(a.login)',
      [teamId],
    );
    const grants = await this.em.execute<{ dataset: string; role: Role }[]>(
      `select d.owner || '/' || d.name as dataset, g.role from dataset_grant g join dataset d on d.id = g.dataset_id
         where g.team_id = ? order by dataset`,
      [teamId],
    );
    const deleted = await this.em.execute<{ id: string }[]>('delete from team where id = ? returning id', [teamId]);
    if (deleted.length === 0) return undefined;
    return {
      members: members.map((row) => row.login),
      grants: grants.map((row) => ({ dataset: row.dataset, role: row.role })),
    };
  }

  /** Grants a role on a dataset to a user or a team, replacing the role they had. */
  async grant(datasetId: string, grantee: { userId: string } | { teamId: string }, role: Role): Promise<void> {
    const [column, id] = 'userId' in grantee ? ['user_id', grantee.userId] : ['team_id', grantee.teamId];
    await this.em.execute(
      `insert into dataset_grant (id, dataset_id, ${column}, role) values (?, ?, ?, ?) on conflict (dataset_id, ${column}) do update set role = excluded.role`,
      [randomUUID(), datasetId, id, role],
      'run',
    );
  }

  /** Removes a user's or a team's grant on a dataset; false if they had none. */
  async ungrant(datasetId: string, grantee: { userId: string } | { teamId: string }): Promise<boolean> {
    const [column, id] = 'userId' in grantee ? ['user_id', grantee.userId] : ['team_id', grantee.teamId];
    const rows = await this.em.execute<{ id: string }[]>(
      `delete from dataset_grant where dataset_id = ? and ${column} = ? returning id`,
      [datasetId, id],
    );
    return rows.length > 0;
  }

  /** The user's membership of the dataset's owning organization and the roles granted to them, in one query. */
  async relation(datasetId: string, userId: string): Promise<DatasetRelation> {
    const rows = await this.em.execute<{ source: string; role: string }[]>(
      `select 'org' as source, m.role from dataset d
         join account o on lower(o.login) = lower(d.owner) and o.kind = 'organization'
         join org_member m on m.org_id = o.id and m.user_id = ?
         where d.id = ?
       union all
       select 'grant', g.role from dataset_grant g where g.dataset_id = ? and g.user_id = ?
       union all
       select 'grant', g.role from dataset_grant g join team_member t on t.team_id = g.team_id
         where g.dataset_id = ? and t.user_id = ?`,
      [userId, datasetId, datasetId, userId, datasetId, userId],
    );
    const org = rows.find((row) => row.source === 'org');
    return {
      orgRole: org === undefined ? undefined : (org.role as OrgRole),
      grants: rows.filter((row) => row.source === 'grant').map((row) => row.role as Role),
    };
  }

  /** The roles granted on a dataset, users first then teams, by name. */
  async grantsOf(datasetId: string): Promise<DatasetGrantView[]> {
    const rows = await this.em.execute<{ kind: 'user' | 'team'; grantee: string; role: Role }[]>(
      `select 'user' as kind, a.login as grantee, g.role from dataset_grant g join account a on a.id = g.user_id
         where g.dataset_id = ?
       union all
       select 'team', o.login || '/' || t.name, g.role from dataset_grant g join team t on t.id = g.team_id
         join account o on o.id = t.org_id
         where g.dataset_id = ?
       order by kind desc, grantee`,
      [datasetId, datasetId],
    );
    return rows.map((row) => ({ grantee: row.grantee, kind: row.kind, role: row.role }));
  }

  /** An organization's members, by login. */
  async orgMembers(orgId: string): Promise<OrgMemberView[]> {
    const rows = await this.em.execute<{ login: string; display_name: string | null; role: OrgRole }[]>(
      `select a.login, a.display_name, m.role from org_member m join account a on a.id = m.user_id
         where m.org_id = ? order by lower(a.login)`,
      [orgId],
    );
    return rows.map((row) => ({ login: row.login, displayName: row.display_name, role: row.role }));
  }

  /** An organization's teams with their members, by name. */
  async teamsOf(orgId: string): Promise<TeamView[]> {
    const rows = await this.em.execute<{ name: string; login: string | null }[]>(
      `select t.name, a.login from team t left join team_member m on m.team_id = t.id
         left join account a on a.id = m.user_id
         where t.org_id = ? order by t.name, lower(a.login)`,
      [orgId],
    );
    const teams = new Map<string, TeamView>();
    for (const row of rows) {
      const team = teams.get(row.name) ?? { name: row.name, members: [] };
      if (row.login !== null) team.members.push(row.login);
      teams.set(row.name, team);
    }
    return [...teams.values()];
  }

  /** The organizations a user belongs to, with their role in each, by login. */
  async orgsOfUser(userId: string): Promise<{ login: string; displayName: string | null; role: OrgRole }[]> {
    const rows = await this.em.execute<{ login: string; display_name: string | null; role: OrgRole }[]>(
      `select o.login, o.display_name, m.role from org_member m join account o on o.id = m.org_id
         where m.user_id = ? order by lower(o.login)`,
      [userId],
    );
    return rows.map((row) => ({ login: row.login, displayName: row.display_name, role: row.role }));
  }
}
