import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { StrataError } from '@strata/modules/errors';
import {
  parseRenderingParameters,
  readPixelInstance,
  renderFrame,
  type RenderedMediaType,
} from '@strata/modules/codecs';
import { essenceOf, writeMultipartRelated } from '../http/index.js';
import { instancesOf, openVersion, withFileBytes } from '@strata/services/dicomweb';
import type { VersioningDeps } from '@strata/services/versioning';
import { queryParameters } from '../qido/query-string.js';
import { negotiateRequest } from '../version/accept-of.js';
import { studyPath } from '../version/path-uids.js';
import { versionHeaders } from '../version/version-headers.js';
import { versionOf } from '../version/version-of.js';
import { instanceUrl } from './instance-urls.js';
import { sendMultipart } from './send-multipart.js';
import type { ActorOf } from '../version/actor-of.js';

export interface RenderedOptions {
  deps: VersioningDeps;
  /** Who is asking (the app authenticates every request once). */
  actorOf: ActorOf;
  alias: string | undefined;
}

const IMAGE_OFFERS = ['image/jpeg', 'image/png'];
/** The size a thumbnail fits in unless `viewport` says otherwise. */
const THUMBNAIL = { columns: 128, rows: 128 };
const INSTANCE = '/studies/:study/series/:series/instances/:instance';

/**
 * WADO-RS rendered resources (PS3.18 10.4.1.1.3): an instance (its first frame) or a frame as
 * image/jpeg or image/png with `window`, `viewport` and `quality`; a study or a series as a
 * multipart/related of its instances rendered so; and thumbnails of a study, a series (their
 * first instance), an instance or a frame.
 */
export function registerRenderedRoutes(app: FastifyInstance, prefix: string, options: RenderedOptions): void {
  for (const level of ['/studies/:study', '/studies/:study/series/:series']) {
    app.get(`${prefix}${level}/rendered`, (request, reply) => renderedMany(request, reply, options));
  }
  app.get(`${prefix}${INSTANCE}/rendered`, (request, reply) => rendered(request, reply, options, false));
  app.get(`${prefix}${INSTANCE}/frames/:frame/rendered`, (request, reply) => rendered(request, reply, options, false));
  for (const level of ['/studies/:study', '/studies/:study/series/:series', INSTANCE, `${INSTANCE}/frames/:frame`]) {
    app.get(`${prefix}${level}/thumbnail`, (request, reply) => rendered(request, reply, options, true));
  }
}

async function rendered(request: FastifyRequest, reply: FastifyReply, options: RenderedOptions, thumbnail: boolean) {
  const mediaType = essenceOf(negotiateRequest(request, IMAGE_OFFERS).mediaType) as RenderedMediaType;
  const params = queryParameters(request.url);
  const parameters = parseRenderingParameters(mediaType, {
    ...(params.has('quality') && { quality: params.get('quality') ?? '' }),
    ...(params.has('viewport') && { viewport: params.get('viewport') ?? '' }),
    ...(!thumbnail && params.has('window') && { window: params.get('window') ?? '' }),
  });
  const { frame } = request.params as { frame?: string };
  if (frame !== undefined && !/^[1-9]\d{0,8}$/.test(frame)) {
    throw new StrataError('dicomweb.invalid_frame_list', 'invalid', `Invalid frame number ${JSON.stringify(frame)}.`, {
      details: { frames: frame },
    });
  }
  const frameNumber = frame === undefined ? 1 : Number(frame);
  const uids = studyPath(request);
  const address = versionOf(request, options.alias);
  const version = await openVersion(options.deps, options.actorOf(request), 'read', address.dataset, address.ref);
  const [instance] = await instancesOf(options.deps, version, uids, { firstOnly: true });
  if (instance === undefined) throw new Error('instancesOf returned no instance');
  if (versionHeaders(request, reply, version.ref, `${thumbnail ? 'thumbnail' : 'rendered'}.${mediaType}`)) {
    return reply.code(304).send();
  }
  // The file is only read to render from it: a pooled buffer (the image is encoded into its own bytes).
  const image = await withFileBytes(options.deps, instance.file, async (bytes) =>
    renderFrame(await readPixelInstance(bytes), frameNumber, {
      ...parameters,
      ...(thumbnail && { viewport: parameters.viewport ?? THUMBNAIL }),
    }),
  );
  return reply.header('content-type', image.mediaType).send(Buffer.from(image.bytes));
}

const MULTIPART_OFFERS = [
  'multipart/related; type="image/jpeg"',
  'multipart/related; type="image/png"',
  'image/jpeg',
  'image/png',
];

/**
 * A study or series rendered: one part per instance that has pixels (its first frame, as for an
 * instance's `rendered`), in UID order, each rendered while the previous one is sent; instances
 * without Pixel Data (SR, RT Plan…) are left out, and a study or series with none is 406.
 */
async function renderedMany(request: FastifyRequest, reply: FastifyReply, options: RenderedOptions) {
  const chosen = negotiateRequest(request, MULTIPART_OFFERS).mediaType;
  const mediaType = (
    chosen.type === 'multipart' ? chosen.parameters.get('type') : essenceOf(chosen)
  ) as RenderedMediaType;
  const params = queryParameters(request.url);
  const parameters = parseRenderingParameters(mediaType, {
    ...(params.has('quality') && { quality: params.get('quality') ?? '' }),
    ...(params.has('viewport') && { viewport: params.get('viewport') ?? '' }),
    ...(params.has('window') && { window: params.get('window') ?? '' }),
  });
  const uids = studyPath(request);
  const address = versionOf(request, options.alias);
  const version = await openVersion(options.deps, options.actorOf(request), 'read', address.dataset, address.ref);
  const images = (await instancesOf(options.deps, version, uids)).filter(
    (instance) => instance.metadata === undefined || instance.metadata.pixelData !== undefined,
  );
  if (images.length === 0) {
    throw new StrataError('request.not_acceptable', 'not_acceptable', 'Nothing here has pixels to render.', {
      details: { ...uids },
    });
  }
  if (versionHeaders(request, reply, version.ref, `rendered-many.${mediaType}`)) return reply.code(304).send();
  const deps = options.deps;
  async function* parts() {
    for (const instance of images) {
      const image = await withFileBytes(deps, instance.file, async (bytes) =>
        renderFrame(await readPixelInstance(bytes), 1, parameters),
      );
      yield {
        contentLocation: `${instanceUrl(address.base, instance)}/rendered`,
        body: image.bytes,
      };
    }
  }
  return sendMultipart(reply, writeMultipartRelated(mediaType, parts()));
}
