import type { Role, TokenRecord } from '@strata/models';
import { StrataError } from '@strata/modules/errors';
import type { VersioningDeps } from '../versioning/versioning-deps.js';
import { authRequired } from './access-errors.js';
import { findUser } from './accounts.js';
import type { Actor } from './actor.js';
import { openDataset, requireSiteAdmin } from './require-access.js';
import { newToken, secretHash, TOKEN_DISPLAY_LENGTH } from './secrets.js';
import { recordEvent } from '../audit/audit.js';

export interface NewTokenRequest {
  /** Whose token: the actor's own when omitted. */
  login?: string;
  name: string;
  scope: Role;
  /** Restricts the token to one dataset, `owner/name`. */
  dataset?: string;
  expiresAt?: Date;
}

/** Creates an API token; the secret is returned here, once, and never stored. */
export async function createToken(
  deps: VersioningDeps,
  actor: Actor,
  request: NewTokenRequest,
): Promise<{ token: string; record: TokenRecord }> {
  const user = await tokenOwner(deps, actor, request.login);
  if (request.name.length === 0 || request.name.length > 100) {
    throw new StrataError('token.invalid_name', 'invalid', 'A token needs a name of 1–100 characters.');
  }
  const dataset = request.dataset === undefined ? undefined : await openDataset(deps, actor, request.dataset, 'read');
  const token = newToken();
  const record = await deps.database.transaction(async (repositories) => {
    const created = await repositories.credentials.createToken({
      userId: user,
      name: request.name,
      hash: secretHash(token),
      prefix: token.slice(0, TOKEN_DISPLAY_LENGTH),
      scope: request.scope,
      ...(dataset !== undefined && { datasetId: dataset.id }),
      ...(request.expiresAt !== undefined && { expiresAt: request.expiresAt }),
    });
    // Never the secret: the prefix it is displayed by, and what it allows.
    await recordEvent(repositories, deps, actor, 'token.created', {
      ...(dataset !== undefined && { datasetId: dataset.id }),
      subject: `token:${created.prefix}`,
      data: { owner: user, name: request.name, scope: request.scope, expiresAt: request.expiresAt ?? null },
    });
    return created;
  });
  return { token, record };
}

export async function listTokens(deps: VersioningDeps, actor: Actor, login?: string): Promise<TokenRecord[]> {
  return deps.database.read().credentials.tokens(await tokenOwner(deps, actor, login));
}

/** Revokes a token by id or displayed prefix; `token.not_found` if the user has no such live token. */
export async function revokeToken(
  deps: VersioningDeps,
  actor: Actor,
  idOrPrefix: string,
  login?: string,
): Promise<void> {
  const user = await tokenOwner(deps, actor, login);
  const revoked = await deps.database.transaction(async (repositories) => {
    const done = await repositories.credentials.revokeToken(user, idOrPrefix, deps.now());
    if (done)
      await recordEvent(repositories, deps, actor, 'token.revoked', {
        subject: `token:${idOrPrefix}`,
        data: { owner: user },
      });
    return done;
  });
  if (!revoked) {
    throw new StrataError('token.not_found', 'not_found', `No live token ${idOrPrefix}.`, {
      details: { token: idOrPrefix },
    });
  }
}

/** The user id whose tokens an actor manages: their own, or anyone's for a site admin. */
async function tokenOwner(deps: VersioningDeps, actor: Actor, login: string | undefined): Promise<string> {
  if (actor.kind === 'anonymous') throw authRequired();
  if (actor.kind === 'user' && (login === undefined || login.toLowerCase() === actor.login.toLowerCase())) {
    if (actor.token !== undefined && actor.token.scope !== 'admin') requireSiteAdmin(actor);
    return actor.userId;
  }
  requireSiteAdmin(actor);
  if (login === undefined) {
    throw new StrataError('token.no_user', 'invalid', 'Name the user whose tokens these are.');
  }
  return (await findUser(deps, login)).id;
}

/** A token as its owner sees it: never the secret, the dataset it is restricted to by name. */
export interface TokenView extends TokenRecord {
  dataset: string | null;
}

/** The actor's own tokens (live, expired and revoked), oldest first, with dataset names. */
export async function tokenViews(deps: VersioningDeps, actor: Actor): Promise<TokenView[]> {
  const tokens = await listTokens(deps, actor);
  const read = deps.database.read();
  const names = new Map<string, string>();
  for (const id of new Set(tokens.flatMap((token) => (token.datasetId === null ? [] : [token.datasetId])))) {
    const dataset = await read.datasets.findById(id);
    if (dataset !== undefined) names.set(id, `${dataset.owner}/${dataset.name}`);
  }
  return tokens.map((token) => ({
    ...token,
    dataset: token.datasetId === null ? null : (names.get(token.datasetId) ?? null),
  }));
}
