import { createDataset } from '@strata/services/versioning';
import { parseCommandArgs, usageError } from './args.js';
import type { Command } from './command.js';
import { withVersioning } from './with-versioning.js';

const USAGE = 'dataset create OWNER/NAME [--default-branch NAME] | dataset list';

export const datasetCommand: Command = {
  summary: 'Create a dataset (dataset create OWNER/NAME) or list them (dataset list).',
  async run({ config, args }) {
    const { values, positionals } = parseCommandArgs(args, { 'default-branch': { type: 'string' } }, USAGE, [1, 2]);
    const [verb, name] = positionals;
    if (verb === 'create' && name !== undefined) {
      const dataset = await withVersioning(config, (deps) =>
        createDataset(deps, name, config.author, { defaultBranch: values['default-branch'] }),
      );
      process.stdout.write(`Created ${dataset.owner}/${dataset.name} (default branch ${dataset.defaultBranch}).\n`);
      return 0;
    }
    if (verb === 'list' && name === undefined) {
      const datasets = await withVersioning(config, (deps) => deps.database.read().datasets.list());
      for (const dataset of datasets) process.stdout.write(`${dataset.owner}/${dataset.name}\n`);
      return 0;
    }
    throw usageError(USAGE, `unknown dataset command ${JSON.stringify(verb)}`);
  },
};
