import { createBranch, createTag, deleteBranch, findDataset, listRefs } from '@strata/services/versioning';
import type { Config } from '../config/index.js';
import { parseCommandArgs, usageError } from './args.js';
import type { Command } from './command.js';
import { withVersioning } from './with-versioning.js';

export const branchCommand: Command = {
  summary:
    'List branches and tags, create a branch, or delete one: branch OWNER/NAME [NEW [--from REF]], branch delete NAME --dataset OWNER/NAME.',
  async run({ config, args }) {
    // A dataset is always OWNER/NAME, so `delete` cannot be one.
    if (args[0] === 'delete') return deleteBranchCommand(config, args.slice(1));
    const usage = 'branch OWNER/NAME [NEW-BRANCH [--from REF]]';
    const { values, positionals } = parseCommandArgs(args, { from: { type: 'string' } }, usage, [1, 2]);
    const [datasetName = '', branch] = positionals;
    return withVersioning(config, async (deps) => {
      const dataset = await findDataset(deps, datasetName);
      if (branch !== undefined) {
        const created = await createBranch(deps, dataset, branch, values.from);
        process.stdout.write(`Created branch ${created.name} at ${created.commit.slice(0, 12)}.\n`);
        return 0;
      }
      for (const ref of await listRefs(deps, dataset)) {
        const marker = ref.name === dataset.defaultBranch ? '*' : ' ';
        process.stdout.write(`${marker} ${ref.kind.padEnd(6)} ${ref.name}  ${ref.commit.slice(0, 12)}\n`);
      }
      return 0;
    });
  },
};

async function deleteBranchCommand(config: Config, args: string[]): Promise<number> {
  const usage = 'branch delete NAME --dataset OWNER/NAME';
  const { values, positionals } = parseCommandArgs(args, { dataset: { type: 'string' } }, usage, [1, 1]);
  const [branch = ''] = positionals;
  const datasetName = values.dataset;
  if (datasetName === undefined) throw usageError(usage, 'the dataset is missing');
  return withVersioning(config, async (deps) => {
    const deleted = await deleteBranch(deps, await findDataset(deps, datasetName), branch);
    process.stdout.write(
      `Deleted branch ${deleted.name} (was ${deleted.commit.slice(0, 12)}); gc keeps its commits for its grace period.\n`,
    );
    return 0;
  });
}

export const tagCommand: Command = {
  summary: 'Create an immutable tag: tag OWNER/NAME TAG [REF].',
  async run({ config, args }) {
    const { positionals } = parseCommandArgs(args, {}, 'tag OWNER/NAME TAG [REF]', [2, 3]);
    const [datasetName = '', tag = '', at] = positionals;
    return withVersioning(config, async (deps) => {
      const dataset = await findDataset(deps, datasetName);
      const created = await createTag(deps, dataset, tag, at ?? dataset.defaultBranch);
      process.stdout.write(`Tagged ${created.commit.slice(0, 12)} as ${created.name}.\n`);
      return 0;
    });
  },
};
