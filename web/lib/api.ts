import { cookies, headers } from 'next/headers';
import type { TypedDocumentString } from '../gql/graphql';

/** The header `strata serve` sets on every request it hands the web app: where its API answers. */
const API_ORIGIN_HEADER = 'x-strata-api';
const SESSION_COOKIE = 'strata_session';

/** An error the API answered, with its stable code (`dataset.not_found`, `auth.required`, …). */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Where this page's server reaches the API: the same process, on loopback. */
export async function apiOrigin(): Promise<string> {
  const origin = (await headers()).get(API_ORIGIN_HEADER);
  if (origin === null) {
    throw new ApiError('web.no_api', 'The web app is served by `strata serve`, which tells it where the API is.');
  }
  return origin;
}

/** The origin the browser sees, for URLs shown to people (a DICOMweb base URL to paste elsewhere). */
export async function publicOrigin(): Promise<string> {
  const incoming = await headers();
  const host = incoming.get('x-forwarded-host') ?? incoming.get('host') ?? 'localhost';
  const proto = incoming.get('x-forwarded-proto') ?? 'http';
  return `${proto.split(',')[0]?.trim() ?? 'http'}://${host.split(',')[0]?.trim() ?? host}`;
}

/**
 * A GET or POST to the API with the user's session. A stale session cookie (401) is retried
 * without it: the page then shows what anyone may see, and the header offers to sign in.
 */
export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const url = `${await apiOrigin()}${path}`;
  const session = (await cookies()).get(SESSION_COOKIE)?.value;
  const send = (cookie: string | undefined) =>
    fetch(url, {
      ...init,
      cache: 'no-store',
      headers: { ...(init.headers as Record<string, string>), ...(cookie !== undefined && { cookie }) },
    }).catch((error: unknown) => {
      throw new ApiError('web.api_unreachable', `The Strata API did not answer (${String(error)}).`);
    });
  const response = await send(session === undefined ? undefined : `${SESSION_COOKIE}=${session}`);
  return response.status === 401 && session !== undefined ? send(undefined) : response;
}

interface GraphqlBody<R> {
  data?: R | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Runs a typed GraphQL operation as the signed-in user; the first error is thrown as an ApiError. */
export async function query<R, V>(document: TypedDocumentString<R, V>, variables: V): Promise<R> {
  const response = await apiFetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query: document.toString(), variables }),
  });
  const body = (await response.json().catch(() => ({}))) as GraphqlBody<R> & {
    error?: { code: string; message: string };
  };
  const first = body.errors?.[0];
  if (first !== undefined) throw new ApiError(first.extensions?.code ?? 'graphql.error', first.message);
  if (body.error !== undefined) throw new ApiError(body.error.code, body.error.message);
  if (body.data === undefined || body.data === null) {
    throw new ApiError('graphql.no_data', `The API answered ${response.status} without data.`);
  }
  return body.data;
}

/** Whether an error means "there is nothing at this address" rather than a failure. */
export function isNotFound(error: unknown): error is ApiError {
  return error instanceof ApiError && error.code.endsWith('.not_found');
}

/** A promise's value, or the error it failed with: for pages that show a failure in place. */
export async function attempt<T>(promise: Promise<T>): Promise<T | Error> {
  return promise.catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
}
