import type { ThreadRecord, ThreadState } from '@strata/models';
import type { Actor } from '../access/actor.js';
import { openDatasetWithRole } from '../access/require-access.js';
import { recordEvent } from '../audit/audit.js';
import type { VersioningDeps } from '../versioning/versioning-deps.js';
import { findLabel } from './labels.js';
import { userByLogin } from './assignees.js';
import { pageOf, readNumberCursor, type Page } from './page-cursor.js';
import { checkBody, checkTitle } from './text-limits.js';
import { authorIdOf, findThread, openThread, requireModerate, requireSignedIn } from './thread-access.js';

/** Opens an issue: anyone signed in who can read the dataset. */
export async function openIssue(
  deps: VersioningDeps,
  actor: Actor,
  fullName: string,
  issue: { title: string; body?: string },
): Promise<ThreadRecord> {
  requireSignedIn(actor);
  const title = checkTitle(issue.title);
  const body = checkBody(issue.body ?? '');
  const { dataset } = await openDatasetWithRole(deps, actor, fullName, 'read');
  return deps.database.transaction(async (repositories) => {
    const thread = await repositories.threads.create(
      { datasetId: dataset.id, kind: 'issue', title, body, authorId: authorIdOf(actor) },
      deps.now(),
    );
    await recordEvent(repositories, deps, actor, 'issue.opened', {
      datasetId: dataset.id,
      subject: `${fullName}#${thread.number}`,
      data: { title },
    });
    return thread;
  });
}

/** Edits an issue's title and/or body: its author, or the write role. */
export async function editIssue(
  deps: VersioningDeps,
  actor: Actor,
  fullName: string,
  number: number,
  changes: { title?: string; body?: string },
): Promise<ThreadRecord> {
  requireSignedIn(actor);
  const title = changes.title === undefined ? undefined : checkTitle(changes.title);
  const body = changes.body === undefined ? undefined : checkBody(changes.body);
  const { dataset, role } = await openDatasetWithRole(deps, actor, fullName, 'read');
  return deps.database.transaction(async (repositories) => {
    const thread = await findThread(repositories, dataset, number, 'issue', true);
    requireModerate(actor, role, thread.authorId, dataset);
    const at = deps.now();
    await repositories.threads.edit(thread.id, { title, body }, at);
    await recordEvent(repositories, deps, actor, 'issue.edited', {
      datasetId: dataset.id,
      subject: `${fullName}#${number}`,
      data: { title: title !== undefined, body: body !== undefined },
    });
    return { ...thread, title: title ?? thread.title, body: body ?? thread.body, updatedAt: at };
  });
}

/** Closes or reopens an issue: its author, or the write role. Setting the state it has is a no-op. */
export async function setIssueState(
  deps: VersioningDeps,
  actor: Actor,
  fullName: string,
  number: number,
  state: 'open' | 'closed',
): Promise<ThreadRecord> {
  requireSignedIn(actor);
  const { dataset, role } = await openDatasetWithRole(deps, actor, fullName, 'read');
  return deps.database.transaction(async (repositories) => {
    const thread = await findThread(repositories, dataset, number, 'issue', true);
    requireModerate(actor, role, thread.authorId, dataset);
    if (thread.state === state) return thread;
    const at = deps.now();
    await repositories.threads.setState(thread.id, state, at);
    await recordEvent(repositories, deps, actor, state === 'closed' ? 'issue.closed' : 'issue.reopened', {
      datasetId: dataset.id,
      subject: `${fullName}#${number}`,
    });
    return { ...thread, state, updatedAt: at, closedAt: state === 'closed' ? at : null };
  });
}

/** The issue `#number` (anyone who can read the dataset). */
export async function getIssue(
  deps: VersioningDeps,
  actor: Actor,
  fullName: string,
  number: number,
): Promise<ThreadRecord> {
  return (await openThread(deps, actor, fullName, number, 'issue')).thread;
}

export interface IssueFilter {
  states?: readonly ThreadState[];
  /** A label's name (any case). */
  label?: string;
  /** An assignee's login. */
  assignee?: string;
}

/** A page of issues, newest first; an unknown label or assignee matches nothing. */
export async function listIssues(
  deps: VersioningDeps,
  actor: Actor,
  fullName: string,
  filter: IssueFilter,
  page: { first: number; after?: string },
): Promise<Page<ThreadRecord>> {
  const before = readNumberCursor(page.after);
  const { dataset } = await openDatasetWithRole(deps, actor, fullName, 'read');
  const read = deps.database.read();
  const label = filter.label === undefined ? undefined : await findLabel(read, dataset, filter.label, false);
  const assignee = filter.assignee === undefined ? undefined : await userByLogin(deps, filter.assignee);
  if (label === null || assignee === null) return { items: [], next: undefined };
  const rows = await read.threads.list(dataset.id, 'issue', {
    states: filter.states,
    labelId: label?.id,
    assigneeId: assignee?.id,
    before,
    limit: page.first + 1,
  });
  return pageOf(rows, page.first, (thread) => String(thread.number));
}
