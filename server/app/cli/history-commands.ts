import { diffRefs, findDataset, log } from '@strata/services/versioning';
import { parseCommandArgs } from './args.js';
import type { Command } from './command.js';
import { withVersioning } from './with-versioning.js';

export const logCommand: Command = {
  summary: 'Show the history of a ref: log OWNER/NAME [REF] [-n COUNT].',
  async run({ config, args }) {
    const { values, positionals } = parseCommandArgs(
      args,
      { n: { type: 'string', short: 'n' } },
      'log OWNER/NAME [REF] [-n COUNT]',
      [1, 2],
    );
    const [datasetName = '', ref] = positionals;
    const limit = values.n === undefined ? 20 : Number(values.n);
    return withVersioning(config, async (deps) => {
      const dataset = await findDataset(deps, datasetName);
      for (const { id, commit } of await log(
        deps,
        dataset,
        ref ?? dataset.defaultBranch,
        Number.isInteger(limit) && limit > 0 ? limit : 20,
      )) {
        const merge =
          commit.parents.length > 1 ? `Merge: ${commit.parents.map((p) => p.slice(0, 12)).join(' ')}\n` : '';
        process.stdout.write(
          `commit ${id}\n${merge}Author: ${commit.author.name} <${commit.author.email}>\nDate:   ${commit.author.time}\n\n` +
            `${commit.message
              .split('\n')
              .map((line) => `    ${line}`)
              .join('\n')}\n\n`,
        );
      }
      return 0;
    });
  },
};

export const diffCommand: Command = {
  summary: 'Instances added, removed and changed between two refs: diff OWNER/NAME FROM TO [--json].',
  async run({ config, args }) {
    const { values, positionals } = parseCommandArgs(
      args,
      { json: { type: 'boolean' } },
      'diff OWNER/NAME FROM TO [--json]',
      [3, 3],
    );
    const [datasetName = '', from = '', to = ''] = positionals;
    return withVersioning(config, async (deps) => {
      const diff = await diffRefs(deps, await findDataset(deps, datasetName), from, to);
      if (values.json === true) {
        process.stdout.write(`${JSON.stringify(diff, null, 2)}\n`);
        return 0;
      }
      const { added, removed, changed } = diff.counts;
      process.stdout.write(
        `${diff.from.slice(0, 12)}..${diff.to.slice(0, 12)}: ${added} added, ${removed} removed, ${changed} changed\n`,
      );
      for (const study of diff.studies) {
        process.stdout.write(`study ${study.studyInstanceUid}\n`);
        for (const series of study.series) {
          const parts = [`+${series.added.length}`, `-${series.removed.length}`, `~${series.changed.length}`].join(' ');
          process.stdout.write(`  series ${series.seriesInstanceUid}  ${parts}\n`);
        }
      }
      for (const file of diff.files) {
        const mark = file.before === undefined ? '+' : file.after === undefined ? '-' : '~';
        process.stdout.write(`${mark} ${file.path}\n`);
      }
      return 0;
    });
  },
};
