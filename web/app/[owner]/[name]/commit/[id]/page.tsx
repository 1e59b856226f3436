import type { Metadata } from 'next';
import Link from 'next/link';
import { graphql } from '../../../../../gql';
import { ApiError, attempt, isNotFound, query } from '../../../../../lib/api';
import { DatasetNav } from '../../../../../lib/components/dataset-nav';
import { DiffView } from '../../../../../lib/components/diff-view';
import { ErrorNotice } from '../../../../../lib/components/error-notice';
import { leaveUnlessReadable, when } from '../../../../../lib/page-access';
import { paths, refOf } from '../../../../../lib/paths';

interface Props {
  params: Promise<{ owner: string; name: string; id: string }>;
}

const CommitQuery = graphql(`
  query CommitDetail($owner: String!, $name: String!, $rev: String!) {
    dataset(owner: $owner, name: $name) {
      fullName
      commit(rev: $rev) {
        id
        shortId
        message
        author {
          name
          email
          time
        }
        committer {
          name
          time
        }
        parents {
          id
          shortId
          message
        }
      }
    }
  }
`);

const CommitDiffQuery = graphql(`
  query CommitDiff($owner: String!, $name: String!, $from: String!, $to: String!) {
    dataset(owner: $owner, name: $name) {
      diff(from: $from, to: $to) {
        ...DiffFields
      }
    }
  }
`);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { owner, name, id } = await params;
  return { title: `Commit ${refOf([id]).slice(0, 12)} · ${refOf([owner])}/${refOf([name])}` };
}

/** `/{owner}/{name}/commit/{id}`: one commit, its parents, and what it changed against the first. */
export default async function CommitPage({ params }: Props) {
  const { owner: rawOwner, name: rawName, id: rawId } = await params;
  const [owner, name, id] = [refOf([rawOwner]), refOf([rawName]), refOf([rawId])];
  const result = await attempt(query(CommitQuery, { owner, name, rev: id }));
  leaveUnlessReadable(result, paths.commit(owner, name, id));
  const nav = <DatasetNav owner={owner} name={name} current="commits" />;
  if (result instanceof Error) {
    return (
      <>
        {nav}
        <ErrorNotice
          title={`No commit “${id}” in ${owner}/${name}`}
          error={
            isNotFound(result)
              ? new ApiError(result.code, `${owner}/${name} has no commit (nor branch or tag) named “${id}”.`)
              : result
          }
        />
      </>
    );
  }
  const { commit, fullName } = result.dataset;
  const parent = commit.parents[0];
  const diff =
    parent === undefined
      ? undefined
      : await attempt(query(CommitDiffQuery, { owner, name, from: parent.id, to: commit.id }));
  const [subject, ...rest] = commit.message.split('\n');
  return (
    <article className="stack">
      <p>
        <Link href={paths.dataset(owner, name)}>{fullName}</Link>
      </p>
      {nav}
      <h1>{subject}</h1>
      {rest.join('\n').trim() !== '' && <p className="body">{rest.join('\n').trim()}</p>}
      <dl className="facts">
        <div>
          <dt>Commit</dt>
          <dd>
            <code title={commit.id}>{commit.shortId}</code>
          </dd>
        </div>
        <div>
          <dt>Author</dt>
          <dd>
            {commit.author.name}, {when(commit.author.time)}
          </dd>
        </div>
        <div>
          <dt>Parents</dt>
          <dd>
            {commit.parents.length === 0
              ? 'none (the first commit)'
              : commit.parents.map((one, index) => (
                  <span key={one.id}>
                    {index > 0 && ', '}
                    <Link href={paths.commit(owner, name, one.id)} title={one.message.split('\n', 1)[0]}>
                      <code>{one.shortId}</code>
                    </Link>
                  </span>
                ))}
          </dd>
        </div>
      </dl>
      <p>
        <Link href={paths.tree(owner, name, commit.id)}>Browse the dataset at this commit</Link> ·{' '}
        <Link href={paths.commits(owner, name, commit.id)}>History from here</Link>
      </p>
      {diff === undefined ? (
        <p>The first commit has no parent to compare with.</p>
      ) : diff instanceof Error ? (
        <ErrorNotice title="The changes could not be computed" error={diff} />
      ) : (
        <DiffView
          owner={owner}
          name={name}
          diff={diff.dataset.diff}
          title={`Changes against ${commit.parents.length > 1 ? 'the first parent' : 'its parent'}`}
        />
      )}
    </article>
  );
}
