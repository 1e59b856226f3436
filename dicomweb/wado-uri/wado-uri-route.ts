import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isValidUid } from '@strata/modules/dicom';
import { StrataError } from '@strata/modules/errors';
import { fileContent, instancesOf, openVersion } from '@strata/services/dicomweb';
import type { VersioningDeps } from '@strata/services/versioning';
import { queryParameters } from '../qido/query-string.js';
import { versionHeaders } from '../version/version-headers.js';
import { versionOf } from '../version/version-of.js';

export interface WadoUriOptions {
  deps: VersioningDeps;
  alias: string | undefined;
}

const UID_PARAMETERS = ['studyUID', 'seriesUID', 'objectUID'] as const;

/**
 * WADO-URI (PS3.18 9): `GET {base}/wado?requestType=WADO&studyUID=…&seriesUID=…&objectUID=…`
 * with `contentType=application/dicom`: the stored file, byte for byte. Rendered content types
 * (image/jpeg, image/png) come with the codecs; until then they are 406.
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
  const version = await openVersion(options.deps, address.dataset, address.ref);
  const [found] = await instancesOf(options.deps, version, {
    study: study ?? '',
    series: series ?? '',
    instance: instance ?? '',
  });
  if (found === undefined) throw new Error('instancesOf returned no instance');
  if (transferSyntax !== null && transferSyntax !== '*') {
    // Only the stored encoding is served so far; the parser knows it, but the check needs the
    // metadata read, so any explicit syntax other than * is refused rather than guessed.
    throw new StrataError(
      'request.not_acceptable',
      'not_acceptable',
      `transferSyntax ${transferSyntax} cannot be produced yet: omit it, or ask for * (as stored).`,
      { details: { available: ['*'] } },
    );
  }
  if (versionHeaders(request, reply, version.ref, 'dicom')) return reply.code(304).send();
  return reply
    .header('content-type', 'application/dicom')
    .header('content-length', String(found.file.size))
    .header('content-disposition', `attachment; filename="${instance}.dcm"`)
    .send(Readable.from(fileContent(options.deps, found.file)));
}

function invalid(parameter: string, reason: string): StrataError {
  return new StrataError('wado.invalid_parameter', 'invalid', `Invalid WADO-URI request: ${reason}.`, {
    details: { parameter },
  });
}
