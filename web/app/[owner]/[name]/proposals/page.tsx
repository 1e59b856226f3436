import type { Metadata } from 'next';
import Link from 'next/link';
import { graphql } from '../../../../gql';
import type { ProposalState } from '../../../../gql/graphql';
import { attempt, query } from '../../../../lib/api';
import { DatasetNav } from '../../../../lib/components/dataset-nav';
import { ErrorNotice } from '../../../../lib/components/error-notice';
import { LiveRefresh } from '../../../../lib/live/live-refresh';
import { leaveUnlessReadable, single, when } from '../../../../lib/page-access';
import { paths, refOf } from '../../../../lib/paths';
import { StateBadge } from '../../../../lib/threads/state-badge';

interface Props {
  params: Promise<{ owner: string; name: string }>;
  searchParams: Promise<{ state?: string | string[]; after?: string | string[] }>;
}

const ProposalsQuery = graphql(`
  query Proposals($owner: String!, $name: String!, $states: [ProposalState!], $after: String) {
    viewer {
      signedIn
    }
    dataset(owner: $owner, name: $name) {
      fullName
      proposals(states: $states, first: 20, after: $after) {
        nodes {
          number
          title
          state
          sourceBranch
          targetBranch
          createdAt
          commentCount
          reviewCount
          author {
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

const FILTERS: [string, string, ProposalState[] | null][] = [
  ['open', 'Open', ['OPEN']],
  ['merged', 'Merged', ['MERGED']],
  ['closed', 'Closed', ['CLOSED']],
  ['all', 'All', null],
];

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { owner, name } = await params;
  return { title: `Proposals · ${refOf([owner])}/${refOf([name])}` };
}

/** `/{owner}/{name}/proposals[?state=open|merged|closed|all][&after=]`: change proposals, newest first. */
export default async function ProposalsPage({ params, searchParams }: Props) {
  const { owner: rawOwner, name: rawName } = await params;
  const [owner, name] = [refOf([rawOwner]), refOf([rawName])];
  const search = await searchParams;
  const state = single(search.state) ?? 'open';
  const after = single(search.after);
  const filter = FILTERS.find(([key]) => key === state) ?? FILTERS[0];
  if (filter === undefined) throw new Error('no proposal filters');
  const result = await attempt(query(ProposalsQuery, { owner, name, states: filter[2], after: after ?? null }));
  leaveUnlessReadable(result, paths.proposals(owner, name, { state, after }));
  return (
    <article className="stack">
      <h1>
        <Link href={paths.dataset(owner, name)}>
          {owner}/{name}
        </Link>{' '}
        · Proposals
      </h1>
      <DatasetNav owner={owner} name={name} current="proposals" />
      <LiveRefresh dataset={`${owner}/${name}`} actions={['proposal.', 'review.', 'comment.']} />
      <nav aria-label="Filter by state" className="filters">
        {FILTERS.map(([key, label]) => (
          <span key={key}>
            <Link
              href={paths.proposals(owner, name, { state: key })}
              aria-current={key === filter[0] ? 'page' : undefined}
            >
              {label}
            </Link>{' '}
          </span>
        ))}
        {!(result instanceof Error) && result.viewer.signedIn && (
          <Link href={paths.newProposal(owner, name)} className="button">
            New proposal
          </Link>
        )}
      </nav>
      {result instanceof Error ? (
        <ErrorNotice title="The proposals could not be listed" error={result} />
      ) : result.dataset.proposals.nodes.length === 0 ? (
        <p>No {filter[0] === 'all' ? '' : `${filter[1].toLowerCase()} `}proposals.</p>
      ) : (
        <ol className="threads" aria-label={`${filter[1]} proposals`}>
          {result.dataset.proposals.nodes.map((proposal) => (
            <li key={proposal.number}>
              <StateBadge state={proposal.state} />{' '}
              <Link href={paths.proposal(owner, name, proposal.number)}>
                <strong>{proposal.title}</strong>
              </Link>{' '}
              <span className="muted">
                #{proposal.number} · <code>{proposal.sourceBranch}</code> → <code>{proposal.targetBranch}</code> · by{' '}
                {proposal.author?.login ?? 'a deleted account'}, {when(proposal.createdAt)} · {proposal.reviewCount}{' '}
                review{proposal.reviewCount === 1 ? '' : 's'}, {proposal.commentCount} comment
                {proposal.commentCount === 1 ? '' : 's'}
              </span>{' '}
              {proposal.labels.map((label) => (
                <span key={label.name} className="label-chip">
                  {label.name}
                </span>
              ))}
            </li>
          ))}
        </ol>
      )}
      {!(result instanceof Error) &&
        result.dataset.proposals.pageInfo.hasNextPage &&
        result.dataset.proposals.pageInfo.endCursor !== null && (
          <p>
            <Link
              href={paths.proposals(owner, name, {
                state,
                after: result.dataset.proposals.pageInfo.endCursor ?? undefined,
              })}
            >
              Older proposals
            </Link>
          </p>
        )}
    </article>
  );
}
