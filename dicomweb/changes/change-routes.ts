import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { openVersion, removeInstances } from '@strata/services/dicomweb';
import type { Author, VersioningDeps } from '@strata/services/versioning';
import { studyPath } from '../version/path-uids.js';
import { COMMIT_HEADER } from '../version/version-headers.js';
import { versionOf } from '../version/version-of.js';
import { rejectionMeaning } from './rejection-codes.js';
import type { ActorOf } from '../version/actor-of.js';
import { authorOf } from '@strata/services/access';

export interface ChangeOptions {
  deps: VersioningDeps;
  /** Who is asking (the app authenticates every request once). */
  actorOf: ActorOf;
  alias: string | undefined;
  author: Author;
}

const LEVELS = [
  '/studies/:study',
  '/studies/:study/series/:series',
  '/studies/:study/series/:series/instances/:instance',
];

/**
 * DELETE of a study, series or instance, and the dcm4chee-style reject
 * (`POST …/reject/113001%5EDCM`): each removes the instances from the branch in one commit and
 * answers 204 with the new commit in Strata-Commit.
 */
export function registerChangeRoutes(app: FastifyInstance, prefix: string, options: ChangeOptions): void {
  for (const level of LEVELS) {
    app.delete(`${prefix}${level}`, (request, reply) => remove(request, reply, options, 'Deleted'));
    app.post(`${prefix}${level}/reject/:code`, (request, reply) => {
      const { code } = request.params as { code: string };
      return remove(request, reply, options, `${rejectionMeaning(code)} (${code})`);
    });
  }
}

async function remove(request: FastifyRequest, reply: FastifyReply, options: ChangeOptions, why: string) {
  const uids = studyPath(request);
  const address = versionOf(request, options.alias);
  const actor = options.actorOf(request);
  const version = await openVersion(options.deps, actor, 'write', address.dataset, address.ref);
  const path = [uids.study, uids.series, uids.instance].filter((uid) => uid !== undefined).join('/');
  const result = await removeInstances(options.deps, version, uids, {
    author: await authorOf(options.deps, actor, options.author),
    message: `${why}: ${path}`,
    actor,
    via: request.method === 'DELETE' ? 'dicomweb-delete' : 'dicomweb-reject',
  });
  return reply.code(204).header(COMMIT_HEADER, result.commit).send();
}
