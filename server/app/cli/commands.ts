import { orgCommand, teamCommand, tokenCommand, userCommand } from './access-commands.js';
import { auditCommand } from './audit-command.js';
import type { Command } from './command.js';
import { datasetCommand } from './dataset-commands.js';
import { diffCommand, logCommand } from './history-commands.js';
import { fsckCommand } from './fsck-command.js';
import { gcCommand } from './gc-command.js';
import { importCommand } from './import-command.js';
import { mergeCommand, revertCommand } from './merge-command.js';
import { migrateCommand, migrationCreateCommand } from './migrate-commands.js';
import { branchCommand, tagCommand } from './ref-commands.js';
import { serveCommand } from './serve-command.js';
import { workerCommand } from './worker-command.js';

export const commands: Record<string, Command> = {
  serve: serveCommand,
  worker: workerCommand,
  dataset: datasetCommand,
  user: userCommand,
  token: tokenCommand,
  org: orgCommand,
  team: teamCommand,
  branch: branchCommand,
  tag: tagCommand,
  import: importCommand,
  log: logCommand,
  diff: diffCommand,
  merge: mergeCommand,
  revert: revertCommand,
  fsck: fsckCommand,
  gc: gcCommand,
  audit: auditCommand,
  migrate: migrateCommand,
  'migration:create': migrationCreateCommand,
};

export function usage(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  return (
    'Usage: strata <command> [options]\n\nCommands:\n' +
    Object.entries(commands)
      .map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}\n`)
      .join('') +
    '\nConfiguration comes from environment variables (see the README), e.g. PORT=9000 strata serve.\n'
  );
}
