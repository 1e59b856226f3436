import type { FastifyRequest } from 'fastify';
import { StrataError } from '@strata/modules/errors';

const JSON_RANGES = new Set(['application/dicom+json', 'application/json', 'application/*', '*/*']);

/**
 * The media type of a QIDO-RS response: DICOM JSON, when the Accept header (or the `accept`
 * query parameter, which overrides it, PS3.18 8.3.3.1) allows it; q=0 excludes a range.
 */
export function qidoMediaType(request: FastifyRequest): 'application/dicom+json' {
  const query = request.query as Record<string, string | string[] | undefined>;
  const override = query['accept'];
  const accept = (Array.isArray(override) ? override.join(',') : override) ?? request.headers.accept ?? '*/*';
  const acceptable = accept.split(',').some((range) => {
    const [type = '', ...params] = range.split(';').map((part) => part.trim().toLowerCase());
    const q = params.find((param) => param.startsWith('q='));
    return JSON_RANGES.has(type) && (q === undefined || Number(q.slice(2)) > 0);
  });
  if (!acceptable) {
    throw new StrataError(
      'request.not_acceptable',
      'not_acceptable',
      `QIDO-RS answers in application/dicom+json; the request accepts only ${accept}.`,
      {
        details: { available: ['application/dicom+json', 'application/json'] },
      },
    );
  }
  return 'application/dicom+json';
}
