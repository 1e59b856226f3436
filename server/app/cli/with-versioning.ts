import type { VersioningDeps } from '@strata/services/versioning';
import type { Config } from '../config/index.js';
import { createCliLogger } from '../runtime/logger.js';
import { openSystem } from '../runtime/system.js';

/** Opens the system in-process for one CLI command and closes it afterwards, whatever happens. */
export async function withVersioning<T>(config: Config, work: (deps: VersioningDeps) => Promise<T>): Promise<T> {
  const system = await openSystem(config, createCliLogger(config.logLevel, config.version));
  try {
    return await work({ database: system.database, blobStore: system.blobStore, now: () => new Date() });
  } finally {
    await system.close();
  }
}
