import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  decodeFrame,
  encodeFrame,
  frameBytes,
  readPixelInstance,
  selectFrames,
  transcodeTargets,
} from '@strata/modules/codecs';
import { StrataError } from '@strata/modules/errors';
import { fileBytes, instancesOf, openVersion, storedFrames, type VersionInstance } from '@strata/services/dicomweb';
import type { VersioningDeps } from '@strata/services/versioning';
import { writeMultipartRelated } from '../http/index.js';
import { sendMultipart } from './send-multipart.js';
import { negotiateRequest } from '../version/accept-of.js';
import { studyPath } from '../version/path-uids.js';
import { versionHeaders } from '../version/version-headers.js';
import { versionOf } from '../version/version-of.js';
import type { ActorOf } from '../version/actor-of.js';

export interface FramesOptions {
  deps: VersioningDeps;
  /** Who is asking (the app authenticates every request once). */
  actorOf: ActorOf;
  alias: string | undefined;
}

const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const NATIVE_LE = new Set(['1.2.840.10008.1.2', EXPLICIT_LE]);
const JPEG_BASELINE = '1.2.840.10008.1.2.4.50';
const OCTET_STREAM = 'multipart/related; type="application/octet-stream"';

/** The single-frame media types of PS3.18 Table 8.7.3-2, by the transfer syntaxes they carry. */
const FRAME_MEDIA_TYPES: Readonly<Record<string, string>> = {
  '1.2.840.10008.1.2.4.50': 'image/jpeg',
  '1.2.840.10008.1.2.4.51': 'image/jpeg',
  '1.2.840.10008.1.2.4.57': 'image/jpeg',
  '1.2.840.10008.1.2.4.70': 'image/jpeg',
  '1.2.840.10008.1.2.4.80': 'image/jls',
  '1.2.840.10008.1.2.4.81': 'image/jls',
  '1.2.840.10008.1.2.4.90': 'image/jp2',
  '1.2.840.10008.1.2.4.91': 'image/jp2',
  '1.2.840.10008.1.2.4.201': 'image/jphc',
  '1.2.840.10008.1.2.4.202': 'image/jphc',
  '1.2.840.10008.1.2.4.203': 'image/jphc',
};

/**
 * What frames of an instance stored in `stored` can be sent as, in the server's order of
 * preference: uncompressed little endian first (PS3.18 makes it the default of
 * application/octet-stream, so a request that names no syntax gets it), the stored frames
 * (`transfer-syntax=*` or the stored UID), the stored syntax's own single-frame media type
 * (image/jls, image/jp2, image/jphc, image/jpeg), then each syntax the frames can be encoded in,
 * as application/octet-stream and as its media type.
 */
function frameOffers(stored: string, producible: readonly string[]): string[] {
  const offers = [`${OCTET_STREAM}; transfer-syntax=${EXPLICIT_LE}`, `${OCTET_STREAM}; transfer-syntax=*`];
  if (stored !== EXPLICIT_LE) offers.push(`${OCTET_STREAM}; transfer-syntax=${stored}`);
  const own = FRAME_MEDIA_TYPES[stored];
  if (own !== undefined) offers.push(`multipart/related; type="${own}"; transfer-syntax=${stored}`);
  for (const target of producible) {
    if (target === stored || target === EXPLICIT_LE) continue;
    offers.push(`${OCTET_STREAM}; transfer-syntax=${target}`);
    // image/jpeg without a syntax means JPEG lossless (PS3.18 8.7.3.5.2): lossy JPEG is only sent when named.
    const type = target === JPEG_BASELINE ? undefined : FRAME_MEDIA_TYPES[target];
    if (type !== undefined) offers.push(`multipart/related; type="${type}"; transfer-syntax=${target}`);
  }
  return offers;
}

/** WADO-RS frames (PS3.18 10.4.1.1.4): `{instance}/frames/{list}` as one multipart reply. */
export function registerFramesRoute(app: FastifyInstance, prefix: string, options: FramesOptions): void {
  const path = `${prefix}/studies/:study/series/:series/instances/:instance/frames/:frames`;
  app.get(path, (request, reply) => retrieveFrames(request, reply, options));
}

async function retrieveFrames(request: FastifyRequest, reply: FastifyReply, options: FramesOptions) {
  const numbers = frameList((request.params as { frames: string }).frames);
  const uids = studyPath(request);
  const address = versionOf(request, options.alias);
  const version = await openVersion(options.deps, options.actorOf(request), 'read', address.dataset, address.ref);
  const [instance] = await instancesOf(options.deps, version, uids);
  if (instance === undefined) throw new Error('instancesOf returned no instance');
  const fast = await framesAsRecorded(request, reply, version.ref, instance, numbers, options.deps);
  if (fast !== undefined) return fast;
  const pixels = await readPixelInstance(await fileBytes(options.deps, instance.file));
  const stored = pixels.transferSyntaxUid;
  const frames = selectFrames(pixels.frames, numbers);
  const producible = [...transcodeTargets(stored, pixels.dataSet).values()];
  const chosen = negotiateRequest(request, frameOffers(stored, producible));
  const wanted = chosen.transferSyntax === '*' ? stored : (chosen.transferSyntax ?? EXPLICIT_LE);
  const mediaType = chosen.mediaType.parameters.get('type') ?? 'application/octet-stream';
  if (versionHeaders(request, reply, version.ref, `frames.${mediaType}.${wanted}`)) return reply.code(304).send();
  // Native little endian frames are already what Explicit VR Little Endian holds.
  const asStored = wanted === stored || (wanted === EXPLICIT_LE && NATIVE_LE.has(stored));
  const syntax = asStored ? stored : wanted;
  const bodies: Uint8Array[] = [];
  for (const [index, frame] of frames.entries()) {
    if (asStored) {
      bodies.push(frameBytes(pixels.bytes, frame));
      continue;
    }
    const decoded = await decodeFrame(pixels, numbers[index] ?? 0);
    bodies.push(wanted === EXPLICIT_LE ? decoded.pixels : (await encodeFrame(decoded, wanted)).bytes);
  }
  const response = writeMultipartRelated(
    mediaType,
    bodies.map((body) => ({ contentType: `${mediaType}; transfer-syntax=${syntax}`, body })),
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

/**
 * The common case without parsing the file: frames asked for as stored (or as little endian
 * from native little endian), read at the places ingest recorded. Undefined when the request or
 * the record needs the full path (transcoding, layouts the record cannot tell).
 */
async function framesAsRecorded(
  request: FastifyRequest,
  reply: FastifyReply,
  ref: Parameters<typeof versionHeaders>[2],
  instance: VersionInstance,
  numbers: readonly number[],
  deps: VersioningDeps,
): Promise<FastifyReply | undefined> {
  const stored = instance.metadata?.transferSyntaxUid;
  if (stored === undefined) return undefined;
  let chosen;
  try {
    chosen = negotiateRequest(request, frameOffers(stored, [...transcodeTargets(stored).values()]));
  } catch {
    return undefined; // the full path negotiates with what the header allows, and refuses there
  }
  const wanted = chosen.transferSyntax === '*' ? stored : (chosen.transferSyntax ?? EXPLICIT_LE);
  if (!(wanted === stored || (wanted === EXPLICIT_LE && NATIVE_LE.has(stored)))) return undefined;
  const bodies = await storedFrames(deps, instance, numbers);
  if (bodies === undefined) return undefined;
  const mediaType = chosen.mediaType.parameters.get('type') ?? 'application/octet-stream';
  if (versionHeaders(request, reply, ref, `frames.${mediaType}.${wanted}`)) return reply.code(304).send();
  const response = writeMultipartRelated(
    mediaType,
    bodies.map((body) => ({ contentType: `${mediaType}; transfer-syntax=${stored}`, body })),
  );
  return sendMultipart(reply, response).then(() => reply);
}
