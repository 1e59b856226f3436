import type { Metadata } from 'next';
import Link from 'next/link';
import { graphql } from '../../../../gql';
import type { IssueState } from '../../../../gql/graphql';
import { attempt, query } from '../../../../lib/api';
import { DatasetNav } from '../../../../lib/components/dataset-nav';
import { ErrorNotice } from '../../../../lib/components/error-notice';
import { LiveRefresh } from '../../../../lib/live/live-refresh';
import { leaveUnlessReadable, single, when } from '../../../../lib/page-access';
import { paths, refOf } from '../../../../lib/paths';
import { StateBadge } from '../../../../lib/threads/state-badge';

interface Props {
  params: Promise<{ owner: string; name: string }>;
  searchParams: Promise<Record<'state' | 'label' | 'assignee' | 'after', string | string[] | undefined>>;
}

const IssuesQuery = graphql(`
  query Issues(
    $owner: String!
    $name: String!
    $states: [IssueState!]
    $label: String
    $assignee: String
    $after: String
  ) {
    viewer {
      signedIn
    }
    dataset(owner: $owner, name: $name) {
      fullName
      labels {
        name
      }
      issues(states: $states, label: $label, assignee: $assignee, first: 30, after: $after) {
        nodes {
          number
          title
          state
          createdAt
          commentCount
          author {
            login
          }
          assignees {
            login
          }
          labels {
            name
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

const STATES: Record<string, IssueState[] | null> = { open: ['OPEN'], closed: ['CLOSED'], all: null };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { owner, name } = await params;
  return { title: `Issues · ${refOf([owner])}/${refOf([name])}` };
}

/** `/{owner}/{name}/issues[?state=&label=&assignee=&after=]`: issues, newest first, filtered. */
export default async function IssuesPage({ params, searchParams }: Props) {
  const { owner: rawOwner, name: rawName } = await params;
  const [owner, name] = [refOf([rawOwner]), refOf([rawName])];
  const search = await searchParams;
  const requested = single(search.state) ?? 'open';
  const state = requested in STATES ? requested : 'open';
  const label = single(search.label);
  const assignee = single(search.assignee);
  const after = single(search.after);
  const result = await attempt(
    query(IssuesQuery, {
      owner,
      name,
      states: STATES[state] ?? null,
      label: label ?? null,
      assignee: assignee ?? null,
      after: after ?? null,
    }),
  );
  leaveUnlessReadable(result, paths.issues(owner, name, { state, label, assignee, after }));
  const here = paths.issues(owner, name);
  return (
    <article className="stack">
      <h1>
        <Link href={paths.dataset(owner, name)}>
          {owner}/{name}
        </Link>{' '}
        · Issues
      </h1>
      <DatasetNav owner={owner} name={name} current="issues" />
      <LiveRefresh dataset={`${owner}/${name}`} actions={['issue.', 'thread.', 'comment.']} />
      <form className="inline" method="get" action={here} role="search" aria-label="Filter the issues">
        <div>
          <label htmlFor="state">State</label>
          <select id="state" name="state" defaultValue={state}>
            <option value="open">Open</option>
            <option value="closed">Closed</option>
            <option value="all">All</option>
          </select>
        </div>
        <div>
          <label htmlFor="label">Label</label>
          <select id="label" name="label" defaultValue={label ?? ''}>
            <option value="">Any</option>
            {!(result instanceof Error) &&
              result.dataset.labels.map((one) => (
                <option key={one.name} value={one.name}>
                  {one.name}
                </option>
              ))}
          </select>
        </div>
        <div>
          <label htmlFor="assignee">Assignee</label>
          <input id="assignee" name="assignee" size={12} defaultValue={assignee ?? ''} placeholder="login" />
        </div>
        <button type="submit">Filter</button>
        <a href={here}>Clear</a>
        {!(result instanceof Error) && result.viewer.signedIn && (
          <Link href={paths.newIssue(owner, name)} className="button">
            New issue
          </Link>
        )}
      </form>
      {result instanceof Error ? (
        <ErrorNotice title="The issues could not be listed" error={result} />
      ) : result.dataset.issues.nodes.length === 0 ? (
        <p>No issues match.</p>
      ) : (
        <ol className="threads" aria-label="Issues">
          {result.dataset.issues.nodes.map((issue) => (
            <li key={issue.number}>
              <StateBadge state={issue.state} />{' '}
              <Link href={paths.issue(owner, name, issue.number)}>
                <strong>{issue.title}</strong>
              </Link>{' '}
              <span className="muted">
                #{issue.number} · by {issue.author?.login ?? 'a deleted account'}, {when(issue.createdAt)} ·{' '}
                {issue.commentCount} comment{issue.commentCount === 1 ? '' : 's'}
                {issue.assignees.length > 0 && ` · assigned to ${issue.assignees.map((one) => one.login).join(', ')}`}
              </span>{' '}
              {issue.labels.map((one) => (
                <Link
                  key={one.name}
                  href={paths.issues(owner, name, { state, label: one.name })}
                  className="label-chip"
                >
                  {one.name}
                </Link>
              ))}
            </li>
          ))}
        </ol>
      )}
      {!(result instanceof Error) &&
        result.dataset.issues.pageInfo.hasNextPage &&
        result.dataset.issues.pageInfo.endCursor !== null && (
          <p>
            <Link
              href={paths.issues(owner, name, {
                state,
                label,
                assignee,
                after: result.dataset.issues.pageInfo.endCursor ?? undefined,
              })}
            >
              Older issues
            </Link>
          </p>
        )}
    </article>
  );
}
