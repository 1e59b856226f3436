import { importDirectory } from '@strata/services/ingest';
import { findDataset } from '@strata/services/versioning';
import { parseCommandArgs, usageError } from './args.js';
import type { Command } from './command.js';
import { withVersioning } from './with-versioning.js';

const USAGE = 'import DIR --dataset OWNER/NAME [--branch BRANCH] [-m MESSAGE] [--on-error skip|abort]';

export const importCommand: Command = {
  summary:
    'Import every DICOM file under a folder as one commit: import DIR --dataset OWNER/NAME [--branch B] [-m MSG].',
  async run({ config, args }) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        dataset: { type: 'string' },
        branch: { type: 'string' },
        message: { type: 'string', short: 'm' },
        'on-error': { type: 'string' },
      },
      USAGE,
      [1, 1],
    );
    const onError = values['on-error'] ?? 'skip';
    if (values.dataset === undefined) throw usageError(USAGE, 'missing --dataset');
    if (onError !== 'skip' && onError !== 'abort')
      throw usageError(USAGE, `--on-error must be skip or abort, not ${onError}`);
    const datasetName = values.dataset;
    const directory = positionals[0] ?? '';
    const report = await withVersioning(config, async (deps) => {
      const dataset = await findDataset(deps, datasetName);
      return importDirectory(deps, directory, {
        dataset,
        branch: values.branch ?? dataset.defaultBranch,
        message: values.message ?? `Import ${directory}`,
        author: config.author,
        onError,
      });
    });
    for (const failure of report.failures) process.stdout.write(`skipped ${failure.file}: ${failure.message}\n`);
    const outcome = report.changed ? `committed ${report.commit.slice(0, 12)}` : 'nothing changed, no commit';
    const datasheets = report.datasheets.length === 0 ? '' : ` and ${report.datasheets.join(', ')}`;
    process.stdout.write(
      `Imported ${report.instances} instance(s)${datasheets} from ${report.files} file(s); ${outcome}.\n`,
    );
    return report.failures.length === 0 ? 0 : 1;
  },
};
