import type { FastifyRequest } from 'fastify';
import { negotiateRequest } from '../version/accept-of.js';

/** What QIDO-RS answers in: DICOM JSON, also for `application/json` (PS3.18 10.6.3.2). */
const OFFERS = ['application/dicom+json', 'application/json'];

/** The media type of a QIDO-RS response; 406 `request.not_acceptable` if the request takes neither. */
export function qidoMediaType(request: FastifyRequest): 'application/dicom+json' {
  negotiateRequest(request, OFFERS);
  return 'application/dicom+json';
}
