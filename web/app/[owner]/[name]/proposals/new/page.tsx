import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { graphql } from '../../../../../gql';
import { attempt, query } from '../../../../../lib/api';
import { DatasetNav } from '../../../../../lib/components/dataset-nav';
import { ErrorNotice } from '../../../../../lib/components/error-notice';
import { leaveUnlessReadable, single } from '../../../../../lib/page-access';
import { paths, refOf } from '../../../../../lib/paths';
import { NewProposalForm } from './new-proposal-form';

interface Props {
  params: Promise<{ owner: string; name: string }>;
  searchParams: Promise<{ source?: string | string[]; target?: string | string[] }>;
}

const NewProposalQuery = graphql(`
  query NewProposal($owner: String!, $name: String!) {
    viewer {
      signedIn
    }
    dataset(owner: $owner, name: $name) {
      fullName
      defaultBranch
      branches {
        name
      }
    }
  }
`);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { owner, name } = await params;
  return { title: `New proposal · ${refOf([owner])}/${refOf([name])}` };
}

/** `/{owner}/{name}/proposals/new[?source=&target=]`: propose merging one branch into another. */
export default async function NewProposalPage({ params, searchParams }: Props) {
  const { owner: rawOwner, name: rawName } = await params;
  const [owner, name] = [refOf([rawOwner]), refOf([rawName])];
  const search = await searchParams;
  const result = await attempt(query(NewProposalQuery, { owner, name }));
  leaveUnlessReadable(result, paths.newProposal(owner, name));
  if (result instanceof Error) return <ErrorNotice title="A proposal cannot be opened here" error={result} />;
  if (!result.viewer.signedIn) redirect(paths.signIn(paths.newProposal(owner, name)));
  const { dataset } = result;
  const branches = dataset.branches.map((branch) => branch.name);
  const target = single(search.target) ?? dataset.defaultBranch;
  const source = single(search.source) ?? branches.find((branch) => branch !== target) ?? target;
  return (
    <article className="stack">
      <h1>
        <Link href={paths.dataset(owner, name)}>{dataset.fullName}</Link> · New proposal
      </h1>
      <DatasetNav owner={owner} name={name} current="proposals" />
      {branches.length < 2 ? (
        <p>{dataset.fullName} has one branch only: push changes to a new branch first, then propose merging it.</p>
      ) : (
        <NewProposalForm
          dataset={dataset.fullName}
          owner={owner}
          name={name}
          branches={branches}
          source={source}
          target={target}
        />
      )}
    </article>
  );
}
