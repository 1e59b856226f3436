import type { FastifyRequest } from 'fastify';

/** The value of the cookie `name` in a `Cookie` header, if it has one. */
export function cookieIn(header: string | undefined, name: string): string | undefined {
  for (const pair of header?.split(';') ?? []) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) {
      const value = pair.slice(at + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return value; // malformed escapes: matches no secret, so the request is refused as such
      }
    }
  }
  return undefined;
}

/**
 * A `Set-Cookie` value for a secret: HttpOnly, SameSite=Lax (sent on top-level navigations from
 * another site, such as the OpenID provider's redirect back, never on its subrequests), and
 * Secure when the request came over https (directly or per X-Forwarded-Proto). An expiry in the
 * past deletes the cookie.
 */
export function secretCookie(request: FastifyRequest, name: string, value: string, expires: Date, path = '/'): string {
  const forwarded = request.headers['x-forwarded-proto'];
  const https =
    request.protocol === 'https' || (typeof forwarded === 'string' && forwarded.split(',')[0]?.trim() === 'https');
  return [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${path}`,
    'HttpOnly',
    'SameSite=Lax',
    `Expires=${expires.toUTCString()}`,
    ...(https ? ['Secure'] : []),
  ].join('; ');
}
