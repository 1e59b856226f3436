import {
  addOrgMember,
  addTeamMember,
  createOrganization,
  createTeam,
  createToken,
  createUser,
  deleteTeam,
  listTokens,
  listUsers,
  OPERATOR,
  removeOrgMember,
  removeTeamMember,
  revokeToken,
  ROLES,
  setUserDisabled,
} from '@strata/services/access';
import type { Role } from '@strata/models';
import { parseCommandArgs, usageError } from './args.js';
import type { Command } from './command.js';
import { withVersioning } from './with-versioning.js';

// The local CLI opens the data directory itself, so it acts as the operator: a site admin.

const USER_USAGE =
  'user add LOGIN --email EMAIL [--name NAME] [--admin] [--password-stdin] | user list | user disable LOGIN | user enable LOGIN';

export const userCommand: Command = {
  summary:
    'Manage users: user add LOGIN --email EMAIL [--admin] [--password-stdin], user list, user disable|enable LOGIN.',
  async run({ config, args }) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        email: { type: 'string' },
        name: { type: 'string' },
        admin: { type: 'boolean' },
        'password-stdin': { type: 'boolean' },
      },
      USER_USAGE,
      [1, 2],
    );
    const [verb, login] = positionals;
    if (verb === 'add' && login !== undefined) {
      if (values.email === undefined) throw usageError(USER_USAGE, 'the email is missing');
      const password = values['password-stdin'] === true ? await readPassword() : undefined;
      const user = await withVersioning(config, (deps) =>
        createUser(deps, OPERATOR, {
          login,
          email: values.email ?? '',
          ...(values.name !== undefined && { displayName: values.name }),
          ...(password !== undefined && { password }),
          siteAdmin: values.admin === true,
        }),
      );
      process.stdout.write(`Created user ${user.login}${user.siteAdmin ? ' (site admin)' : ''}.\n`);
      return 0;
    }
    if (verb === 'list' && login === undefined) {
      for (const user of await withVersioning(config, (deps) => listUsers(deps, OPERATOR))) {
        const flags = [user.siteAdmin ? 'site admin' : '', user.disabledAt !== null ? 'disabled' : ''].filter(Boolean);
        process.stdout.write(
          `${user.login}  ${user.email ?? ''}${flags.length > 0 ? `  (${flags.join(', ')})` : ''}\n`,
        );
      }
      return 0;
    }
    if ((verb === 'disable' || verb === 'enable') && login !== undefined) {
      const user = await withVersioning(config, (deps) => setUserDisabled(deps, OPERATOR, login, verb === 'disable'));
      process.stdout.write(`${verb === 'disable' ? 'Disabled' : 'Enabled'} user ${user.login}.\n`);
      return 0;
    }
    throw usageError(USER_USAGE, `unknown user command ${JSON.stringify(verb)}`);
  },
};

const TOKEN_USAGE =
  'token add LOGIN NAME [--scope read|write|admin] [--dataset OWNER/NAME] [--expires-days N] | token list LOGIN | token revoke LOGIN ID-OR-PREFIX';

export const tokenCommand: Command = {
  summary:
    'Manage API tokens: token add LOGIN NAME [--scope S] [--dataset D] [--expires-days N], token list LOGIN, token revoke LOGIN ID.',
  async run({ config, args }) {
    const { values, positionals } = parseCommandArgs(
      args,
      { scope: { type: 'string' }, dataset: { type: 'string' }, 'expires-days': { type: 'string' } },
      TOKEN_USAGE,
      [2, 3],
    );
    const [verb, login = '', third] = positionals;
    if (verb === 'add' && third !== undefined) {
      const scope = (values.scope ?? 'read') as Role;
      if (!ROLES.includes(scope)) throw usageError(TOKEN_USAGE, `the scope is one of ${ROLES.join(', ')}`);
      const days = values['expires-days'] === undefined ? undefined : Number(values['expires-days']);
      if (days !== undefined && !(Number.isInteger(days) && days > 0)) {
        throw usageError(TOKEN_USAGE, '--expires-days is a whole number of days');
      }
      const { token, record } = await withVersioning(config, (deps) =>
        createToken(deps, OPERATOR, {
          login,
          name: third,
          scope,
          ...(values.dataset !== undefined && { dataset: values.dataset }),
          ...(days !== undefined && { expiresAt: new Date(deps.now().getTime() + days * 86_400_000) }),
        }),
      );
      process.stderr.write(
        `Created ${scope} token ${record.name} (${record.prefix}…) for ${login}; it is shown once:\n`,
      );
      process.stdout.write(`${token}\n`);
      return 0;
    }
    if (verb === 'list' && third === undefined) {
      for (const token of await withVersioning(config, (deps) => listTokens(deps, OPERATOR, login))) {
        const state =
          token.revokedAt !== null
            ? 'revoked'
            : token.expiresAt !== null && token.expiresAt <= new Date()
              ? 'expired'
              : `last used ${token.lastUsedAt?.toISOString() ?? 'never'}`;
        process.stdout.write(`${token.id}  ${token.prefix}…  ${token.scope.padEnd(5)}  ${token.name}  (${state})\n`);
      }
      return 0;
    }
    if (verb === 'revoke' && third !== undefined) {
      await withVersioning(config, (deps) => revokeToken(deps, OPERATOR, third, login));
      process.stdout.write(`Revoked token ${third} of ${login}.\n`);
      return 0;
    }
    throw usageError(TOKEN_USAGE, `unknown token command ${JSON.stringify(verb)}`);
  },
};

const ORG_USAGE = 'org add LOGIN | org member ORG USER [--role owner|member] | org remove ORG USER';

export const orgCommand: Command = {
  summary:
    'Manage organizations: org add LOGIN, org member ORG USER [--role owner|member], org remove ORG USER (from its teams too).',
  async run({ config, args }) {
    const { values, positionals } = parseCommandArgs(args, { role: { type: 'string' } }, ORG_USAGE, [2, 3]);
    const [verb, org = '', user] = positionals;
    if (verb === 'add' && user === undefined) {
      await withVersioning(config, (deps) => createOrganization(deps, OPERATOR, org));
      process.stdout.write(`Created organization ${org}.\n`);
      return 0;
    }
    if (verb === 'member' && user !== undefined) {
      const role = values.role ?? 'member';
      if (role !== 'owner' && role !== 'member') throw usageError(ORG_USAGE, 'the role is owner or member');
      await withVersioning(config, (deps) => addOrgMember(deps, OPERATOR, org, user, role));
      process.stdout.write(`${user} is now ${role === 'owner' ? 'an owner' : 'a member'} of ${org}.\n`);
      return 0;
    }
    if (verb === 'remove' && user !== undefined) {
      await withVersioning(config, (deps) => removeOrgMember(deps, OPERATOR, org, user));
      process.stdout.write(`Removed ${user} from ${org} and its teams.\n`);
      return 0;
    }
    throw usageError(ORG_USAGE, `unknown org command ${JSON.stringify(verb)}`);
  },
};

const TEAM_USAGE = 'team add ORG/TEAM | team member ORG/TEAM USER | team remove ORG/TEAM USER | team delete ORG/TEAM';

export const teamCommand: Command = {
  summary:
    'Manage teams: team add ORG/TEAM, team member ORG/TEAM USER, team remove ORG/TEAM USER, team delete ORG/TEAM.',
  async run({ config, args }) {
    const { positionals } = parseCommandArgs(args, {}, TEAM_USAGE, [2, 3]);
    const [verb, team = '', user] = positionals;
    if (verb === 'add' && user === undefined) {
      const [org = '', name = '', ...rest] = team.split('/');
      if (rest.length > 0 || name === '') throw usageError(TEAM_USAGE, 'a team is named ORG/TEAM');
      await withVersioning(config, (deps) => createTeam(deps, OPERATOR, org, name));
      process.stdout.write(`Created team ${team}.\n`);
      return 0;
    }
    if (verb === 'member' && user !== undefined) {
      await withVersioning(config, (deps) => addTeamMember(deps, OPERATOR, team, user));
      process.stdout.write(`Added ${user} to team ${team}.\n`);
      return 0;
    }
    if (verb === 'remove' && user !== undefined) {
      await withVersioning(config, (deps) => removeTeamMember(deps, OPERATOR, team, user));
      process.stdout.write(`Removed ${user} from team ${team}.\n`);
      return 0;
    }
    if (verb === 'delete' && user === undefined) {
      await withVersioning(config, (deps) => deleteTeam(deps, OPERATOR, team));
      process.stdout.write(`Deleted team ${team}; the roles granted to it have ended.\n`);
      return 0;
    }
    throw usageError(TEAM_USAGE, `unknown team command ${JSON.stringify(verb)}`);
  },
};

async function readPassword(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}
