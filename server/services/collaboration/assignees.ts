import type { AccountRecord, ThreadRecord } from '@strata/models';
import { StrataError } from '@strata/modules/errors';
import type { Actor } from '../access/actor.js';
import { openDataset } from '../access/require-access.js';
import { roleOf } from '../access/role-of.js';
import { recordEvent } from '../audit/audit.js';
import type { VersioningDeps } from '../versioning/versioning-deps.js';
import { findThread } from './thread-access.js';

/** Most assignees of one thread, as on GitHub: past that nobody is really responsible. */
export const MAX_ASSIGNEES = 10;

/**
 * Assigns a user to thread `#number`, or unassigns them (write role). An assignee must be able
 * to read the dataset (`assignee.cannot_read`): assigning work someone cannot see helps no one.
 */
export async function setAssignee(
  deps: VersioningDeps,
  actor: Actor,
  fullName: string,
  number: number,
  login: string,
  assigned: boolean,
): Promise<ThreadRecord> {
  const dataset = await openDataset(deps, actor, fullName, 'write');
  const user = await userByLogin(deps, login);
  if (user === null) {
    throw new StrataError('account.not_found', 'not_found', `No user ${login}.`, { details: { login } });
  }
  if (assigned) {
    const asThem: Actor = { kind: 'user', userId: user.id, login: user.login, siteAdmin: user.siteAdmin };
    if (user.disabledAt !== null || (await roleOf(deps, asThem, dataset)) === undefined) {
      throw new StrataError('assignee.cannot_read', 'invalid', `${user.login} cannot read ${fullName}.`, {
        details: { login: user.login },
      });
    }
  }
  return deps.database.transaction(async (repositories) => {
    const thread = await findThread(repositories, dataset, number, undefined, true);
    const changed = assigned
      ? await repositories.assignees.add(thread.id, user.id)
      : await repositories.assignees.remove(thread.id, user.id);
    if (!changed) return thread;
    if (assigned && (await repositories.assignees.count(thread.id)) > MAX_ASSIGNEES) {
      throw new StrataError('assignee.too_many', 'invalid', `A thread has at most ${MAX_ASSIGNEES} assignees.`, {
        details: { max: MAX_ASSIGNEES },
      });
    }
    await repositories.threads.touch(thread.id, deps.now());
    await recordEvent(repositories, deps, actor, assigned ? 'thread.assigned' : 'thread.unassigned', {
      datasetId: dataset.id,
      subject: `${fullName}#${number}`,
      data: { login: user.login },
    });
    return thread;
  });
}

/** The user with this login, or null (an organization is no assignee). */
export async function userByLogin(deps: VersioningDeps, login: string): Promise<AccountRecord | null> {
  const account = await deps.database.read().accounts.findByLogin(login);
  return account === undefined || account.kind !== 'user' ? null : account;
}

/** The assignees' account ids of each thread id, in the order asked (for a DataLoader). */
export async function assigneeIdsOfThreads(deps: VersioningDeps, threadIds: readonly string[]): Promise<string[][]> {
  const rows = await deps.database.read().assignees.ofThreads(threadIds);
  return threadIds.map((id) => rows.filter((row) => row.threadId === id).map((row) => row.accountId));
}
