import type { CommentRecord, DatasetRecord, VersioningRepositories } from '@strata/models';
import { isUuid, StrataError } from '@strata/modules/errors';
import type { Actor } from '../access/actor.js';
import { openDatasetWithRole } from '../access/require-access.js';
import { recordEvent } from '../audit/audit.js';
import type { VersioningDeps } from '../versioning/versioning-deps.js';
import { checkAnchor, type AnchorRequest } from './anchors.js';
import { pageOf, readTimeCursor, timeCursor, type Page } from './page-cursor.js';
import { checkBody } from './text-limits.js';
import { authorIdOf, findThread, openThread, requireModerate, requireSignedIn } from './thread-access.js';

/** Comments on thread `#number` (issue or proposal), anyone signed in who can read the dataset. */
export async function addComment(
  deps: VersioningDeps,
  actor: Actor,
  fullName: string,
  number: number,
  comment: { body: string; anchor?: AnchorRequest },
): Promise<CommentRecord> {
  requireSignedIn(actor);
  const body = checkBody(comment.body, true);
  const { dataset } = await openDatasetWithRole(deps, actor, fullName, 'read');
  const anchor = comment.anchor === undefined ? null : await checkAnchor(deps, dataset, comment.anchor);
  return deps.database.transaction(async (repositories) => {
    const thread = await findThread(repositories, dataset, number);
    const at = deps.now();
    const created = await repositories.comments.create(
      { datasetId: dataset.id, threadId: thread.id, authorId: authorIdOf(actor), body, anchor },
      at,
    );
    await repositories.threads.touch(thread.id, at);
    await recordEvent(repositories, deps, actor, 'comment.added', {
      datasetId: dataset.id,
      subject: `${fullName}#${number}`,
      data: {
        comment: created.id,
        ...(anchor === null ? {} : { anchor: { commit: anchor.commit, study: anchor.study } }),
      },
    });
    return created;
  });
}

/** Edits a comment's body: its author only (a moderator deletes, never puts words in someone's mouth). */
export async function editComment(
  deps: VersioningDeps,
  actor: Actor,
  fullName: string,
  commentId: string,
  body: string,
): Promise<CommentRecord> {
  requireSignedIn(actor);
  const text = checkBody(body, true);
  const { dataset } = await openDatasetWithRole(deps, actor, fullName, 'read');
  return deps.database.transaction(async (repositories) => {
    const comment = await findComment(repositories, dataset, commentId);
    if (actor.kind !== 'user' || comment.authorId !== actor.userId) {
      throw new StrataError('comment.not_author', 'forbidden', 'Only its author edits a comment.');
    }
    const at = deps.now();
    await repositories.comments.edit(comment.id, text, at);
    await recordEvent(repositories, deps, actor, 'comment.edited', {
      datasetId: dataset.id,
      subject: fullName,
      data: { comment: comment.id },
    });
    return { ...comment, body: text, updatedAt: at };
  });
}

/**
 * Deletes a comment: its author or a dataset admin. It stays as a tombstone (no body, `deletedAt`
 * set), so replies keep their context and the audit event names a row that exists.
 */
export async function deleteComment(
  deps: VersioningDeps,
  actor: Actor,
  fullName: string,
  commentId: string,
): Promise<CommentRecord> {
  requireSignedIn(actor);
  const { dataset, role } = await openDatasetWithRole(deps, actor, fullName, 'read');
  return deps.database.transaction(async (repositories) => {
    const comment = await findComment(repositories, dataset, commentId);
    requireModerate(actor, role, comment.authorId, dataset, 'admin');
    const at = deps.now();
    await repositories.comments.tombstone(comment.id, at);
    await recordEvent(repositories, deps, actor, 'comment.deleted', {
      datasetId: dataset.id,
      subject: fullName,
      data: { comment: comment.id },
    });
    return { ...comment, body: '', updatedAt: at, deletedAt: at };
  });
}

/** A page of thread `#number`'s comments, oldest first (tombstones included, in place). */
export async function listComments(
  deps: VersioningDeps,
  actor: Actor,
  fullName: string,
  number: number,
  page: { first: number; after?: string },
): Promise<Page<CommentRecord>> {
  const after = readTimeCursor(page.after);
  const { thread } = await openThread(deps, actor, fullName, number);
  return commentsOfThread(deps, thread.id, { first: page.first, after });
}

/** A page of a thread's comments by thread id (for a resolver that has the thread already). */
export async function commentsOfThread(
  deps: VersioningDeps,
  threadId: string,
  page: { first: number; after?: { createdAt: Date; id: string } | string },
): Promise<Page<CommentRecord>> {
  const after = typeof page.after === 'string' ? readTimeCursor(page.after) : page.after;
  const rows = await deps.database.read().comments.page(threadId, after, page.first + 1);
  return pageOf(rows, page.first, (comment) => timeCursor(comment.createdAt, comment.id));
}

/**
 * The live comments anchored to a study, or one of its series, or one instance, in a dataset, at
 * any commit, oldest first: what a viewer shows beside the images.
 */
export async function anchoredComments(
  deps: VersioningDeps,
  actor: Actor,
  fullName: string,
  at: { study: string; series?: string; instance?: string },
  page: { first: number; after?: string },
): Promise<Page<CommentRecord>> {
  const after = readTimeCursor(page.after);
  const { dataset } = await openDatasetWithRole(deps, actor, fullName, 'read');
  const rows = await deps.database.read().comments.anchored(dataset.id, at, after, page.first + 1);
  return pageOf(rows, page.first, (comment) => timeCursor(comment.createdAt, comment.id));
}

/** Comments not deleted, per thread id (for a DataLoader). */
export async function commentCounts(deps: VersioningDeps, threadIds: readonly string[]): Promise<number[]> {
  const counts = await deps.database.read().comments.counts(threadIds);
  return threadIds.map((id) => counts.get(id) ?? 0);
}

async function findComment(
  repositories: VersioningRepositories,
  dataset: DatasetRecord,
  id: string,
): Promise<CommentRecord> {
  const comment = isUuid(id) ? await repositories.comments.get(id, true) : undefined;
  if (comment === undefined || comment.datasetId !== dataset.id || comment.deletedAt !== null) {
    throw new StrataError('comment.not_found', 'not_found', `No comment ${id} in ${dataset.owner}/${dataset.name}.`, {
      details: { id },
    });
  }
  return comment;
}
