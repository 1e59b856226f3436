// Server side: the study and series a viewer page is about, or the page to show instead (sign-in,
// 404 for an unknown dataset, a message for an unknown ref, study or series). One request on the
// way to a viewer: the series' WADO-RS metadata, which also tells the first frame to fetch early.
import { notFound, redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { ApiError, apiFetch } from '../api';
import { ErrorNotice } from '../components/error-notice';
import { studiesAt } from '../dicomweb';
import { paths } from '../paths';
import { initialIndex, numberOf, seriesStack, stringOf, type DeepLink, type DicomJson } from './series-stack';

/** What the page says about the series before any image loads. */
export interface SeriesFacts {
  patientName: string | undefined;
  patientId: string | undefined;
  studyDate: string | undefined;
  studyDescription: string | undefined;
  number: string | undefined;
  modality: string | undefined;
  description: string | undefined;
  instances: number;
}

export type SeriesContext =
  | {
      status: 'found';
      facts: SeriesFacts;
      /** The frame the viewer opens at (for the page to ask for early), when it can be told. */
      frameUrl: string | undefined;
      /** The commit the ref resolved to (the API's Strata-Commit header). */
      commitId: string | undefined;
    }
  /** The ref has no such study or series: `page` says so. */
  | { status: 'missing'; page: ReactNode }
  /** The ref does not exist, or the server refused: `page` says so. */
  | { status: 'failed'; page: ReactNode };

function factsOf(metadata: DicomJson[]): SeriesFacts {
  const first = metadata[0] ?? {};
  const name = first['00100010']?.Value?.[0] as { Alphabetic?: string } | undefined;
  return {
    patientName: name?.Alphabetic,
    patientId: stringOf(first, '00100020'),
    studyDate: stringOf(first, '00080020'),
    studyDescription: stringOf(first, '00081030'),
    number: numberOf(first, '00200011')?.toString(),
    modality: stringOf(first, '00080060'),
    description: stringOf(first, '0008103E'),
    instances: metadata.length,
  };
}

/**
 * The series at `ref` (its WADO-RS URL `seriesUrl`), or what to render instead. `returnTo` is
 * where signing in comes back to.
 */
export async function seriesContext(
  where: { owner: string; name: string; ref: string; study: string; series: string; seriesUrl: string },
  link: DeepLink,
  returnTo: string,
): Promise<SeriesContext> {
  const { owner, name, ref, study, series, seriesUrl } = where;
  const response = await apiFetch(`${seriesUrl}/metadata`, { headers: { accept: 'application/dicom+json' } }).catch(
    (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
  );
  if (!(response instanceof Error) && response.ok) {
    const metadata = (await response.json()) as DicomJson[];
    const { entries } = seriesStack(seriesUrl, metadata);
    return {
      status: 'found',
      facts: factsOf(metadata),
      frameUrl: entries[initialIndex(entries, link)]?.frameUrl,
      commitId: response.headers.get('strata-commit') ?? undefined,
    };
  }
  let failure: Error;
  if (response instanceof Error) failure = response;
  else {
    const body = (await response.json().catch(() => ({}))) as { error?: { code: string; message: string } };
    failure = new ApiError(
      body.error?.code ?? 'dicomweb.failed',
      body.error?.message ?? `WADO-RS answered ${response.status}.`,
    );
  }
  if (failure instanceof ApiError && failure.code === 'auth.required') redirect(paths.signIn(returnTo));
  if (failure instanceof ApiError && failure.code === 'dataset.not_found') notFound();
  if (!(failure instanceof ApiError && failure.code === 'dicomweb.not_found')) {
    return {
      status: 'failed',
      page: <ErrorNotice title={`The series could not be shown at “${ref}”`} error={failure} />,
    };
  }
  // Nothing at study/series: say which of the two is missing.
  const studies = await studiesAt(owner, name, ref, { StudyInstanceUID: study }, 1).catch(() => undefined);
  return {
    status: 'missing',
    page:
      studies?.studies[0] === undefined ? (
        <ErrorNotice
          title="No such study here"
          error={new ApiError('study.not_found', `${owner}/${name} has no study ${study} at “${ref}”.`)}
        />
      ) : (
        <ErrorNotice
          title="No such series here"
          error={new ApiError('series.not_found', `Study ${study} has no series ${series} at “${ref}”.`)}
        />
      ),
  };
}
