import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { graphql } from '../../../../../gql';
import { attempt, query } from '../../../../../lib/api';
import { DatasetNav } from '../../../../../lib/components/dataset-nav';
import { ErrorNotice } from '../../../../../lib/components/error-notice';
import { leaveUnlessReadable } from '../../../../../lib/page-access';
import { paths, refOf } from '../../../../../lib/paths';
import { NewIssueForm } from './new-issue-form';

interface Props {
  params: Promise<{ owner: string; name: string }>;
}

const NewIssueQuery = graphql(`
  query NewIssue($owner: String!, $name: String!) {
    viewer {
      signedIn
    }
    dataset(owner: $owner, name: $name) {
      fullName
    }
  }
`);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { owner, name } = await params;
  return { title: `New issue · ${refOf([owner])}/${refOf([name])}` };
}

/** `/{owner}/{name}/issues/new`: report something about the dataset. */
export default async function NewIssuePage({ params }: Props) {
  const { owner: rawOwner, name: rawName } = await params;
  const [owner, name] = [refOf([rawOwner]), refOf([rawName])];
  const result = await attempt(query(NewIssueQuery, { owner, name }));
  leaveUnlessReadable(result, paths.newIssue(owner, name));
  if (result instanceof Error) return <ErrorNotice title="An issue cannot be opened here" error={result} />;
  if (!result.viewer.signedIn) redirect(paths.signIn(paths.newIssue(owner, name)));
  return (
    <article className="stack">
      <h1>
        <Link href={paths.dataset(owner, name)}>{result.dataset.fullName}</Link> · New issue
      </h1>
      <DatasetNav owner={owner} name={name} current="issues" />
      <NewIssueForm dataset={result.dataset.fullName} owner={owner} name={name} />
    </article>
  );
}
