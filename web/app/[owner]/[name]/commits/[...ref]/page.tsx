import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { graphql } from '../../../../../gql';
import { ApiError, attempt, isNotFound, query } from '../../../../../lib/api';
import { DatasetNav } from '../../../../../lib/components/dataset-nav';
import { ErrorNotice } from '../../../../../lib/components/error-notice';
import { LiveRefresh } from '../../../../../lib/live/live-refresh';
import { paths, refOf } from '../../../../../lib/paths';

interface Props {
  params: Promise<{ owner: string; name: string; ref: string[] }>;
  searchParams: Promise<{ after?: string | string[] }>;
}

const HistoryQuery = graphql(`
  query History($owner: String!, $name: String!, $rev: String!, $after: String) {
    dataset(owner: $owner, name: $name) {
      fullName
      history(rev: $rev, first: 30, after: $after) {
        nodes {
          id
          shortId
          message
          author {
            name
            time
          }
          parentIds
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { owner, name, ref } = await params;
  return { title: `History of ${refOf([owner])}/${refOf([name])} at ${refOf(ref)}` };
}

/** `/{owner}/{name}/commits/{ref}`: the commits reachable from a ref, newest first, 30 a page. */
export default async function CommitsPage({ params, searchParams }: Props) {
  const { owner: rawOwner, name: rawName, ref: rawRef } = await params;
  const [owner, name, rev] = [refOf([rawOwner]), refOf([rawName]), refOf(rawRef)];
  const { after } = await searchParams;
  const result = await attempt(
    query(HistoryQuery, { owner, name, rev, after: typeof after === 'string' ? after : null }),
  );
  if (result instanceof ApiError && result.code === 'auth.required') {
    redirect(paths.signIn(paths.commits(owner, name, rev)));
  }
  if (result instanceof ApiError && result.code === 'dataset.not_found') notFound();
  if (result instanceof Error) {
    return (
      <ErrorNotice
        title={`No history for “${rev}” in ${owner}/${name}`}
        error={
          isNotFound(result)
            ? new ApiError(result.code, `${owner}/${name} has no branch, tag or commit named “${rev}”.`)
            : result
        }
      />
    );
  }
  const { fullName, history } = result.dataset;
  return (
    <section className="stack">
      <h1>
        History of <Link href={paths.tree(owner, name, rev)}>{fullName}</Link> at <code>{rev}</code>
      </h1>
      <DatasetNav owner={owner} name={name} current="commits" at={rev} />
      <LiveRefresh dataset={fullName} actions={['commit.created', 'proposal.merged', 'branch.']} />
      <p>
        <Link href={`${paths.dataset(owner, name)}/compare`}>Compare two versions</Link>
      </p>
      {history.nodes.length === 0 ? (
        <p>No commits.</p>
      ) : (
        <ol className="commits">
          {history.nodes.map((commit) => (
            <li key={commit.id}>
              <Link href={paths.commit(owner, name, commit.id)}>
                <code>{commit.shortId}</code>
              </Link>{' '}
              <strong>{commit.message.split('\n', 1)[0]}</strong>{' '}
              <span className="muted">
                {commit.author.name},{' '}
                <time dateTime={commit.author.time}>{commit.author.time.replace('T', ' ').slice(0, 16)}</time>
                {commit.parentIds.length > 1 && ' · merge'}
              </span>{' '}
              ·{' '}
              <Link href={paths.tree(owner, name, commit.id)} aria-label={`Browse the dataset at ${commit.shortId}`}>
                Browse
              </Link>
            </li>
          ))}
        </ol>
      )}
      {history.pageInfo.hasNextPage && history.pageInfo.endCursor !== null && (
        <p>
          <Link href={paths.commits(owner, name, rev, history.pageInfo.endCursor ?? undefined)}>Older commits</Link>
        </p>
      )}
    </section>
  );
}
