import type { Metadata } from 'next';
import Link from 'next/link';
import { graphql } from '../../../../../gql';
import { ApiError, attempt, isNotFound, query } from '../../../../../lib/api';
import { DatasetNav } from '../../../../../lib/components/dataset-nav';
import { ErrorNotice } from '../../../../../lib/components/error-notice';
import { MutationForm } from '../../../../../lib/components/mutation-form';
import { leaveUnlessReadable } from '../../../../../lib/page-access';
import { paths, refOf } from '../../../../../lib/paths';

interface Props {
  params: Promise<{ owner: string; name: string; branch: string[] }>;
}

const EditReadmeQuery = graphql(`
  query EditReadme($owner: String!, $name: String!, $branch: String!) {
    dataset(owner: $owner, name: $name) {
      fullName
      viewerRole
      branches {
        name
      }
      commit(rev: $branch) {
        id
      }
      readme(rev: $branch) {
        path
        text
        truncated
      }
    }
  }
`);

const SaveReadme = graphql(`
  mutation SaveReadme($dataset: String!, $branch: String!, $text: String!, $message: String, $expectedHead: String) {
    saveReadme(dataset: $dataset, branch: $branch, text: $text, message: $message, expectedHead: $expectedHead) {
      commitId
      changed
    }
  }
`);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { owner, name, branch } = await params;
  return { title: `README on ${refOf(branch)} · ${refOf([owner])}/${refOf([name])}` };
}

/**
 * `/{owner}/{name}/readme/{branch}`: write the dataset's README on a branch (writers). Saving makes
 * one commit against the head shown here: if the branch moves meanwhile, the save is refused
 * (`ref.moved`) rather than undoing the other change.
 */
export default async function EditReadmePage({ params }: Props) {
  const { owner: rawOwner, name: rawName, branch: rawBranch } = await params;
  const [owner, name, branch] = [refOf([rawOwner]), refOf([rawName]), refOf(rawBranch)];
  const result = await attempt(query(EditReadmeQuery, { owner, name, branch }));
  leaveUnlessReadable(result, paths.editReadme(owner, name, branch));
  const title = `The README of ${owner}/${name} cannot be written here`;
  if (isNotFound(result)) {
    return (
      <ErrorNotice title={title} error={new ApiError('ref.not_found', `${owner}/${name} has no branch “${branch}”.`)} />
    );
  }
  if (result instanceof Error) return <ErrorNotice title={title} error={result} />;
  const { dataset } = result;
  if (!dataset.branches.some((candidate) => candidate.name === branch)) {
    return (
      <ErrorNotice
        title={title}
        error={
          new ApiError(
            'ref.not_a_branch',
            `“${branch}” is not a branch: a README is written on a branch, not a tag or a commit.`,
          )
        }
      />
    );
  }
  if (dataset.viewerRole === 'READ') {
    return (
      <ErrorNotice
        title={title}
        error={new ApiError('auth.forbidden', `Writing the README of ${dataset.fullName} needs the write role.`)}
      />
    );
  }
  const readme = dataset.readme;
  if (readme?.truncated === true) {
    return (
      <ErrorNotice
        title={title}
        error={
          new ApiError(
            'readme.too_large',
            `${readme.path} on ${branch} is longer than 256 KiB, more than this page edits: change it in a folder and import it with the CLI.`,
          )
        }
      />
    );
  }
  const path = readme?.path ?? 'README.md';
  return (
    <article className="stack">
      <h1>
        <Link href={paths.dataset(owner, name)}>{dataset.fullName}</Link>: {readme === null ? 'add' : 'edit'} {path} on{' '}
        <code>{branch}</code>
      </h1>
      <DatasetNav owner={owner} name={name} current="data" at={branch} />
      <p className="muted">
        Markdown, shown as the dataset’s datasheet: what the data is, where it comes from, and the terms of its use.
        Saving makes one commit on <code>{branch}</code>.
      </p>
      <MutationForm
        label={`Write ${path} on ${branch}`}
        mutation={SaveReadme.toString()}
        fixed={{ dataset: dataset.fullName, branch, expectedHead: dataset.commit.id }}
        fields={[
          {
            name: 'text',
            label: path,
            kind: 'textarea',
            rows: 20,
            raw: true,
            required: true,
            defaultValue: readme?.text ?? `# ${dataset.fullName}\n\n`,
          },
          {
            name: 'message',
            label: 'Commit message',
            placeholder: `${readme === null ? 'Add' : 'Edit'} ${path}`,
            help: 'Optional: what changed and why.',
          },
        ]}
        submitLabel="Commit"
        navigate={{ template: paths.tree(owner, name, branch) }}
      />
    </article>
  );
}
