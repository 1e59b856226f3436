'use client';

// "Comment on this image": a comment in an open proposal or issue, anchored to the image the
// viewer shows (its commit, study, series, instance and frame), so the conversation links back
// to exactly this slice. The open threads are asked for when the form is first opened, never on
// the way to the first image.
import Link from 'next/link';
import { useId, useState, type FormEvent } from 'react';
import { graphql } from '../../gql';
import { field, mutate } from '../mutate';
import { paths } from '../paths';

const OpenThreadsQuery = graphql(`
  query OpenThreads($owner: String!, $name: String!) {
    dataset(owner: $owner, name: $name) {
      proposals(states: [OPEN], first: 50) {
        nodes {
          number
          title
        }
      }
      issues(states: [OPEN], first: 50) {
        nodes {
          number
          title
        }
      }
    }
  }
`);

const AddAnchoredCommentMutation = graphql(`
  mutation AddAnchoredComment($dataset: String!, $number: Int!, $body: String!, $anchor: AnchorInput!) {
    addComment(dataset: $dataset, number: $number, body: $body, anchor: $anchor) {
      id
    }
  }
`);

interface Thread {
  kind: 'proposal' | 'issue';
  number: number;
  title: string;
}

export interface ImageCommentProps {
  owner: string;
  name: string;
  /** The commit the viewer's ref resolved to: the anchor stays on it however the ref moves. */
  commitId: string;
  study: string;
  series: string;
  /** The image shown now; undefined before the first one. */
  image: { sopInstanceUid: string; frame: number } | undefined;
}

export function ImageComment({ owner, name, commitId, study, series, image }: ImageCommentProps) {
  const id = useId();
  const dataset = `${owner}/${name}`;
  const [threads, setThreads] = useState<Thread[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ thread: Thread; commentId: string } | undefined>();

  const load = async () => {
    if (threads !== undefined) return;
    // A query, sent the same way as the mutations (POST /graphql with the session cookie).
    const outcome = await mutate(OpenThreadsQuery, { owner, name });
    if (!outcome.ok) {
      setError(outcome.message);
      return;
    }
    const { proposals, issues } = outcome.data.dataset;
    setThreads([
      ...proposals.nodes.map((one) => ({ kind: 'proposal' as const, number: one.number, title: one.title })),
      ...issues.nodes.map((one) => ({ kind: 'issue' as const, number: one.number, title: one.title })),
    ]);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (image === undefined || threads === undefined) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    const thread = threads.find((one) => `${one.kind}:${one.number}` === field(data, 'thread'));
    const body = field(data, 'body').trim();
    if (thread === undefined || body === '') {
      setError('Choose a proposal or issue, and write something.');
      return;
    }
    setBusy(true);
    setError(undefined);
    const outcome = await mutate(AddAnchoredCommentMutation, {
      dataset,
      number: thread.number,
      body,
      anchor: {
        commitId,
        studyInstanceUid: study,
        seriesInstanceUid: series,
        sopInstanceUid: image.sopInstanceUid,
        frame: image.frame,
      },
    });
    setBusy(false);
    if (!outcome.ok) {
      setError(outcome.message);
      return;
    }
    form.reset();
    setDone({ thread, commentId: outcome.data.addComment.id });
  };

  const threadLink = (thread: Thread, commentId: string) =>
    `${thread.kind === 'proposal' ? paths.proposal(owner, name, thread.number) : paths.issue(owner, name, thread.number)}#comment-${commentId}`;

  return (
    <details onToggle={(event) => event.currentTarget.open && void load()}>
      <summary>Comment on this image</summary>
      <div className="stack">
        <p className="muted">
          {image === undefined
            ? 'No image is shown yet.'
            : `On instance ${image.sopInstanceUid}, frame ${image.frame}, at commit ${commitId.slice(0, 12)}.`}
        </p>
        {threads !== undefined && threads.length === 0 && (
          <p>
            No proposal or issue is open in {dataset}.{' '}
            <Link prefetch={false} href={paths.newIssue(owner, name)}>
              Open an issue
            </Link>{' '}
            first.
          </p>
        )}
        {threads !== undefined && threads.length > 0 && (
          <form className="stack" aria-label="Comment on this image" onSubmit={(event) => void submit(event)}>
            <div>
              <label htmlFor={`${id}-thread`}>In</label>
              <select id={`${id}-thread`} name="thread" required>
                {threads.map((thread) => (
                  <option key={`${thread.kind}:${thread.number}`} value={`${thread.kind}:${thread.number}`}>
                    {thread.kind === 'proposal' ? 'Proposal' : 'Issue'} #{thread.number}: {thread.title}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor={`${id}-body`}>Comment on the image</label>
              <textarea id={`${id}-body`} name="body" rows={3} />
            </div>
            <button type="submit" disabled={busy || image === undefined}>
              {busy ? 'Commenting…' : 'Comment'}
            </button>
          </form>
        )}
        {done !== undefined && (
          <p role="status">
            Commented in{' '}
            <Link prefetch={false} href={threadLink(done.thread, done.commentId)}>
              {done.thread.kind} #{done.thread.number}
            </Link>
            .
          </p>
        )}
        {error !== undefined && (
          <p role="alert" className="notice">
            {error}
          </p>
        )}
      </div>
    </details>
  );
}
