import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatDicomJson, nativeDicomXml, type DicomJsonDataSet } from '@strata/modules/dicom';
import { StrataError } from '@strata/modules/errors';
import { openVersion, requireBranch, storeInstances, type StowPart } from '@strata/services/dicomweb';
import type { Author, VersioningDeps } from '@strata/services/versioning';
import { essenceOf, readMultipartRelated, type MultipartPart } from '../http/index.js';
import { negotiateRequest } from '../version/accept-of.js';
import { pathUids } from '../version/path-uids.js';
import { COMMIT_HEADER } from '../version/version-headers.js';
import { versionOf } from '../version/version-of.js';
import { stowResponse, stowStatus } from './stow-response.js';
import type { ActorOf } from '../version/actor-of.js';
import { authorOf } from '@strata/services/access';

export interface StowOptions {
  deps: VersioningDeps;
  /** Who is asking (the app authenticates every request once). */
  actorOf: ActorOf;
  alias: string | undefined;
  author: Author;
  /** Where parts wait while they are parsed. */
  spoolDir: string;
  /** The largest request body, in bytes. */
  maxBodyBytes: number;
}

const RESPONSE_OFFERS = ['application/dicom+json', 'application/json', 'application/dicom+xml'];
const ROOT_TYPES = ['application/dicom', 'application/dicom+json'];

/**
 * STOW-RS (PS3.18 10.5): `POST {base}/studies[/{study}]` with a multipart/related body of
 * application/dicom parts, or of DICOM JSON metadata and bulk data parts, into a branch, as one commit.
 */
export function registerStowRoutes(app: FastifyInstance, prefix: string, options: StowOptions): void {
  for (const path of ['/studies', '/studies/:study']) {
    app.post(`${prefix}${path}`, (request, reply) => store(request, reply, options));
  }
}

/** Leaves multipart bodies unread for the STOW-RS routes, which stream them. */
export function acceptMultipartBodies(app: FastifyInstance): void {
  app.addContentTypeParser('multipart/related', (_request, _payload, done) => done(null, undefined));
}

async function store(request: FastifyRequest, reply: FastifyReply, options: StowOptions) {
  const xml = essenceOf(negotiateRequest(request, RESPONSE_OFFERS).mediaType) === 'application/dicom+xml';
  const { study } = pathUids(request);
  const address = versionOf(request, options.alias);
  const actor = options.actorOf(request);
  const version = await openVersion(options.deps, actor, 'write', address.dataset, address.ref);
  requireBranch(version, 'store instances into');
  const body = readMultipartRelated(request.raw, request.headers['content-type'], {
    maxBodyBytes: options.maxBodyBytes,
  });
  const root = body.mediaType.parameters.get('type')?.toLowerCase();
  if (root !== undefined && !ROOT_TYPES.includes(root)) {
    throw new StrataError(
      'stow.unsupported_type',
      'unsupported_media_type',
      `STOW-RS takes multipart/related; type="application/dicom" or type="application/dicom+json"; this body's type is ${root}.`,
      { details: { type: root, supported: ROOT_TYPES } },
    );
  }
  const json = root === 'application/dicom+json';
  const requestUrl = `${address.base}/studies${study === undefined ? '' : `/${study}`}`;
  let parts = 0;
  const stored = storeInstances(options.deps, {
    dataset: version.dataset,
    branch: version.ref.name,
    ...(study !== undefined && { studyUid: study }),
    author: await authorOf(options.deps, actor, options.author),
    actor,
    message: `STOW-RS (request ${request.id})`,
    spoolDir: options.spoolDir,
    ...(json && { metadataAndBulkData: { requestUrl } }),
    parts: (async function* (): AsyncGenerator<StowPart> {
      for await (const part of body.parts) {
        parts++;
        yield stowPart(part, json);
      }
    })(),
  });
  // A body refused part-way (too large, malformed) is not read to its end: the answer goes out
  // and the connection closes, so the client stops sending and the socket is not left mid-body.
  const result = await stored.catch((error: unknown) => {
    void reply.header('connection', 'close');
    throw error;
  });
  if (parts === 0) {
    throw new StrataError('stow.no_parts', 'invalid', 'The STOW-RS request holds no parts: nothing to store.');
  }
  if (result.commit !== undefined) void reply.header(COMMIT_HEADER, result.commit);
  if (result.warnings.length > 0) {
    void reply.header('warning', result.warnings.map((text) => `299 strata ${JSON.stringify(text)}`).join(', '));
  }
  const dataSet = stowResponse(result, address.base, study) as DicomJsonDataSet;
  return reply
    .code(stowStatus(result))
    .header('content-type', xml ? 'application/dicom+xml' : 'application/dicom+json')
    .send(Buffer.from(xml ? nativeDicomXml(dataSet) : formatDicomJson(dataSet)));
}

function stowPart(part: MultipartPart, json: boolean): StowPart {
  const location = part.headers.get('content-location');
  return {
    // A part without a Content-Type takes the body's type (RFC 2387): application/dicom. In a
    // metadata and bulk data body, the service tells metadata from bulk data by Content-Location.
    contentType:
      part.contentType === undefined
        ? json
          ? undefined
          : part.headers.get('content-type')
        : essenceOf(part.contentType),
    ...(part.contentType !== undefined && { parameters: part.contentType.parameters }),
    ...(location !== undefined && { contentLocation: location }),
    body: part.body,
  };
}
