import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseQidoQuery, scopedTo, type QueryLevel } from '@strata/modules/qido';
import { headerAttributesOf, headerTargetOf, searchWithSequences } from '@strata/services/dicomweb';
import { searchVersion } from '@strata/services/qido';
import { openDataset } from '@strata/services/access';
import type { VersioningDeps } from '@strata/services/versioning';
import { pathUids } from '../version/path-uids.js';
import { versionHeaders } from '../version/version-headers.js';
import { versionOf } from '../version/version-of.js';
import { qidoDataset } from './qido-dataset.js';
import { qidoMediaType } from './qido-media.js';
import { queryParameters } from './query-string.js';
import type { ActorOf } from '../version/actor-of.js';

export interface QidoOptions {
  deps: VersioningDeps;
  /** Who is asking (the app authenticates every request once). */
  actorOf: ActorOf;
  /** The most results one response holds, and how many when a query gives no limit. */
  limits: { maxLimit: number; defaultLimit: number };
  /** The dataset the bare `/dicomweb` base addresses (at its default branch). */
  alias: string | undefined;
}

/** The six QIDO-RS resources (PS3.18 10.6): the level searched, under the UIDs in the path. */
const RESOURCES: { path: string; level: QueryLevel }[] = [
  { path: '/studies', level: 'study' },
  { path: '/series', level: 'series' },
  { path: '/instances', level: 'instance' },
  { path: '/studies/:study/series', level: 'series' },
  { path: '/studies/:study/instances', level: 'instance' },
  { path: '/studies/:study/series/:series/instances', level: 'instance' },
];

/** Registers the QIDO-RS resources under `prefix` (a version's base path, or the alias base). */
export function registerQidoRoutes(app: FastifyInstance, prefix: string, options: QidoOptions): void {
  for (const { path, level } of RESOURCES) {
    app.get(`${prefix}${path}`, (request, reply) => search(request, reply, level, options));
  }
}

async function search(request: FastifyRequest, reply: FastifyReply, level: QueryLevel, options: QidoOptions) {
  const mediaType = qidoMediaType(request);
  const address = versionOf(request, options.alias);
  const dataset = await openDataset(options.deps, options.actorOf(request), address.dataset, 'read');
  const { study, series } = pathUids(request);
  const uids = { ...(study !== undefined && { study }), ...(series !== undefined && { series }) };
  const query = scopedTo(parseQidoQuery(level, queryParameters(request.url), options.limits), uids);
  // One more than the limit tells whether the answer was cut.
  const search = query.sequenceConditions.length > 0 ? searchWithSequences : searchVersion;
  const result = await search(options.deps, dataset, address.ref ?? dataset.defaultBranch, {
    ...query,
    limit: query.limit + 1,
  });
  if (versionHeaders(request, reply, result.ref, 'qido-json')) return reply.code(304).send();
  const matches = result.matches.slice(0, query.limit);
  const warnings: string[] = [];
  if (result.matches.length > query.limit) {
    warnings.push(
      `There are more results than the limit of ${query.limit}: ask again with offset=${query.offset + query.limit}`,
    );
  }
  if (query.ignored.length > 0) {
    warnings.push(
      `These attributes are not supported for matching or returning and were ignored: ${query.ignored.join(', ')}`,
    );
  }
  if (warnings.length > 0) {
    void reply.header('warning', warnings.map((text) => `299 strata ${JSON.stringify(text)}`).join(', '));
  }
  if (matches.length === 0) return reply.code(204).send();
  // Attributes the index does not hold, asked for by name (or all of an instance's): from headers.
  const fromHeaders = level === 'instance' && query.includeFields === 'all' ? 'all' : query.extraFields;
  const extra =
    fromHeaders === 'all' || fromHeaders.length > 0
      ? await headerAttributesOf(
          options.deps,
          result.tree,
          matches.map((match) => headerTargetOf(level, match)),
          fromHeaders,
        )
      : [];
  // A Buffer, so no charset parameter is added: DICOM JSON is UTF-8 by definition (PS3.18 F.2).
  const body = Buffer.from(
    JSON.stringify(matches.map((match, i) => qidoDataset(level, match, address.base, extra[i]))),
  );
  return reply.header('content-type', mediaType).send(body);
}
