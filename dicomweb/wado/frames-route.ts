import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { decodeFrame, frameBytes, readPixelInstance, selectFrames } from '@strata/modules/codecs';
import { StrataError } from '@strata/modules/errors';
import { fileBytes, instancesOf, openVersion } from '@strata/services/dicomweb';
import type { VersioningDeps } from '@strata/services/versioning';
import { writeMultipartRelated } from '../http/index.js';
import { negotiateRequest } from '../version/accept-of.js';
import { studyPath } from '../version/path-uids.js';
import { versionHeaders } from '../version/version-headers.js';
import { versionOf } from '../version/version-of.js';

export interface FramesOptions {
  deps: VersioningDeps;
  alias: string | undefined;
}

const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const NATIVE_LE = new Set(['1.2.840.10008.1.2', EXPLICIT_LE]);
/**
 * Uncompressed little endian first: PS3.18 makes it the default of application/octet-stream, so
 * a request that names no transfer syntax gets it; `transfer-syntax=*` gets the stored frames.
 */
const OFFERS = [
  `multipart/related; type="application/octet-stream"; transfer-syntax=${EXPLICIT_LE}`,
  'multipart/related; type="application/octet-stream"; transfer-syntax=*',
];

/** WADO-RS frames (PS3.18 10.4.1.1.4): `{instance}/frames/{list}` as one multipart reply. */
export function registerFramesRoute(app: FastifyInstance, prefix: string, options: FramesOptions): void {
  const path = `${prefix}/studies/:study/series/:series/instances/:instance/frames/:frames`;
  app.get(path, (request, reply) => retrieveFrames(request, reply, options));
}

async function retrieveFrames(request: FastifyRequest, reply: FastifyReply, options: FramesOptions) {
  const numbers = frameList((request.params as { frames: string }).frames);
  const chosen = negotiateRequest(request, OFFERS);
  const uids = studyPath(request);
  const address = versionOf(request, options.alias);
  const version = await openVersion(options.deps, address.dataset, address.ref);
  const [instance] = await instancesOf(options.deps, version, uids);
  if (instance === undefined) throw new Error('instancesOf returned no instance');
  const pixels = await readPixelInstance(await fileBytes(options.deps, instance.file));
  const frames = selectFrames(pixels.frames, numbers);
  if (versionHeaders(request, reply, version.ref, `frames.${chosen.transferSyntax ?? ''}`))
    return reply.code(304).send();
  const asStored = chosen.transferSyntax === '*' || NATIVE_LE.has(pixels.transferSyntaxUid);
  const syntax = asStored ? pixels.transferSyntaxUid : EXPLICIT_LE;
  const bodies: Uint8Array[] = [];
  for (const [index, frame] of frames.entries()) {
    bodies.push(asStored ? frameBytes(pixels.bytes, frame) : (await decodeFrame(pixels, numbers[index] ?? 0)).pixels);
  }
  const response = writeMultipartRelated(
    'application/octet-stream',
    bodies.map((body) => ({ contentType: `application/octet-stream; transfer-syntax=${syntax}`, body })),
  );
  return reply.header('content-type', response.contentType).send(Readable.from(response.body));
}

/** `1,3,5`: frame numbers from 1, as many as asked, in the order asked. */
function frameList(text: string): number[] {
  const numbers = text.split(',').map((part) => (/^\d{1,9}$/.test(part) ? Number(part) : NaN));
  if (numbers.some((n) => !Number.isSafeInteger(n) || n < 1)) {
    throw new StrataError(
      'dicomweb.invalid_frame_list',
      'invalid',
      `Invalid frame list ${JSON.stringify(text)}: give frame numbers from 1, separated by commas.`,
      { details: { frames: text } },
    );
  }
  return numbers;
}
