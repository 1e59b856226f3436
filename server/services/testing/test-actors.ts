import { authenticate, createToken, createUser, OPERATOR, type Actor } from '../access/index.js';
import type { VersioningDeps } from '../versioning/versioning-deps.js';

/** A new user signed in with an admin-scoped token of their own (their role on a dataset is a grant's). */
export async function signedInUser(deps: VersioningDeps, login: string): Promise<Actor> {
  await createUser(deps, OPERATOR, { login, email: `${login}@example.org` });
  const { token } = await createToken(deps, OPERATOR, { login, name: 'test', scope: 'admin' });
  return authenticate(deps, { kind: 'token', token });
}

/** `ok` if the promise resolves, else the code of the StrataError it rejects with. */
export function errorCode(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => 'ok',
    (error: { code?: string }) => error.code,
  );
}
