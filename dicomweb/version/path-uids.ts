import type { FastifyRequest } from 'fastify';
import { isValidUid } from '@strata/modules/dicom';
import { StrataError } from '@strata/modules/errors';

export interface PathUids {
  study?: string;
  series?: string;
  instance?: string;
}

/** The study, series and instance UIDs of a request's path, refused if they are not UIDs (PS3.5 9.1). */
export function pathUids(request: FastifyRequest): PathUids {
  const params = request.params as PathUids;
  const uids: PathUids = {};
  for (const level of ['study', 'series', 'instance'] as const) {
    const uid = params[level];
    if (uid === undefined) continue;
    if (!isValidUid(uid)) {
      throw new StrataError(
        'dicomweb.invalid_uid',
        'invalid',
        `The ${level} UID in the path is not a valid UID: ${JSON.stringify(uid)}.`,
        { details: { [level]: uid } },
      );
    }
    uids[level] = uid;
  }
  return uids;
}

/** The path UIDs of a resource that names at least a study. */
export function studyPath(request: FastifyRequest): PathUids & { study: string } {
  const uids = pathUids(request);
  if (uids.study === undefined) throw new Error('studyPath: a route without a study UID');
  return { ...uids, study: uids.study };
}
