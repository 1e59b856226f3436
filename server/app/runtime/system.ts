import type { Logger } from 'pino';
import type { BlobStore } from '@strata/modules/blob';
import { describeTarget, openDatabase, type Database } from '@strata/models';
import type { Config } from '../config/index.js';
import { openBlobStore } from './blob-store.js';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';

/** The long-lived resources of one Strata process, opened in dependency order. */
export interface System {
  config: Config;
  logger: Logger;
  database: Database;
  blobStore: BlobStore;
  /** Closes everything in reverse order; safe to call twice. */
  close(): Promise<void>;
}

/**
 * Opens the data-directory lock (embedded database only), the blob store and the database, and
 * applies pending migrations. Whatever was opened is closed again if a later step fails.
 */
export async function openSystem(config: Config, logger: Logger, onQuery?: (message: string) => void): Promise<System> {
  const closers: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    while (closers.length > 0) await closers.pop()?.();
  };
  try {
    if (config.database.kind === 'pglite') {
      const lock: DataDirLock = await lockDataDir(config.dataDir);
      closers.push(() => lock.release());
    }
    const blobStore = await openBlobStore(config.blobStore);
    closers.push(() => blobStore.close());
    logger.info({ blobStore: blobStore.location }, 'blob store open');
    const database = await openDatabase(config.database, {
      dataDirLocked: config.database.kind === 'pglite',
      ...(onQuery === undefined ? {} : { onQuery }),
    });
    closers.push(() => database.close());
    const applied = await database.migrate();
    logger.info({ database: describeTarget(config.database), migrationsApplied: applied }, 'database open');
    let closed: Promise<void> | undefined;
    return {
      config,
      logger,
      database,
      blobStore,
      close: () => (closed ??= closeAll()),
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
