import type { Author, VersioningDeps } from '../versioning/versioning-deps.js';
import type { Actor } from './actor.js';

/**
 * Who a commit made for an actor is by: a signed-in user by their display name (or login) and
 * email, as authentication read them (else read now); anyone else (the operator, a process
 * without a user) by the configured `fallback`.
 */
export async function authorOf(deps: VersioningDeps, actor: Actor, fallback: Author): Promise<Author> {
  if (actor.kind !== 'user') return fallback;
  const account = actor.profile ?? (await deps.database.read().accounts.findById(actor.userId));
  return { name: account?.displayName ?? actor.login, email: account?.email ?? fallback.email };
}
