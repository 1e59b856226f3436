import type { FastifyRequest } from 'fastify';
import { acceptOfRequest, negotiate, type Negotiated } from '../http/index.js';

/**
 * The representation of a response among `offers` (in the server's order of preference), from
 * the request's Accept header or its `accept` query parameters (which override it, PS3.18 8.3.3.1).
 */
export function negotiateRequest(request: FastifyRequest, offers: readonly string[]): Negotiated {
  const query = (request.query as Record<string, string | string[] | undefined>)['accept'];
  const values = query === undefined ? [] : Array.isArray(query) ? query : [query];
  return negotiate(acceptOfRequest(request.headers.accept, values), offers);
}
