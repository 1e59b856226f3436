import type { Metadata } from 'next';
import Link from 'next/link';
import { graphql } from '../../../../gql';
import { attempt, query } from '../../../../lib/api';
import { DatasetNav } from '../../../../lib/components/dataset-nav';
import { ErrorNotice } from '../../../../lib/components/error-notice';
import { formatBytes } from '../../../../lib/format';
import { leaveUnlessReadable, single, when } from '../../../../lib/page-access';
import { paths, refOf } from '../../../../lib/paths';

interface Props {
  params: Promise<{ owner: string; name: string }>;
  searchParams: Promise<{ after?: string | string[] }>;
}

const ReleasesQuery = graphql(`
  query Releases($owner: String!, $name: String!, $after: String) {
    dataset(owner: $owner, name: $name) {
      fullName
      viewerRole
      releases(first: 30, after: $after) {
        nodes {
          tag
          title
          instances
          bytes
          createdAt
          author {
            login
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

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { owner, name } = await params;
  return { title: `Releases · ${refOf([owner])}/${refOf([name])}` };
}

/** `/{owner}/{name}/releases[?after=]`: the dataset's releases, newest first. */
export default async function ReleasesPage({ params, searchParams }: Props) {
  const { owner: rawOwner, name: rawName } = await params;
  const [owner, name] = [refOf([rawOwner]), refOf([rawName])];
  const after = single((await searchParams).after);
  const result = await attempt(query(ReleasesQuery, { owner, name, after: after ?? null }));
  leaveUnlessReadable(result, paths.releases(owner, name));
  if (result instanceof Error)
    return <ErrorNotice title={`The releases of ${owner}/${name} could not be listed`} error={result} />;
  const { dataset } = result;
  const { nodes, pageInfo } = dataset.releases;
  return (
    <article className="stack">
      <h1>
        <Link href={paths.dataset(owner, name)}>{dataset.fullName}</Link>: releases
      </h1>
      <DatasetNav owner={owner} name={name} current="releases" />
      {dataset.viewerRole !== 'READ' && (
        <p>
          <Link className="button" href={paths.newRelease(owner, name)}>
            New release
          </Link>
        </p>
      )}
      {nodes.length === 0 ? (
        <p>No releases yet.</p>
      ) : (
        <table>
          <caption className="muted">Releases, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Tag</th>
              <th scope="col">Title</th>
              <th scope="col">Instances</th>
              <th scope="col">Size</th>
              <th scope="col">Published</th>
            </tr>
          </thead>
          <tbody>
            {nodes.map((release) => (
              <tr key={release.tag}>
                <td>
                  <Link href={paths.release(owner, name, release.tag)}>
                    <code>{release.tag}</code>
                  </Link>
                </td>
                <td>{release.title}</td>
                <td>{release.instances}</td>
                <td>{formatBytes(release.bytes)}</td>
                <td>
                  {when(release.createdAt)}
                  {release.author !== null && release.author !== undefined && ` by ${release.author.login}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pageInfo.hasNextPage && typeof pageInfo.endCursor === 'string' && (
        <p>
          <Link href={`${paths.releases(owner, name)}?after=${encodeURIComponent(pageInfo.endCursor)}`}>
            Older releases
          </Link>
        </p>
      )}
    </article>
  );
}
