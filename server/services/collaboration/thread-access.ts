import type { DatasetRecord, Role, ThreadKind, ThreadRecord, VersioningRepositories } from '@strata/models';
import { StrataError } from '@strata/modules/errors';
import { authRequired, forbidden } from '../access/access-errors.js';
import type { Actor } from '../access/actor.js';
import { roleRank } from '../access/decide-role.js';
import { openDatasetWithRole } from '../access/require-access.js';
import type { VersioningDeps } from '../versioning/versioning-deps.js';

/** A thread with its dataset and what the actor may do there. */
export interface OpenThread {
  dataset: DatasetRecord;
  role: Role;
  thread: ThreadRecord;
}

/**
 * Writing in a discussion needs a name to put on it: anonymous readers may only read. A token of
 * read scope only reads too: a pipeline pulling data with it must not be able to post in its
 * owner's name, even where the owner, signed in, could.
 */
export function requireSignedIn(actor: Actor): void {
  if (actor.kind === 'anonymous') throw authRequired();
  if (actor.kind === 'user' && actor.token?.scope === 'read') {
    throw new StrataError('auth.forbidden', 'forbidden', 'This token has read scope: it cannot write.', {
      details: { needed: 'write' },
    });
  }
}

/** The account a change is recorded under (none for the local operator). */
export function authorIdOf(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.userId : null;
}

/** Whether the actor wrote it, or holds the role that moderates the dataset's discussions. */
export function mayModerate(actor: Actor, role: Role, authorId: string | null, needed: Role = 'write'): boolean {
  if (actor.kind === 'user' && authorId !== null && actor.userId === authorId) return true;
  return roleRank(role) >= roleRank(needed);
}

export function requireModerate(
  actor: Actor,
  role: Role,
  authorId: string | null,
  dataset: DatasetRecord,
  needed: Role = 'write',
): void {
  if (!mayModerate(actor, role, authorId, needed)) {
    throw forbidden(needed, `${dataset.owner}/${dataset.name} (or be the author)`);
  }
}

export function threadNotFound(dataset: DatasetRecord, number: number, kind?: ThreadKind): StrataError {
  const what = kind === 'issue' ? 'issue' : kind === 'proposal' ? 'change proposal' : 'issue or change proposal';
  return new StrataError(
    'thread.not_found',
    'not_found',
    `No ${what} #${number} in ${dataset.owner}/${dataset.name}.`,
    {
      details: { number },
    },
  );
}

/** The thread `#number` of a dataset the actor can read (of `kind` when given). */
export async function openThread(
  deps: VersioningDeps,
  actor: Actor,
  fullName: string,
  number: number,
  kind?: ThreadKind,
): Promise<OpenThread> {
  const { dataset, role } = await openDatasetWithRole(deps, actor, fullName, 'read');
  const thread = await findThread(deps.database.read(), dataset, number, kind);
  return { dataset, role, thread };
}

/** The thread, locked for a change in `repositories`' transaction; `thread.not_found` if absent. */
export async function findThread(
  repositories: VersioningRepositories,
  dataset: DatasetRecord,
  number: number,
  kind?: ThreadKind,
  lock = false,
): Promise<ThreadRecord> {
  if (!Number.isSafeInteger(number) || number < 1) throw threadNotFound(dataset, number, kind);
  const thread = lock
    ? await repositories.threads.lock(dataset.id, number)
    : await repositories.threads.get(dataset.id, number);
  if (thread === undefined || (kind !== undefined && thread.kind !== kind)) throw threadNotFound(dataset, number, kind);
  return thread;
}
