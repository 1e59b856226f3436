import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatDicomJson, nativeDicomXml, type DicomJsonDataSet } from '@strata/modules/dicom';
import { StrataError } from '@strata/modules/errors';
import {
  BASE_MARKER,
  bulkDataOf,
  fileSource,
  instancesInSyntax,
  instancesOf,
  transcodingHeaders,
  metadataOf,
  openVersion,
  seriesMetadataText,
  type OpenVersion,
  type VersionInstance,
} from '@strata/services/dicomweb';
import type { VersioningDeps } from '@strata/services/versioning';
import { acceptOfRequest, writeMultipartRelated, type OutgoingPart } from '../http/index.js';
import { negotiateRequest } from '../version/accept-of.js';
import { studyPath } from '../version/path-uids.js';
import { versionHeaders } from '../version/version-headers.js';
import { versionOf, type VersionAddress } from '../version/version-of.js';
import { bulkDataUrl, instanceUrl } from './instance-urls.js';
import { deliveriesFor } from './instance-syntaxes.js';
import { sendMultipart } from './send-multipart.js';
import type { ActorOf } from '../version/actor-of.js';

export interface RetrieveOptions {
  deps: VersioningDeps;
  /** Who is asking (the app authenticates every request once). */
  actorOf: ActorOf;
  alias: string | undefined;
}

const RESOURCES = [
  '/studies/:study',
  '/studies/:study/series/:series',
  '/studies/:study/series/:series/instances/:instance',
];

const METADATA_OFFERS = [
  'application/dicom+json',
  'application/json',
  'multipart/related; type="application/dicom+xml"',
];
const BULK_OFFERS = ['multipart/related; type="application/octet-stream"', 'application/octet-stream'];

/**
 * WADO-RS (PS3.18 10.4): instances of a study, series or instance as `multipart/related;
 * type="application/dicom"`, their metadata, and bulk data by BulkDataURI.
 */
export function registerRetrieveRoutes(app: FastifyInstance, prefix: string, options: RetrieveOptions): void {
  for (const resource of RESOURCES) {
    app.get(`${prefix}${resource}`, (request, reply) => retrieveInstances(request, reply, options));
    app.get(`${prefix}${resource}/metadata`, (request, reply) => retrieveMetadata(request, reply, options));
  }
  app.get(`${prefix}${RESOURCES[2] ?? ''}/bulkdata/:range`, (request, reply) =>
    retrieveBulkData(request, reply, options),
  );
}

interface Target {
  address: VersionAddress;
  version: OpenVersion;
  instances: VersionInstance[];
}

async function target(request: FastifyRequest, options: RetrieveOptions): Promise<Target> {
  const uids = studyPath(request);
  const address = versionOf(request, options.alias);
  const version = await openVersion(options.deps, options.actorOf(request), 'read', address.dataset, address.ref);
  return { address, version, instances: await instancesOf(options.deps, version, uids) };
}

async function retrieveInstances(request: FastifyRequest, reply: FastifyReply, options: RetrieveOptions) {
  const { address, version, instances } = await target(request, options);
  const query = (request.query as Record<string, string | string[] | undefined>)['accept'];
  const accept = acceptOfRequest(request.headers.accept, query === undefined ? [] : [query].flat());
  // Every instance's syntax is settled before a byte is sent, so a refusal is still a clean 406.
  const deliveries = await deliveriesFor(accept, instances, (converted) => transcodingHeaders(options.deps, converted));
  const sent = deliveries.map((delivery) => delivery.transcodeTo ?? '*').join(',');
  const variant = `dicom.${createHash('sha256').update(sent).digest('hex').slice(0, 16)}`;
  if (versionHeaders(request, reply, version.ref, variant)) return reply.code(304).send();
  const partOf = (delivery: (typeof deliveries)[number], body: OutgoingPart['body']): OutgoingPart => ({
    contentType:
      delivery.transferSyntaxUid === ''
        ? 'application/dicom'
        : `application/dicom; transfer-syntax=${delivery.transferSyntaxUid}`,
    contentLocation: instanceUrl(address.base, delivery.instance),
    body,
  });
  if (deliveries.every((delivery) => delivery.transcodeTo === undefined)) {
    // As stored: every part's size is known, so the length is announced and files stream
    // through reused buffers (sendMultipart).
    const parts = deliveries.map((delivery) => partOf(delivery, fileSource(options.deps, delivery.instance.file)));
    return sendMultipart(reply, writeMultipartRelated('application/dicom', parts));
  }
  const delivered = instancesInSyntax(options.deps, deliveries);
  // The first instance is ready (transcoded if it must be) before the status line goes out.
  const first = await delivered.next();
  async function* parts(): AsyncGenerator<OutgoingPart> {
    for (let next = first; next.done !== true; next = await delivered.next()) {
      const { delivery, body } = next.value;
      yield partOf(delivery, body);
    }
  }
  return sendMultipart(reply, writeMultipartRelated('application/dicom', parts()));
}

async function retrieveMetadata(request: FastifyRequest, reply: FastifyReply, options: RetrieveOptions) {
  const chosen = negotiateRequest(request, METADATA_OFFERS);
  const uids = studyPath(request);
  const address = versionOf(request, options.alias);
  const version = await openVersion(options.deps, options.actorOf(request), 'read', address.dataset, address.ref);
  const xml = chosen.mediaType.type === 'multipart';
  if (versionHeaders(request, reply, version.ref, xml ? 'metadata-xml' : 'metadata-json'))
    return reply.code(304).send();
  let json: string;
  if (uids.instance === undefined) {
    // Studies and series: from the per-series cache, BulkDataURIs made absolute for this request.
    const text = await seriesMetadataText(options.deps, version, uids, (instance, location) =>
      bulkDataUrl(BASE_MARKER, instance, location),
    );
    json = text.replaceAll(`"${BASE_MARKER}`, `"${address.base}`);
  } else {
    const instances = await instancesOf(options.deps, version, uids);
    json = formatDicomJson(
      await metadataOf(options.deps, instances, (instance, location) => bulkDataUrl(address.base, instance, location)),
    );
  }
  if (!xml) {
    // A Buffer, so no charset parameter is added: DICOM JSON is UTF-8 by definition.
    return reply.header('content-type', 'application/dicom+json').send(Buffer.from(json));
  }
  const dataSets = JSON.parse(json) as DicomJsonDataSet[];
  const response = writeMultipartRelated(
    'application/dicom+xml',
    dataSets.map((dataSet) => ({ body: Buffer.from(nativeDicomXml(dataSet)) })),
  );
  return reply.header('content-type', response.contentType).send(Readable.from(response.body));
}

async function retrieveBulkData(request: FastifyRequest, reply: FastifyReply, options: RetrieveOptions) {
  const chosen = negotiateRequest(request, BULK_OFFERS);
  const { range } = request.params as { range: string };
  const match = /^(\d{1,15})-(\d{1,15})$/.exec(range);
  if (match === null) {
    throw new StrataError(
      'dicomweb.invalid_bulkdata_uri',
      'not_found',
      `No bulk data at ${JSON.stringify(range)}: BulkDataURIs end in /bulkdata/{offset}-{length}.`,
    );
  }
  const { version, instances } = await target(request, options);
  const [instance] = instances;
  if (instance === undefined) throw new Error('instancesOf returned no instance');
  const bytes = bulkDataOf(options.deps, instance, { offset: Number(match[1]), length: Number(match[2]) });
  // Read the first chunk before any header is sent, so a refusal is still a clean 4xx.
  const first = await bytes.next();
  if (versionHeaders(request, reply, version.ref, `bulk.${chosen.mediaType.type}`)) return reply.code(304).send();
  async function* all() {
    if (first.done !== true) yield first.value;
    yield* bytes;
  }
  if (chosen.mediaType.type === 'application') {
    return reply.header('content-type', 'application/octet-stream').send(Readable.from(all()));
  }
  const response = writeMultipartRelated('application/octet-stream', [{ body: all() }]);
  return reply.header('content-type', response.contentType).send(Readable.from(response.body));
}
