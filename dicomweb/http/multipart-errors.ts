import { StrataError } from '@strata/modules/errors';

/** Why a multipart body could not be read; stable, for clients and tests. */
export type MalformedReason =
  | 'missing_boundary'
  | 'bad_boundary'
  | 'no_opening_boundary'
  | 'bad_boundary_line'
  | 'header_section_too_long'
  | 'bad_header_line'
  | 'truncated';

/** `multipart.malformed` (400): the body does not follow RFC 2046, and why. */
export function malformedMultipart(reason: MalformedReason, message: string): StrataError {
  return new StrataError('multipart.malformed', 'invalid', `The multipart body is malformed: ${message}.`, {
    details: { reason },
  });
}

/** `request.body_too_large` (413), naming the limit crossed. */
export function bodyTooLarge(limit: 'bytes' | 'parts', max: number): StrataError {
  const what = limit === 'bytes' ? `${max} bytes` : `${max} parts`;
  return new StrataError(
    'request.body_too_large',
    'too_large',
    `The request body holds more than the ${what} this server accepts.`,
    {
      details: { limit, max },
    },
  );
}
