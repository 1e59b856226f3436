import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { graphql } from '../../../../../gql';
import { attempt, isNotFound, query } from '../../../../../lib/api';
import { DatasetNav } from '../../../../../lib/components/dataset-nav';
import { ErrorNotice } from '../../../../../lib/components/error-notice';
import { LiveRefresh } from '../../../../../lib/live/live-refresh';
import { leaveUnlessReadable, when } from '../../../../../lib/page-access';
import { paths, refOf } from '../../../../../lib/paths';
import { CommentForm } from '../../../../../lib/threads/comment-form';
import { StateBadge } from '../../../../../lib/threads/state-badge';
import { ThreadStateButton } from '../../../../../lib/threads/thread-state-button';
import { ThreadMetaForm } from '../../../../../lib/threads/thread-meta-form';
import { commentEntry, Timeline } from '../../../../../lib/threads/timeline';

interface Props {
  params: Promise<{ owner: string; name: string; number: string }>;
}

const IssueDetailQuery = graphql(`
  query IssueDetail($owner: String!, $name: String!, $number: Int!) {
    viewer {
      signedIn
      login
    }
    dataset(owner: $owner, name: $name) {
      fullName
      viewerRole
      labels {
        name
        description
      }
      issue(number: $number) {
        number
        title
        body
        state
        createdAt
        closedAt
        author {
          login
        }
        assignees {
          login
        }
        labels {
          name
        }
        comments(first: 100) {
          nodes {
            ...CommentFields
          }
          pageInfo {
            hasNextPage
          }
        }
      }
    }
  }
`);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { owner, name, number } = await params;
  return { title: `Issue #${refOf([number])} · ${refOf([owner])}/${refOf([name])}` };
}

/** `/{owner}/{name}/issues/{number}`: an issue and its comments; labels and assignees for writers. */
export default async function IssuePage({ params }: Props) {
  const { owner: rawOwner, name: rawName, number: rawNumber } = await params;
  const [owner, name] = [refOf([rawOwner]), refOf([rawName])];
  const number = /^[1-9][0-9]{0,8}$/.test(rawNumber) ? Number(rawNumber) : undefined;
  const nav = <DatasetNav owner={owner} name={name} current="issues" />;
  // An unknown number is a 404 page that says so (not-found.tsx beside this page).
  if (number === undefined) notFound();
  const result = await attempt(query(IssueDetailQuery, { owner, name, number }));
  leaveUnlessReadable(result, paths.issue(owner, name, number));
  if (isNotFound(result)) notFound();
  if (result instanceof Error) {
    return (
      <>
        {nav}
        <ErrorNotice title={`Issue #${number} could not be shown`} error={result} />
      </>
    );
  }

  const { viewer, dataset } = result;
  const issue = dataset.issue;
  const writer = dataset.viewerRole !== 'READ';
  const isAuthor = viewer.login !== null && viewer.login === issue.author?.login;
  return (
    <article className="stack">
      <p>
        <Link href={paths.dataset(owner, name)}>{dataset.fullName}</Link>
      </p>
      {nav}
      <LiveRefresh
        dataset={dataset.fullName}
        actions={['issue.', 'thread.', 'comment.', 'label.']}
        subjects={[`${dataset.fullName}#${issue.number}`]}
      />
      <header className="stack">
        <h1>
          {issue.title} <span className="muted">#{issue.number}</span>
        </h1>
        <p>
          <StateBadge state={issue.state} /> opened by <strong>{issue.author?.login ?? 'a deleted account'}</strong>,{' '}
          {when(issue.createdAt)}
          {issue.closedAt !== null && issue.closedAt !== undefined && <> · closed {when(issue.closedAt)}</>}
        </p>
        <p>
          Labels:{' '}
          {issue.labels.length === 0
            ? 'none'
            : issue.labels.map((label) => (
                <Link
                  key={label.name}
                  href={paths.issues(owner, name, { state: 'all', label: label.name })}
                  className="label-chip"
                >
                  {label.name}
                </Link>
              ))}{' '}
          · Assignees: {issue.assignees.length === 0 ? 'none' : issue.assignees.map((one) => one.login).join(', ')}
        </p>
      </header>
      <section aria-labelledby="conversation-title" className="stack">
        <h2 id="conversation-title">Conversation</h2>
        <Timeline
          entries={[
            {
              key: 'opened',
              at: issue.createdAt,
              who: issue.author?.login,
              did: 'opened this issue',
              body: issue.body,
            },
            ...issue.comments.nodes.map((comment) =>
              commentEntry(owner, name, comment, {
                dataset: dataset.fullName,
                viewer: viewer.login,
                admin: dataset.viewerRole === 'ADMIN',
              }),
            ),
          ]}
        />
        {issue.comments.pageInfo.hasNextPage && <p className="muted">Only the first 100 comments are shown.</p>}
        {viewer.signedIn ? (
          <CommentForm dataset={dataset.fullName} number={issue.number} />
        ) : (
          <p>
            <Link href={paths.signIn(paths.issue(owner, name, issue.number))}>Sign in</Link> to comment.
          </p>
        )}
      </section>
      {writer && (
        <ThreadMetaForm
          dataset={dataset.fullName}
          number={issue.number}
          labels={dataset.labels.map((label) => label.name)}
          applied={issue.labels.map((label) => label.name)}
          assignees={issue.assignees.map((one) => one.login)}
        />
      )}
      {(writer || isAuthor) && (
        <ThreadStateButton
          dataset={dataset.fullName}
          number={issue.number}
          kind="issue"
          open={issue.state === 'OPEN'}
        />
      )}
    </article>
  );
}
