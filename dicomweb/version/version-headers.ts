import type { FastifyReply, FastifyRequest } from 'fastify';

/** The header naming the commit a response was answered from. */
export const COMMIT_HEADER = 'strata-commit';

/**
 * Caching headers of a response from one version: a tag or commit never changes, so its responses
 * are immutable; a branch's must be revalidated. The strong ETag is the commit id and the
 * representation (`variant`), as the same URL may be negotiated to other media types.
 * Returns true when the client's copy is current (If-None-Match), and the caller answers 304.
 */
export function versionHeaders(
  request: FastifyRequest,
  reply: FastifyReply,
  version: { commit: string; kind: 'branch' | 'tag' | 'commit' },
  variant: string,
): boolean {
  const etag = `"${version.commit}.${variant}"`;
  void reply.header(COMMIT_HEADER, version.commit);
  void reply.header('etag', etag);
  void reply.header('vary', 'Accept');
  void reply.header('cache-control', version.kind === 'branch' ? 'no-cache' : 'public, max-age=31536000, immutable');
  return matchesIfNoneMatch(request.headers['if-none-match'], etag);
}

/** If-None-Match per RFC 9110 13.1.2: `*`, or a list of entity tags compared weakly. */
function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
