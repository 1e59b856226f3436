import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isValidUid } from '@strata/modules/dicom';
import { StrataError } from '@strata/modules/errors';
import {
  fileContent,
  instancesInSyntax,
  instancesOf,
  openVersion,
  transcodingHeaders,
} from '@strata/services/dicomweb';
import type { VersioningDeps } from '@strata/services/versioning';
import { parseAccept } from '../http/index.js';
import { queryParameters } from '../qido/query-string.js';
import { deliveriesFor } from '../wado/instance-syntaxes.js';
import { versionHeaders } from '../version/version-headers.js';
import { versionOf } from '../version/version-of.js';
import type { ActorOf } from '../version/actor-of.js';

export interface WadoUriOptions {
  deps: VersioningDeps;
  /** Who is asking (the app authenticates every request once). */
  actorOf: ActorOf;
  alias: string | undefined;
}

const UID_PARAMETERS = ['studyUID', 'seriesUID', 'objectUID'] as const;

/**
 * WADO-URI (PS3.18 9): `GET {base}/wado?requestType=WADO&studyUID=…&seriesUID=…&objectUID=…`
 * with `contentType=application/dicom`: the stored file, byte for byte, or with `transferSyntax`
 * transcoded as WADO-RS does (the same choice of what the instance can be sent as). Rendered
 * content types (image/jpeg, image/png) are 406 for now.
 */
export function registerWadoUriRoute(app: FastifyInstance, prefix: string, options: WadoUriOptions): void {
  app.get(`${prefix}/wado`, (request, reply) => retrieve(request, reply, options));
}

async function retrieve(request: FastifyRequest, reply: FastifyReply, options: WadoUriOptions) {
  const params = queryParameters(request.url);
  if (params.get('requestType') !== 'WADO') {
    throw invalid('requestType', 'requestType must be WADO');
  }
  const [study, series, instance] = UID_PARAMETERS.map((name) => {
    const uid = params.get(name);
    if (uid === null) throw invalid(name, `${name} is required`);
    if (!isValidUid(uid)) throw invalid(name, `${name} is not a valid UID: ${JSON.stringify(uid)}`);
    return uid;
  });
  const contentType = (params.get('contentType') ?? 'image/jpeg').split(',')[0]?.trim().toLowerCase();
  if (contentType !== 'application/dicom') {
    throw new StrataError(
      'request.not_acceptable',
      'not_acceptable',
      `contentType ${contentType ?? ''} cannot be produced yet: ask for application/dicom.`,
      { details: { available: ['application/dicom'] } },
    );
  }
  const transferSyntax = params.get('transferSyntax');
  const address = versionOf(request, options.alias);
  const version = await openVersion(options.deps, options.actorOf(request), 'read', address.dataset, address.ref);
  const [found] = await instancesOf(options.deps, version, {
    study: study ?? '',
    series: series ?? '',
    instance: instance ?? '',
  });
  if (found === undefined) throw new Error('instancesOf returned no instance');
  if (transferSyntax !== null && !/^(\*|[0-9.]{1,64})$/.test(transferSyntax)) {
    throw invalid('transferSyntax', `transferSyntax is not a UID: ${JSON.stringify(transferSyntax)}`);
  }
  const wanted = transferSyntax ?? '*';
  // The same decision as WADO-RS: as stored when it is the syntax asked for, else transcoded if the instance allows.
  const accept = parseAccept(`multipart/related; type="application/dicom"; transfer-syntax=${wanted}`);
  const [delivery] = await deliveriesFor(accept, [found], (converted) => transcodingHeaders(options.deps, converted));
  if (delivery === undefined) throw new Error('deliveriesFor returned no delivery');
  if (versionHeaders(request, reply, version.ref, `dicom.${delivery.transcodeTo ?? '*'}`))
    return reply.code(304).send();
  void reply
    .header('content-type', 'application/dicom')
    .header('content-disposition', `attachment; filename="${instance}.dcm"`);
  if (delivery.transcodeTo === undefined) {
    return reply
      .header('content-length', String(found.file.size))
      .send(Readable.from(fileContent(options.deps, found.file)));
  }
  let body: Uint8Array | AsyncIterable<Uint8Array> | undefined;
  for await (const sent of instancesInSyntax(options.deps, [delivery])) body = sent.body;
  if (!(body instanceof Uint8Array)) throw new Error('a transcoded instance is bytes');
  return reply
    .header('content-length', String(body.length))
    .send(Buffer.from(body.buffer, body.byteOffset, body.length));
}

function invalid(parameter: string, reason: string): StrataError {
  return new StrataError('wado.invalid_parameter', 'invalid', `Invalid WADO-URI request: ${reason}.`, {
    details: { parameter },
  });
}
