import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { ApiError, attempt } from '../../../../../lib/api';
import { DatasetNav } from '../../../../../lib/components/dataset-nav';
import { ErrorNotice } from '../../../../../lib/components/error-notice';
import { Thumbnail } from '../../../../../lib/components/thumbnail';
import { seriesAt, studiesAt } from '../../../../../lib/dicomweb';
import { formatDicomDate } from '../../../../../lib/format';
import { paths, refOf } from '../../../../../lib/paths';
import { viewerPaths } from '../../../../../lib/viewer/series-info';

interface Props {
  params: Promise<{ owner: string; name: string; study: string }>;
  searchParams: Promise<{ ref?: string | string[] }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { owner, name } = await params;
  return { title: `Study in ${refOf([owner])}/${refOf([name])}` };
}

/** `/{owner}/{name}/studies/{StudyInstanceUID}?ref=`: a study's series at a ref, with thumbnails. */
export default async function StudyPage({ params, searchParams }: Props) {
  const { owner: rawOwner, name: rawName, study: rawStudy } = await params;
  const [owner, name, study] = [refOf([rawOwner]), refOf([rawName]), refOf([rawStudy])];
  const { ref } = await searchParams;
  // Without a ref there is no version to show: back to the dataset's home, which links each study at one.
  const rev = typeof ref === 'string' && ref !== '' ? ref : undefined;
  if (rev === undefined) redirect(paths.dataset(owner, name));
  const [found, series] = await Promise.all([
    attempt(studiesAt(owner, name, rev, { StudyInstanceUID: study }, 1)),
    attempt(seriesAt(owner, name, rev, study)),
  ]);
  const failure = found instanceof Error ? found : series instanceof Error ? series : undefined;
  if (failure instanceof ApiError && failure.code === 'auth.required') {
    redirect(paths.signIn(paths.study(owner, name, study, rev)));
  }
  if (failure instanceof ApiError && failure.code === 'dataset.not_found') notFound();
  if (failure !== undefined || found instanceof Error || series instanceof Error) {
    return <ErrorNotice title={`The study could not be shown at “${rev}”`} error={failure} />;
  }
  const summary = found.studies[0];
  if (summary === undefined) {
    return (
      <ErrorNotice
        title="No such study here"
        error={new ApiError('study.not_found', `${owner}/${name} has no study ${study} at “${rev}”.`)}
      />
    );
  }
  const base = paths.dicomweb(owner, name, rev);
  return (
    <article className="stack">
      <p>
        <Link href={paths.tree(owner, name, rev)}>
          {owner}/{name} at {rev}
        </Link>
      </p>
      <DatasetNav owner={owner} name={name} current="data" at={rev} />
      <h1>
        {summary.patientName ?? '(no name)'} · {formatDicomDate(summary.date)}
      </h1>
      <p className="muted">
        {summary.description ?? 'No description'} · patient {summary.patientId ?? '—'} · <code>{study}</code>
      </p>
      <table>
        <caption className="muted">Series</caption>
        <thead>
          <tr>
            <th scope="col">Preview</th>
            <th scope="col">Number</th>
            <th scope="col">Modality</th>
            <th scope="col">Description</th>
            <th scope="col">Instances</th>
          </tr>
        </thead>
        <tbody>
          {series.map((one) => (
            <tr key={one.seriesInstanceUid}>
              <td>
                <Link
                  href={viewerPaths.series(owner, name, study, one.seriesInstanceUid, rev)}
                  prefetch={false}
                  tabIndex={-1}
                >
                  <Thumbnail
                    src={`${base}/studies/${encodeURIComponent(study)}/series/${encodeURIComponent(one.seriesInstanceUid)}/thumbnail`}
                    alt={`Series ${one.number ?? ''} ${one.description ?? ''}`.trim()}
                  />
                </Link>
              </td>
              <td>{one.number ?? ''}</td>
              <td>{one.modality ?? ''}</td>
              <td>
                <Link href={viewerPaths.series(owner, name, study, one.seriesInstanceUid, rev)} prefetch={false}>
                  {one.description ?? `Series ${one.number ?? one.seriesInstanceUid}`}
                </Link>
              </td>
              <td>{one.instances}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}
