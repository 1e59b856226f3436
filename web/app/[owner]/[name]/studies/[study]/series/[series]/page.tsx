import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { formatDicomDate } from '../../../../../../../lib/format';
import { paths, refOf } from '../../../../../../../lib/paths';
import { seriesContext } from '../../../../../../../lib/viewer/series-context';
import { EarlyRequests } from '../../../../../../../lib/viewer/early-requests-script';
import { FRAME_ACCEPT } from '../../../../../../../lib/viewer/frames';
import { positiveOf, uidOf, viewerPaths } from '../../../../../../../lib/viewer/series-info';
import { StackViewer } from '../../../../../../../lib/viewer/stack-viewer';

interface Props {
  params: Promise<{ owner: string; name: string; study: string; series: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { owner, name } = await params;
  return { title: `Viewer · ${refOf([owner])}/${refOf([name])}` };
}

/**
 * `/{owner}/{name}/studies/{study}/series/{series}?ref=` (and `&slice=`, or `&instance=` with
 * `&frame=`): a series at a ref in the viewer. Titles, facts and refusals are rendered here; the
 * canvas and its toolbar are the client's.
 */
export default async function SeriesPage({ params, searchParams }: Props) {
  const raw = await params;
  const [owner, name, study, series] = [refOf([raw.owner]), refOf([raw.name]), refOf([raw.study]), refOf([raw.series])];
  const query = await searchParams;
  const ref = typeof query['ref'] === 'string' && query['ref'] !== '' ? query['ref'] : undefined;
  if (ref === undefined) redirect(paths.dataset(owner, name));
  const here = viewerPaths.series(owner, name, study, series, ref);
  const seriesUrl = viewerPaths.wado(owner, name, ref, study, series);
  const link = {
    slice: positiveOf(query['slice']),
    instance: uidOf(query['instance']),
    frame: positiveOf(query['frame']),
  };
  const context = await seriesContext({ owner, name, ref, study, series, seriesUrl }, link, here);
  if (context.status !== 'found') return context.page;
  const { facts: info, frameUrl, commitId } = context;
  const title = [`Series ${info.number ?? ''}`.trim(), info.modality, info.description].filter(Boolean).join(' · ');
  const early = [
    { url: `${seriesUrl}/metadata`, accept: 'application/dicom+json' },
    ...(frameUrl === undefined ? [] : [{ url: frameUrl, accept: FRAME_ACCEPT }]),
  ];
  return (
    <article className="stack">
      {/* The metadata and the first frame are asked for while the page's scripts still load. */}
      <EarlyRequests requests={early} />
      <nav aria-label="Breadcrumbs">
        <Link prefetch={false} href={paths.tree(owner, name, ref)}>
          {owner}/{name} at {ref}
        </Link>
        {' › '}
        <Link prefetch={false} href={paths.study(owner, name, study, ref)}>
          {info.patientName ?? '(no name)'} · {formatDicomDate(info.studyDate)}
        </Link>
      </nav>
      <h1>{title}</h1>
      <dl className="facts">
        <div>
          <dt>Patient</dt>
          <dd>
            {info.patientName ?? '—'} ({info.patientId ?? '—'})
          </dd>
        </div>
        <div>
          <dt>Study</dt>
          <dd>{info.studyDescription ?? formatDicomDate(info.studyDate)}</dd>
        </div>
        <div>
          <dt>Modality</dt>
          <dd>{info.modality ?? '—'}</dd>
        </div>
        <div>
          <dt>Instances</dt>
          <dd>{info.instances}</dd>
        </div>
        <div>
          <dt>Version</dt>
          <dd>
            <code>{ref}</code>
          </dd>
        </div>
      </dl>
      <StackViewer
        key={`${ref}/${series}`}
        seriesUrl={seriesUrl}
        link={link}
        label={title}
        comment={commitId === undefined ? undefined : { owner, name, commitId, study, series }}
      />
      <form
        className="inline"
        method="get"
        action={`${viewerPaths.series(owner, name, study, series, ref).split('?')[0]}/compare`}
      >
        <input type="hidden" name="to" value={ref} />
        <div>
          <label htmlFor="compare-from">Compare with the version</label>
          <input id="compare-from" name="from" required placeholder="branch, tag or commit" />
        </div>
        <button type="submit">Compare side by side</button>
      </form>
      <p className="muted">
        <code>{study}</code> / <code>{series}</code>
      </p>
    </article>
  );
}
