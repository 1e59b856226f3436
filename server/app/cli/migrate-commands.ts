import { resolve } from 'node:path';
import { generateMigration, openDatabase } from '@strata/models';
import { createLogger } from '../runtime/logger.js';
import { lockDataDir } from '../runtime/data-dir-lock.js';
import type { Command } from './command.js';

export const migrateCommand: Command = {
  summary: 'Apply pending database migrations (serve also does this at start).',
  async run({ config }) {
    const logger = createLogger(config.logLevel, config.version);
    const lock = config.database.kind === 'pglite' ? await lockDataDir(config.dataDir) : undefined;
    try {
      const database = await openDatabase(config.database, { dataDirLocked: lock !== undefined });
      try {
        const applied = await database.migrate();
        logger.info({ applied }, applied.length === 0 ? 'database is up to date' : 'migrations applied');
      } finally {
        await database.close();
      }
    } finally {
      await lock?.release();
    }
    return 0;
  },
};

export const migrationCreateCommand: Command = {
  summary: '(development) Generate a migration in migrations/ from entity changes. Args: [name].',
  async run({ args }) {
    const file = await generateMigration(resolve('migrations'), args[0]);
    process.stdout.write(
      file === undefined ? 'No schema changes: no migration written.\n' : `Wrote migrations/${file}\n`,
    );
    return 0;
  },
};
