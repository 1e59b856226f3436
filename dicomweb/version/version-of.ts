import type { FastifyRequest } from 'fastify';

/** Which dataset and ref a DICOMweb request addresses. */
export interface VersionAddress {
  dataset: string;
  /** A branch, a tag or a (possibly abbreviated) commit id; undefined: the dataset's default branch. */
  ref: string | undefined;
  /** The base URL of this version as the client reached it, for RetrieveURL and BulkDataURI. */
  base: string;
}

/** The route prefix of a version's endpoints; `{ref}` arrives URL-decoded (`feature%2Fct` is `feature/ct`). */
export const VERSION_PREFIX = '/dicomweb/:owner/:dataset/@:ref';

/**
 * Where a request goes: from the path (`/dicomweb/{owner}/{dataset}/@{ref}/…`), or the configured
 * alias dataset at its default branch for the bare `/dicomweb/…`.
 */
export function versionOf(request: FastifyRequest, alias: string | undefined): VersionAddress {
  const params = request.params as { owner?: string; dataset?: string; ref?: string };
  const origin = originOf(request);
  if (params.owner !== undefined && params.dataset !== undefined && params.ref !== undefined) {
    const path = [params.owner, params.dataset].map(encodeURIComponent).join('/');
    return {
      dataset: `${params.owner}/${params.dataset}`,
      ref: params.ref,
      base: `${origin}/dicomweb/${path}/@${encodeURIComponent(params.ref)}`,
    };
  }
  return { dataset: alias ?? '', ref: undefined, base: `${origin}/dicomweb` };
}

/**
 * The scheme and authority the client used, honouring a proxy's X-Forwarded-Proto and
 * X-Forwarded-Host (first value): URLs in responses must work from where the client stands.
 */
function originOf(request: FastifyRequest): string {
  const first = (name: string) => {
    const value = request.headers[name];
    return (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim();
  };
  const proto = first('x-forwarded-proto') ?? request.protocol;
  const host = first('x-forwarded-host') ?? request.host;
  return `${proto === 'https' ? 'https' : 'http'}://${host}`;
}
