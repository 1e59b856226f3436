// Requests the browser suites make to set up a running `strata serve` before they drive the pages:
// STOW-RS into a ref and a GraphQL operation, both as a bearer token. Each throws with the
// server's answer when it is not the expected success, so a failed setup names its cause.

/** Where a suite's server listens and the bearer token its setup acts with. */
export interface ServerAccess {
  url: string;
  token: string;
}

/** The multipart/related body of a STOW-RS request carrying `files`, with boundary `b`. */
function stowBody(files: readonly Buffer[]): Buffer {
  return Buffer.concat([
    ...files.flatMap((file) => [
      Buffer.from('--b\r\nContent-Type: application/dicom\r\n\r\n'),
      file,
      Buffer.from('\r\n'),
    ]),
    Buffer.from('--b--\r\n'),
  ]);
}

/** One STOW-RS request (one commit) of `files` into `dataset` ("owner/name") at `ref`; every instance must store. */
export async function stowInto(
  server: ServerAccess,
  dataset: string,
  ref: string,
  files: readonly Buffer[],
): Promise<void> {
  const response = await fetch(`${server.url}/dicomweb/${dataset}/@${encodeURIComponent(ref)}/studies`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${server.token}`,
      'content-type': 'multipart/related; type="application/dicom"; boundary=b',
      accept: 'application/dicom+json',
    },
    body: stowBody(files),
  });
  if (response.status !== 200) {
    throw new Error(`STOW-RS into ${dataset}@${ref}: ${response.status} ${await response.text()}`);
  }
}

/** A GraphQL operation as the token's user; its data, or an error naming what the server answered. */
export async function graphqlAs<T>(
  server: ServerAccess,
  query: string,
  variables?: Record<string, unknown>,
): Promise<T> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query, ...(variables && { variables }) }),
  });
  const text = await response.text();
  const body = JSON.parse(text) as { data?: T; errors?: unknown };
  if (response.status !== 200 || body.errors !== undefined || body.data === undefined) {
    throw new Error(`GraphQL ${query.slice(0, 80)}: ${response.status} ${text}`);
  }
  return body.data;
}
