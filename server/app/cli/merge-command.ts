import { isStrataError } from '@strata/modules/errors';
import { findDataset, merge, revert, type MergeConflict } from '@strata/services/versioning';
import { parseCommandArgs } from './args.js';
import type { Command } from './command.js';
import { withVersioning } from './with-versioning.js';

export const mergeCommand: Command = {
  summary: 'Merge a ref into a branch (three-way by path): merge OWNER/NAME BRANCH REF [-m MESSAGE].',
  async run({ config, args }) {
    const usage = 'merge OWNER/NAME BRANCH REF [-m MESSAGE]';
    const { values, positionals } = parseCommandArgs(args, { message: { type: 'string', short: 'm' } }, usage, [3, 3]);
    const [datasetName = '', branch = '', ref = ''] = positionals;
    return withVersioning(config, async (deps) => {
      const dataset = await findDataset(deps, datasetName);
      try {
        const result = await merge(deps, dataset, branch, ref, config.author, values.message);
        const what = { 'up-to-date': 'Already up to date', 'fast-forward': 'Fast-forwarded', merge: 'Merged' }[
          result.kind
        ];
        process.stdout.write(`${what}: ${branch} is at ${result.commit.slice(0, 12)}.\n`);
        return 0;
      } catch (error) {
        if (!isStrataError(error) || error.code !== 'merge.conflict') throw error;
        const conflicts = (error.details?.['conflicts'] ?? []) as MergeConflict[];
        process.stdout.write(
          `${error.message}\n${conflicts.map((conflict) => `  conflict: ${conflict.path}\n`).join('')}`,
        );
        return 1;
      }
    });
  },
};

export const revertCommand: Command = {
  summary: 'Undo a commit on a branch with a new commit: revert OWNER/NAME BRANCH COMMIT.',
  async run({ config, args }) {
    const { positionals } = parseCommandArgs(args, {}, 'revert OWNER/NAME BRANCH COMMIT', [3, 3]);
    const [datasetName = '', branch = '', commit = ''] = positionals;
    return withVersioning(config, async (deps) => {
      const result = await revert(deps, await findDataset(deps, datasetName), branch, commit, config.author);
      process.stdout.write(
        result.changed ? `Reverted: ${branch} is at ${result.commit.slice(0, 12)}.\n` : 'Nothing to revert.\n',
      );
      return 0;
    });
  },
};
