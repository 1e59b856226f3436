import type { Metadata } from 'next';
import Link from 'next/link';
import { graphql } from '../../../../../gql';
import { ApiError, attempt, query } from '../../../../../lib/api';
import { DatasetNav } from '../../../../../lib/components/dataset-nav';
import { ErrorNotice } from '../../../../../lib/components/error-notice';
import { leaveUnlessReadable } from '../../../../../lib/page-access';
import { paths, refOf } from '../../../../../lib/paths';
import { ReleaseForm } from './release-form';

interface Props {
  params: Promise<{ owner: string; name: string }>;
}

const NewReleaseQuery = graphql(`
  query NewRelease($owner: String!, $name: String!) {
    dataset(owner: $owner, name: $name) {
      fullName
      defaultBranch
      viewerRole
      branches {
        name
      }
      tags {
        name
      }
      releases(first: 100) {
        nodes {
          tag
        }
      }
    }
  }
`);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { owner, name } = await params;
  return { title: `New release · ${refOf([owner])}/${refOf([name])}` };
}

/** `/{owner}/{name}/releases/new`: publish a release of an existing tag, or of a new tag at a ref (writers). */
export default async function NewReleasePage({ params }: Props) {
  const { owner: rawOwner, name: rawName } = await params;
  const [owner, name] = [refOf([rawOwner]), refOf([rawName])];
  const result = await attempt(query(NewReleaseQuery, { owner, name }));
  leaveUnlessReadable(result, paths.newRelease(owner, name));
  if (result instanceof Error) return <ErrorNotice title="A release cannot be made here" error={result} />;
  const { dataset } = result;
  if (dataset.viewerRole === 'READ') {
    return (
      <ErrorNotice
        title="A release cannot be made here"
        error={new ApiError('auth.forbidden', `Publishing a release of ${dataset.fullName} needs the write role.`)}
      />
    );
  }
  const released = new Set(dataset.releases.nodes.map((release) => release.tag));
  return (
    <article className="stack">
      <h1>
        <Link href={paths.dataset(owner, name)}>{dataset.fullName}</Link>: new release
      </h1>
      <DatasetNav owner={owner} name={name} current="releases" />
      <ReleaseForm
        dataset={dataset.fullName}
        owner={owner}
        name={name}
        tags={dataset.tags.map((tag) => tag.name).filter((tag) => !released.has(tag))}
        refs={[
          dataset.defaultBranch,
          ...dataset.branches.map((b) => b.name).filter((b) => b !== dataset.defaultBranch),
        ]}
      />
    </article>
  );
}
