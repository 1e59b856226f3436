import type { FastifyPluginAsync } from 'fastify';
import { isStrataError, StrataError } from '@strata/modules/errors';
import type { Author, VersioningDeps } from '@strata/services/versioning';
import { registerChangeRoutes } from './changes/change-routes.js';
import { registerQidoRoutes } from './qido/qido-routes.js';
import { acceptMultipartBodies, registerStowRoutes } from './stow/stow-routes.js';
import type { ActorOf } from './version/actor-of.js';
import { readOf, type OnRead } from './version/read-of.js';
import { VERSION_PREFIX } from './version/version-of.js';
import { registerFramesRoute } from './wado/frames-route.js';
import { registerRenderedRoutes } from './wado/rendered-routes.js';
import { registerRetrieveRoutes } from './wado/retrieve-routes.js';
import { registerWadoUriRoute } from './wado-uri/wado-uri-route.js';

export interface DicomwebOptions {
  deps: VersioningDeps;
  qido: { maxLimit: number; defaultLimit: number };
  /** The dataset (`owner/name`) whose default branch the bare `/dicomweb` base serves, if any. */
  aliasDataset?: string;
  /** Who is asking: the app authenticates each request once, before any route runs. */
  actorOf: ActorOf;
  /** Author of the commits DICOMweb requests make without a signed-in user (a user's are theirs). */
  author: Author;
  /** STOW-RS: where parts wait while they are parsed, and the largest request body in bytes. */
  stow: { spoolDir: string; maxBodyBytes: number };
  /** Told of every answered read of data (for the audit trail of reads), after the response. */
  onRead?: OnRead;
}

/**
 * A blob missing under an instance a version lists is the server's fault, not the client's: the
 * data was lost or the store is misconfigured. It is a 500 (logged with its digest), never a 404
 * that would tell a viewer or a cache the instance does not exist. Everything else goes on to the
 * app's handler (a handler that throws hands its error to its parent's).
 */
function storageFaults(error: Error): never {
  if (isStrataError(error) && error.code === 'blob.not_found') {
    throw new StrataError(
      'storage.missing_blob',
      'internal',
      `A stored file of this version cannot be read: blob ${String(error.details?.['digest'])} is missing from the blob store (run strata fsck).`,
      { cause: error, ...(error.details !== undefined && { details: error.details }) },
    );
  }
  throw error;
}

/**
 * DICOMweb at every version: `/dicomweb/{owner}/{dataset}/@{ref}/…` for any branch, tag or
 * commit, and `/dicomweb/…` for the alias dataset's default branch.
 */
export function dicomwebPlugin(options: DicomwebOptions): FastifyPluginAsync {
  return async (app) => {
    const { deps, author, actorOf } = options;
    const alias = options.aliasDataset;
    const prefixes = alias === undefined ? [VERSION_PREFIX] : [VERSION_PREFIX, '/dicomweb'];
    acceptMultipartBodies(app);
    app.setErrorHandler(storageFaults);
    const { onRead } = options;
    if (onRead !== undefined) {
      app.addHook('onResponse', async (request, reply) => {
        const read = readOf(request, reply, actorOf, alias);
        if (read !== undefined) onRead(read);
      });
    }
    for (const prefix of prefixes) {
      registerQidoRoutes(app, prefix, { deps, actorOf, limits: options.qido, alias });
      registerChangeRoutes(app, prefix, { deps, actorOf, alias, author });
      registerWadoUriRoute(app, prefix, { deps, actorOf, alias });
      registerRetrieveRoutes(app, prefix, { deps, actorOf, alias });
      registerFramesRoute(app, prefix, { deps, actorOf, alias });
      registerRenderedRoutes(app, prefix, { deps, actorOf, alias });
      registerStowRoutes(app, prefix, { deps, actorOf, alias, author, ...options.stow });
    }
  };
}
