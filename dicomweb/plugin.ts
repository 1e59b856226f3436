import type { FastifyPluginAsync } from 'fastify';
import type { VersioningDeps } from '@strata/services/versioning';
import { registerQidoRoutes } from './qido/qido-routes.js';
import { VERSION_PREFIX } from './version/version-of.js';

export interface DicomwebOptions {
  deps: VersioningDeps;
  qido: { maxLimit: number; defaultLimit: number };
  /** The dataset (`owner/name`) whose default branch the bare `/dicomweb` base serves, if any. */
  aliasDataset?: string;
}

/**
 * DICOMweb at every version: `/dicomweb/{owner}/{dataset}/@{ref}/…` for any branch, tag or
 * commit, and `/dicomweb/…` for the alias dataset's default branch.
 */
export function dicomwebPlugin(options: DicomwebOptions): FastifyPluginAsync {
  return async (app) => {
    const qido = { deps: options.deps, limits: options.qido, alias: options.aliasDataset };
    registerQidoRoutes(app, VERSION_PREFIX, qido);
    if (options.aliasDataset !== undefined) registerQidoRoutes(app, '/dicomweb', qido);
  };
}
