import type { Metadata } from 'next';
import Link from 'next/link';
import { graphql } from '../../../../../gql';
import { ApiError, attempt, isNotFound, query } from '../../../../../lib/api';
import { DatasetNav } from '../../../../../lib/components/dataset-nav';
import { DiffView } from '../../../../../lib/components/diff-view';
import { ErrorNotice } from '../../../../../lib/components/error-notice';
import { leaveUnlessReadable } from '../../../../../lib/page-access';
import { paths, refOf } from '../../../../../lib/paths';
import { CompareForm } from '../compare-form';

interface Props {
  params: Promise<{ owner: string; name: string; range: string[] }>;
}

const CompareQuery = graphql(`
  query Compare($owner: String!, $name: String!, $from: String!, $to: String!) {
    dataset(owner: $owner, name: $name) {
      fullName
      diff(from: $from, to: $to) {
        ...DiffFields
      }
    }
  }
`);

/** `a...b` (refs may hold `/`, kept as path segments) as its two refs; undefined if not a range. */
function rangeOf(parts: string[]): [string, string] | undefined {
  const joined = refOf(parts);
  const at = joined.indexOf('...');
  if (at <= 0 || at + 3 >= joined.length) return undefined;
  return [joined.slice(0, at), joined.slice(at + 3)];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { owner, name, range } = await params;
  return { title: `Compare ${refOf(range)} · ${refOf([owner])}/${refOf([name])}` };
}

/** `/{owner}/{name}/compare/{from}...{to}`: what differs from one ref to another. */
export default async function ComparePage({ params }: Props) {
  const { owner: rawOwner, name: rawName, range } = await params;
  const [owner, name] = [refOf([rawOwner]), refOf([rawName])];
  const refs = rangeOf(range);
  const nav = <DatasetNav owner={owner} name={name} current="commits" />;
  if (refs === undefined) {
    return (
      <>
        {nav}
        <ErrorNotice
          title="Not a comparison"
          error={
            new ApiError('compare.invalid_range', `“${refOf(range)}” is not two refs joined by “...” (main...feature).`)
          }
        />
        <CompareForm owner={owner} name={name} from="" to="" />
      </>
    );
  }
  const [from, to] = refs;
  const result = await attempt(query(CompareQuery, { owner, name, from, to }));
  leaveUnlessReadable(result, paths.compare(owner, name, from, to));
  return (
    <article className="stack">
      <p>
        <Link href={paths.dataset(owner, name)}>
          {owner}/{name}
        </Link>
      </p>
      {nav}
      <h1>
        Compare <code>{from}</code> … <code>{to}</code>
      </h1>
      <CompareForm owner={owner} name={name} from={from} to={to} />
      {result instanceof Error ? (
        <ErrorNotice
          title="These versions cannot be compared"
          error={
            isNotFound(result)
              ? new ApiError(
                  result.code,
                  `${owner}/${name} has no branch, tag or commit named as given: ${result.message}`,
                )
              : result
          }
        />
      ) : (
        <>
          <p className="muted">
            From{' '}
            <Link href={paths.commit(owner, name, result.dataset.diff.fromId)}>
              <code>{result.dataset.diff.fromId.slice(0, 12)}</code>
            </Link>{' '}
            to{' '}
            <Link href={paths.commit(owner, name, result.dataset.diff.toId)}>
              <code>{result.dataset.diff.toId.slice(0, 12)}</code>
            </Link>
          </p>
          <DiffView owner={owner} name={name} diff={result.dataset.diff} />
        </>
      )}
    </article>
  );
}
