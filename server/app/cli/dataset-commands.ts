import type { Role, Visibility } from '@strata/models';
import { grantRole, OPERATOR, ROLES, setVisibility, VISIBILITIES } from '@strata/services/access';
import { forkDataset } from '@strata/services/collaboration';
import { createDataset, findDataset } from '@strata/services/versioning';
import { parseCommandArgs, usageError } from './args.js';
import type { Command } from './command.js';
import { withVersioning } from './with-versioning.js';

const USAGE =
  'dataset create OWNER/NAME [--default-branch NAME] [--visibility public|internal|private] | dataset fork OWNER/NAME NEW_OWNER/NEW_NAME [--visibility V] | dataset list | dataset visibility OWNER/NAME public|internal|private | dataset grant OWNER/NAME USER|ORG/TEAM read|write|admin';

export const datasetCommand: Command = {
  summary:
    'Create a dataset (dataset create OWNER/NAME [--visibility V]), fork one (dataset fork OWNER/NAME NEW_OWNER/NEW_NAME), list them, set its visibility (dataset visibility OWNER/NAME V) or grant a role (dataset grant OWNER/NAME USER|ORG/TEAM ROLE).',
  async run({ config, args }) {
    const { values, positionals } = parseCommandArgs(
      args,
      { 'default-branch': { type: 'string' }, visibility: { type: 'string' } },
      USAGE,
      [1, 4],
    );
    const [verb, name, third, fourth] = positionals;
    if (verb === 'create' && name !== undefined && third === undefined) {
      const visibility = checkVisibility(values.visibility ?? 'private');
      const dataset = await withVersioning(config, (deps) =>
        createDataset(deps, name, config.author, {
          ...(values['default-branch'] !== undefined && { defaultBranch: values['default-branch'] }),
          visibility,
        }),
      );
      process.stdout.write(
        `Created ${dataset.owner}/${dataset.name} (default branch ${dataset.defaultBranch}, ${dataset.visibility}).\n`,
      );
      return 0;
    }
    if (verb === 'fork' && name !== undefined && third !== undefined && fourth === undefined) {
      const fork = await withVersioning(config, async (deps) =>
        forkDataset(deps, OPERATOR, await findDataset(deps, name), third, {
          ...(values.visibility !== undefined && { visibility: checkVisibility(values.visibility) }),
        }),
      );
      process.stdout.write(`Forked ${name} into ${fork.owner}/${fork.name} (${fork.visibility}).\n`);
      return 0;
    }
    if (verb === 'list' && name === undefined) {
      const datasets = await withVersioning(config, (deps) => deps.database.read().datasets.list());
      for (const dataset of datasets) process.stdout.write(`${dataset.owner}/${dataset.name}  ${dataset.visibility}\n`);
      return 0;
    }
    if (verb === 'visibility' && name !== undefined && third !== undefined && fourth === undefined) {
      const visibility = checkVisibility(third);
      await withVersioning(config, (deps) => setVisibility(deps, OPERATOR, name, visibility));
      process.stdout.write(`${name} is now ${visibility}.\n`);
      return 0;
    }
    if (verb === 'grant' && name !== undefined && third !== undefined && fourth !== undefined) {
      const role = fourth as Role;
      if (!ROLES.includes(role)) throw usageError(USAGE, `the role is one of ${ROLES.join(', ')}`);
      await withVersioning(config, (deps) => grantRole(deps, OPERATOR, name, third, role));
      process.stdout.write(`Granted ${role} on ${name} to ${third}.\n`);
      return 0;
    }
    throw usageError(USAGE, `unknown dataset command ${JSON.stringify(verb)}`);
  },
};

function checkVisibility(value: string): Visibility {
  if (!VISIBILITIES.includes(value as Visibility)) {
    throw usageError(USAGE, `the visibility is one of ${VISIBILITIES.join(', ')}`);
  }
  return value as Visibility;
}
