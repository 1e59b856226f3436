import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { ApiError } from '../../../../../../../../lib/api';
import { ErrorNotice } from '../../../../../../../../lib/components/error-notice';
import { paths, refOf } from '../../../../../../../../lib/paths';
import { CompareViewer } from '../../../../../../../../lib/viewer/compare-viewer';
import { seriesContext } from '../../../../../../../../lib/viewer/series-context';
import { EarlyRequests } from '../../../../../../../../lib/viewer/early-requests-script';
import { positiveOf, viewerPaths } from '../../../../../../../../lib/viewer/series-info';

interface Props {
  params: Promise<{ owner: string; name: string; study: string; series: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { owner, name } = await params;
  return { title: `Compare · ${refOf([owner])}/${refOf([name])}` };
}

const one = (value: string | string[] | undefined) => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * `/{owner}/{name}/studies/{study}/series/{series}/compare?from={ref}&to={ref}`: a series at two
 * versions side by side. A version without the series shows every image as only in the other.
 */
export default async function ComparePage({ params, searchParams }: Props) {
  const raw = await params;
  const [owner, name, study, series] = [refOf([raw.owner]), refOf([raw.name]), refOf([raw.study]), refOf([raw.series])];
  const query = await searchParams;
  const [from, to] = [one(query['from']), one(query['to'])];
  if (from === undefined || to === undefined) {
    const ref = to ?? from;
    if (ref === undefined) redirect(paths.dataset(owner, name));
    return (
      <ErrorNotice
        title="Two versions are needed"
        error={
          new ApiError(
            'compare.versions_missing',
            'Give the versions to compare as ?from=…&to=… (branches, tags or commits).',
          )
        }
      />
    );
  }
  const here = viewerPaths.compare(owner, name, study, series, from, to);
  // Sign-in and not-found (unknown dataset) are Next's redirects, thrown from here.
  const where = (ref: string) => ({
    owner,
    name,
    ref,
    study,
    series,
    seriesUrl: viewerPaths.wado(owner, name, ref, study, series),
  });
  const [left, right] = await Promise.all([seriesContext(where(from), {}, here), seriesContext(where(to), {}, here)]);
  // An unknown ref (or any other refusal) is said as it is; a series missing on one side is compared.
  if (left.status === 'failed') return left.page;
  if (right.status === 'failed') return right.page;
  const found = [
    { ref: from, context: left },
    { ref: to, context: right },
  ].filter((side) => side.context.status === 'found');
  const shown = right.status === 'found' ? right : left.status === 'found' ? left : undefined;
  if (shown === undefined) {
    return (
      <ErrorNotice
        title="No such series in either version"
        error={
          new ApiError('series.not_found', `Neither “${from}” nor “${to}” has series ${series} of study ${study}.`)
        }
      />
    );
  }
  const { facts: info } = shown;
  const title = [`Series ${info.number ?? ''}`.trim(), info.modality, info.description].filter(Boolean).join(' · ');
  const url = (ref: string) =>
    found.some((side) => side.ref === ref) ? viewerPaths.wado(owner, name, ref, study, series) : undefined;
  const early = [url(from), url(to)]
    .filter((one): one is string => one !== undefined)
    .map((one) => ({ url: `${one}/metadata`, accept: 'application/dicom+json' }));
  return (
    <article className="stack">
      <EarlyRequests requests={early} />
      <nav aria-label="Breadcrumbs">
        <Link prefetch={false} href={paths.dataset(owner, name)}>
          {owner}/{name}
        </Link>
        {' › '}
        <Link prefetch={false} href={viewerPaths.series(owner, name, study, series, to)}>
          {title} at {to}
        </Link>
      </nav>
      <h1>
        {title}: <code>{from}</code> ↔ <code>{to}</code>
      </h1>
      {found.length < 2 && (
        <p className="notice" role="note">
          The series is only in “{found[0]?.ref}”: every image is shown as missing from the other version.
        </p>
      )}
      <CompareViewer
        key={`${from}|${to}|${series}`}
        from={{ ref: from, seriesUrl: url(from) }}
        to={{ ref: to, seriesUrl: url(to) }}
        slice={positiveOf(query['slice'])}
        label={title}
      />
      <p>
        <Link prefetch={false} href={viewerPaths.series(owner, name, study, series, from)}>
          Open “{from}” alone
        </Link>{' '}
        ·{' '}
        <Link prefetch={false} href={viewerPaths.series(owner, name, study, series, to)}>
          Open “{to}” alone
        </Link>
      </p>
    </article>
  );
}
