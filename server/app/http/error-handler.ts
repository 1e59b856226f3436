import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HTTP_STATUS, isStrataError, kindOfHttpStatus, storageFullOf, type ErrorKind } from '@strata/modules/errors';
import { AUTH_CHALLENGE } from '@strata/services/access';

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: string; message: string; requestId: string; details?: Record<string, unknown> };
}

/** The longest path parameter the router matches (Fastify's default is 100: 25 frame numbers). */
export const MAX_PARAM_LENGTH = 4096;

/** Fastify's own client-error codes, renamed into Strata's stable codes. */
const FASTIFY_CODES: Record<string, { code: string; kind: ErrorKind; message?: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'request.body_too_large', kind: 'too_large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'request.unsupported_media_type', kind: 'unsupported_media_type' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'request.invalid_content_length', kind: 'invalid' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'request.empty_body', kind: 'invalid' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'request.malformed_json', kind: 'invalid' },
  FST_ERR_BAD_URL: { code: 'request.bad_url', kind: 'invalid' },
  FST_ERR_MAX_PARAM_LENGTH: {
    code: 'request.uri_too_long',
    kind: 'uri_too_long',
    message: `A path segment is longer than ${MAX_PARAM_LENGTH} characters: ask for less in one request.`,
  },
};

/**
 * Maps every error to a status and a stable code in one place. Client errors say what was wrong;
 * anything unexpected becomes a 500 whose body names only the request id, with the details logged.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(sendError);
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({
      error: {
        code: 'route.not_found',
        message: `No route for ${request.method} ${request.url}.`,
        requestId: request.id,
      },
    } satisfies ErrorBody);
  });
}

/**
 * Answers an error with its status and body. Also Fastify's `frameworkErrors`: what the router
 * refuses before any route runs (a malformed URL, a path parameter over the length limit) gets
 * the same envelope as everything else.
 */
export function sendError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const body = toBody(error, request);
  const status = HTTP_STATUS[body.kind];
  // A server Strata depends on failing (an OpenID provider) is worth a warning with its cause, not a bug.
  if (body.kind === 'bad_gateway') request.log.warn({ err: error }, 'an upstream server failed');
  // Not a bug either, but the operator has to act.
  else if (body.error.code === 'storage.full') request.log.error({ err: error }, 'out of storage space');
  else if (status >= 500 && body.kind !== 'unavailable') request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: body.error.code, status }, 'request refused');
  // Every 401 says how to authenticate (RFC 9110 11.6.1).
  if (status === 401) void reply.header('www-authenticate', AUTH_CHALLENGE);
  void reply.status(status).send({ error: body.error } satisfies ErrorBody);
}

function toBody(thrown: FastifyError, request: FastifyRequest): ErrorBody & { kind: ErrorKind } {
  const requestId = request.id;
  // A disk that filled up is not an internal error: the client may retry once space is freed.
  const full = isStrataError(thrown) && thrown.kind !== 'internal' ? undefined : storageFullOf(thrown);
  const error = full ?? thrown;
  if (isStrataError(error)) {
    return {
      kind: error.kind,
      error: {
        code: error.code,
        message: error.kind === 'internal' ? internalMessage(requestId) : error.message,
        requestId,
        ...(error.details !== undefined && error.kind !== 'internal' ? { details: error.details } : {}),
      },
    };
  }
  if (error.validation !== undefined) {
    return {
      kind: 'invalid',
      error: { code: 'request.invalid', message: error.message, requestId, details: { problems: error.validation } },
    };
  }
  const known = FASTIFY_CODES[error.code];
  if (known !== undefined) {
    return { kind: known.kind, error: { code: known.code, message: known.message ?? error.message, requestId } };
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const kind = kindOfHttpStatus(status);
    return { kind, error: { code: `request.${kind}`, message: error.message, requestId } };
  }
  return { kind: 'internal', error: { code: 'internal', message: internalMessage(requestId), requestId } };
}

function internalMessage(requestId: string): string {
  return `Internal error. Quote request id ${requestId} to the operator; the server log has the details.`;
}
