import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { citationCff, getRelease, releaseDicomwebPath, releaseManifest } from '@strata/services/collaboration';
import type { VersioningDeps } from '@strata/services/versioning';
import { actorOf } from './authentication.js';

interface ReleaseParams {
  owner: string;
  name: string;
  tag: string;
}

const BASE = '/api/datasets/:owner/:name/releases/:tag';

/**
 * A release's downloads, with the same authentication and access as DICOMweb reads of it:
 * `manifest.json` (every file with its size and SHA-256, streamed as the tree is read) and
 * `CITATION.cff`. A release never changes what it holds, so both are cacheable by its tag; the
 * notes may be edited, hence revalidation rather than `immutable`.
 */
export function registerReleaseRoutes(app: FastifyInstance, deps: VersioningDeps): void {
  app.get<{ Params: ReleaseParams }>(`${BASE}/manifest.json`, async (request, reply) => {
    const { owner, name, tag } = request.params;
    const pieces = await releaseManifest(deps, actorOf(request), `${owner}/${name}`, tag);
    void reply.header('cache-control', 'private, no-cache');
    void reply.header('content-disposition', `attachment; filename="${safeName(`${name}-${tag}`)}.manifest.json"`);
    return reply.type('application/json; charset=utf-8').send(Readable.from(pieces));
  });
  app.get<{ Params: ReleaseParams }>(`${BASE}/CITATION.cff`, async (request, reply) => {
    const { owner, name, tag } = request.params;
    const { dataset, release } = await getRelease(deps, actorOf(request), `${owner}/${name}`, tag);
    const url = `${request.protocol}://${request.host}${releaseDicomwebPath(dataset, release.tag)}`;
    void reply.header('cache-control', 'private, no-cache');
    return reply.type('text/plain; charset=utf-8').send(citationCff(release, `${dataset.owner}/${dataset.name}`, url));
  });
}

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}
