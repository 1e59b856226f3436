import { fsck } from '@strata/services/versioning';
import { parseCommandArgs } from './args.js';
import type { Command } from './command.js';
import { withVersioning } from './with-versioning.js';

export const fsckCommand: Command = {
  summary: 'Re-hash every object reachable from any branch or tag and name what is missing or corrupt: fsck [--quick].',
  async run({ config, args }) {
    const { values } = parseCommandArgs(args, { quick: { type: 'boolean' } }, 'fsck [--quick]', [0, 0]);
    const report = await withVersioning(config, (deps) => fsck(deps, { quick: values.quick === true }));
    for (const problem of report.problems) {
      process.stdout.write(
        `${problem.kind} ${problem.object} ${problem.id} (from ${problem.reachedFrom}): ${problem.detail}\n`,
      );
    }
    process.stdout.write(
      `${report.problems.length === 0 ? 'OK' : `${report.problems.length} problem(s)`}: ${report.datasets} datasets, ${report.refs} refs, ` +
        `${report.commits} commits, ${report.nodes} tree nodes, ${report.files} files, ${report.parts} parts (${report.bytes} bytes` +
        `${values.quick === true ? ', sizes only' : ', re-hashed'}).\n`,
    );
    return report.problems.length === 0 ? 0 : 1;
  },
};
