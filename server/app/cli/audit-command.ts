import { OPERATOR } from '@strata/services/access';
import { latestEvents, verifyAuditAs } from '@strata/services/audit';
import { parseCommandArgs, usageError } from './args.js';
import type { Command } from './command.js';
import { withVersioning } from './with-versioning.js';

const USAGE = 'audit verify | audit list [--dataset OWNER/NAME] [--limit N]';

export const auditCommand: Command = {
  summary: 'The audit log: audit verify (recompute the hash chain), audit list [--dataset D] [--limit N].',
  async run({ config, args }) {
    const { values, positionals } = parseCommandArgs(
      args,
      { dataset: { type: 'string' }, limit: { type: 'string' } },
      USAGE,
      [1, 1],
    );
    const [verb] = positionals;
    if (verb === 'verify') {
      const result = await withVersioning(config, (deps) => verifyAuditAs(deps, OPERATOR));
      if (result.broken !== undefined) {
        process.stderr.write(
          `BROKEN at event ${result.broken.seq}: ${result.broken.reason} (${result.events} event(s) before it verify).\n`,
        );
        return 1;
      }
      process.stdout.write(`OK: ${result.events} event(s), chain intact, head ${result.head.slice(0, 16)}.\n`);
      return 0;
    }
    if (verb === 'list') {
      const limit = values.limit === undefined ? 50 : Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw usageError(USAGE, '--limit is 1 to 10000');
      const events = await withVersioning(config, (deps) => latestEvents(deps, OPERATOR, limit, values.dataset));
      for (const event of events) {
        const who = event.actorKind === 'user' ? (event.actorLogin ?? event.actorId ?? '?') : event.actorKind;
        const data = event.data === '{}' ? '' : `  ${event.data}`;
        process.stdout.write(
          `${String(event.seq).padStart(6)}  ${event.at.toISOString()}  ${who}  ${event.action}  ${event.subject ?? ''}${data}\n`,
        );
      }
      return 0;
    }
    throw usageError(USAGE, `unknown audit command ${JSON.stringify(verb)}`);
  },
};
