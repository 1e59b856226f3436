import { DEFAULT_GRACE_MS, gc, type GcCount, type GcReport } from '@strata/services/versioning';
import { duration } from '../config/parsers.js';
import { parseCommandArgs, usageError } from './args.js';
import type { Command } from './command.js';
import { withVersioning } from './with-versioning.js';

const USAGE = 'gc [--grace DURATION] [--dry-run]';

export const gcCommand: Command = {
  summary:
    'Remove what no branch or tag reaches and nothing has touched for the grace period (24h): gc [--grace DURATION] [--dry-run].',
  async run({ config, args }) {
    const options = { grace: { type: 'string' }, 'dry-run': { type: 'boolean' } } as const;
    const { values } = parseCommandArgs(args, options, USAGE, [0, 0]);
    let graceMs = DEFAULT_GRACE_MS;
    if (values.grace !== undefined) {
      const parsed = duration(values.grace);
      if (!parsed.ok) throw usageError(USAGE, `--grace ${values.grace}: expected ${parsed.expected}`);
      graceMs = parsed.value;
    }
    const report = await withVersioning(config, (deps) => gc(deps, { graceMs, dryRun: values['dry-run'] === true }));
    process.stdout.write(describeReport(report));
    return 0;
  },
};

/** What a run removed (or would remove), a sentence per step. */
export function describeReport(report: GcReport): string {
  const { reachable, removed, derived } = report;
  const would = (done: string, planned: string) => (report.dryRun ? planned : done);
  const derivedRows = Object.entries(derived).filter(([, count]) => count > 0);
  const derivedTotal = derivedRows.reduce((sum, [, count]) => sum + count, 0);
  const lines = [
    report.dryRun ? 'Dry run: nothing was changed.' : undefined,
    `Kept ${plural(reachable.commits, 'commit')}, ${plural(reachable.nodes, 'tree node')} and ${plural(reachable.files, 'file')} ` +
      `reachable from a branch, a tag or a commit touched since ${report.cutoff.toISOString()}.`,
    `${would('Removed', 'Would remove')} ${counted(removed.commits, 'commit')}, ${counted(removed.nodes, 'tree node')}, ` +
      `${counted(removed.files, 'file')} and ${plural(derivedTotal, 'derived row')}` +
      `${derivedRows.length > 0 ? ` (${derivedRows.map(([table, count]) => `${table} ${count}`).join(', ')})` : ''}.`,
    `${would('Moved', 'Would move')} ${counted(report.trashed, 'unreferenced part')} to the trash` +
      `${report.dryRun ? '' : '; the next gc deletes them'}.`,
    report.packs.trashed > 0
      ? `${would('Moved', 'Would move')} ${plural(report.packs.trashed, 'pack')} to the trash with them` +
        (report.packs.rewritten > 0
          ? `, after copying the parts still referenced of ${report.packs.rewritten} (${report.packs.copied} bytes) to new packs`
          : '') +
        (report.packs.duplicates > 0
          ? `; ${plural(report.packs.duplicates, 'duplicate part')} dropped (newer packs hold them).`
          : '.')
      : undefined,
    `${would('Deleted', 'Would delete')} ${counted(report.trash.deleted, 'part')} from the previous gc's trash.`,
    report.trash.restored > 0
      ? `${would('Put back', 'Would put back')} ${plural(report.trash.restored, 'trashed part')} that files refer to again.`
      : undefined,
    report.trash.waiting > 0
      ? `Left ${plural(report.trash.waiting, 'part')} modified within the grace period in the trash for a later gc.`
      : undefined,
    report.restored > 0 ? `Put back ${plural(report.restored, 'part')} that a write refreshed during gc.` : undefined,
  ];
  return lines.filter((line) => line !== undefined).join('\n') + '\n';
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function counted(value: GcCount, noun: string): string {
  return `${plural(value.count, noun)} (${value.bytes} bytes)`;
}
