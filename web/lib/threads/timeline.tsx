import Link from 'next/link';
import type { ReactNode } from 'react';
import { graphql } from '../../gql';
import type { CommentFieldsFragment } from '../../gql/graphql';
import { when } from '../page-access';
import { paths } from '../paths';
import { CommentActions } from './comment-actions';

export const CommentFields = graphql(`
  fragment CommentFields on Comment {
    id
    body
    createdAt
    updatedAt
    deleted
    author {
      login
    }
    anchor {
      commitId
      studyInstanceUid
      seriesInstanceUid
      sopInstanceUid
      frame
    }
  }
`);

/** One entry of a conversation: a comment, a review, or something that happened to the thread. */
export interface TimelineEntry {
  key: string;
  at: string;
  who: string | undefined;
  /** What they did, in a few words: "commented", "approved these changes". */
  did: string;
  body?: string;
  detail?: ReactNode;
  /** Controls for the signed-in person (edit, delete, dismiss), below the body. */
  actions?: ReactNode;
}

/** Who is looking, for the controls a comment offers them. */
export interface CommentRights {
  /** owner/name */
  dataset: string;
  /** The signed-in person's login (null when signed out). */
  viewer: string | null | undefined;
  /** A dataset admin: deletes anyone's comments. */
  admin: boolean;
}

/**
 * A comment as a timeline entry; an anchored one links to the image it is about, at its commit.
 * Its author may edit and delete it, a dataset admin delete it.
 */
export function commentEntry(
  owner: string,
  name: string,
  comment: CommentFieldsFragment,
  rights: CommentRights,
): TimelineEntry {
  const anchor = comment.anchor;
  const own = rights.viewer !== null && rights.viewer !== undefined && rights.viewer === comment.author?.login;
  const canDelete = !comment.deleted && (own || rights.admin);
  return {
    key: `comment:${comment.id}`,
    at: comment.createdAt,
    who: comment.author?.login,
    did: comment.deleted
      ? 'commented (deleted)'
      : comment.updatedAt !== comment.createdAt
        ? 'commented (edited)'
        : 'commented',
    ...(!comment.deleted && { body: comment.body }),
    ...(canDelete && {
      actions: <CommentActions dataset={rights.dataset} id={comment.id} body={comment.body} canEdit={own} canDelete />,
    }),
    ...(anchor !== null &&
      anchor !== undefined && {
        detail: (
          <p className="muted">
            on{' '}
            <Link
              href={
                anchor.seriesInstanceUid === null || anchor.seriesInstanceUid === undefined
                  ? paths.study(owner, name, anchor.studyInstanceUid, anchor.commitId)
                  : paths.series(owner, name, anchor.studyInstanceUid, anchor.seriesInstanceUid, anchor.commitId, {
                      instance: anchor.sopInstanceUid,
                      frame: anchor.frame,
                    })
              }
            >
              {anchor.sopInstanceUid !== null && anchor.sopInstanceUid !== undefined
                ? `instance ${anchor.sopInstanceUid}${anchor.frame === null || anchor.frame === undefined ? '' : `, frame ${anchor.frame}`}`
                : anchor.seriesInstanceUid !== null && anchor.seriesInstanceUid !== undefined
                  ? `series ${anchor.seriesInstanceUid}`
                  : `study ${anchor.studyInstanceUid}`}
            </Link>{' '}
            at commit <code>{anchor.commitId.slice(0, 12)}</code>
          </p>
        ),
      }),
  };
}

/** The conversation, oldest first; bodies are plain text (React escapes them), line breaks kept. */
export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  const sorted = [...entries].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <ol className="timeline" aria-label="Conversation">
      {sorted.map((entry) => (
        // Each entry is a deep link target: `#comment-{id}`, `#review-{id}`.
        <li key={entry.key} id={entry.key.replace(':', '-')}>
          <header>
            <strong>{entry.who ?? 'a deleted account'}</strong> {entry.did},{' '}
            <a href={`#${entry.key.replace(':', '-')}`} title="A link to this entry">
              {when(entry.at)}
            </a>
          </header>
          {entry.detail}
          {entry.body !== undefined && entry.body !== '' && <p className="body">{entry.body}</p>}
          {entry.actions}
        </li>
      ))}
    </ol>
  );
}
