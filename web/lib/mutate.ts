import type { TypedDocumentString } from '../gql/graphql';

/** What a mutation sent from the browser came back with: its data, or a refusal in words. */
export type Outcome<R> = { ok: true; data: R } | { ok: false; code: string; message: string };

/** Readable words for the refusals people meet on these pages; the API's own message follows. */
const EXPLAINED: Record<string, string> = {
  'proposal.head_moved':
    'The source branch moved while you were looking: reload to see the new changes, then try again.',
  'proposal.not_mergeable': 'This proposal cannot be merged yet.',
  'merge.conflict': 'The source and the target changed the same instances differently.',
  'auth.required': 'Sign in first.',
  'auth.forbidden': 'Your role on this dataset does not allow this.',
  'review.own_proposal': 'You cannot review your own proposal.',
};

/**
 * Sends a typed GraphQL mutation from a client component to this origin's /graphql with the
 * session cookie (JSON, which passes the API's CSRF check). Never throws: a lost connection or
 * a refusal comes back as `{ ok: false }` with a message to show.
 */
export async function mutate<R, V>(document: TypedDocumentString<R, V>, variables: V): Promise<Outcome<R>> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: document.toString(), variables }),
    });
  } catch {
    return {
      ok: false,
      code: 'web.offline',
      message: 'The server did not answer: check your connection and try again.',
    };
  }
  const body = (await response.json().catch(() => ({}))) as {
    data?: R | null;
    errors?: { message: string; extensions?: { code?: string } }[];
    error?: { code: string; message: string };
  };
  const refusal = body.errors?.[0];
  const code = refusal?.extensions?.code ?? body.error?.code ?? (refusal === undefined ? undefined : 'graphql.error');
  if (code !== undefined) {
    const message = refusal?.message ?? body.error?.message ?? '';
    const explained = EXPLAINED[code];
    return { ok: false, code, message: explained === undefined ? message : `${explained} ${message}` };
  }
  if (body.data === undefined || body.data === null) {
    return { ok: false, code: 'graphql.no_data', message: `The server answered ${response.status} without data.` };
  }
  return { ok: true, data: body.data };
}

/** A text field of a submitted form ('' when absent). */
export function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}
