import { ApiError, apiFetch } from './api';
import { paths } from './paths';

/** A DICOM JSON attribute (PS3.18 F.2). */
interface Attribute {
  vr: string;
  Value?: unknown[];
}
type DicomJson = Record<string, Attribute | undefined>;

export interface StudySummary {
  studyInstanceUid: string;
  date: string | undefined;
  description: string | undefined;
  patientName: string | undefined;
  patientId: string | undefined;
  modalities: string[];
  series: number;
  instances: number;
}

export interface StudyList {
  studies: StudySummary[];
  /** The server returned fewer than it has (its `Warning: 299`). */
  truncated: boolean;
}

const INCLUDE = ['00081030', '00080061', '00201206', '00201208', '00100010', '00100020', '00080020'].join(',');

/** QIDO-RS matching keys for a study search, already checked (see `studyFilterOf`). */
export type StudyFilter = Record<string, string>;

/** The studies at a ref, through the ref's own DICOMweb endpoint (QIDO-RS). */
export async function studiesAt(
  owner: string,
  name: string,
  ref: string,
  filter: StudyFilter = {},
  limit = 200,
): Promise<StudyList> {
  const query = new URLSearchParams({ ...filter, includefield: INCLUDE, limit: String(limit) });
  const response = await qido(`${paths.dicomweb(owner, name, ref)}/studies?${query}`);
  if (response === undefined) return { studies: [], truncated: false };
  const studies = ((await response.json()) as DicomJson[]).map(studyOf);
  return { studies, truncated: response.headers.get('warning') !== null };
}

export interface SeriesSummary {
  seriesInstanceUid: string;
  number: string | undefined;
  modality: string | undefined;
  description: string | undefined;
  instances: number;
}

/** The series of one study at a ref, by series number. */
export async function seriesAt(owner: string, name: string, ref: string, study: string): Promise<SeriesSummary[]> {
  const url = `${paths.dicomweb(owner, name, ref)}/studies/${encodeURIComponent(study)}/series?includefield=0008103E,00201209`;
  const response = await qido(url);
  if (response === undefined) return [];
  return ((await response.json()) as DicomJson[])
    .map((json) => ({
      seriesInstanceUid: text(json['0020000E']) ?? '',
      number: text(json['00200011']),
      modality: text(json['00080060']),
      description: text(json['0008103E']),
      instances: Number(json['00201209']?.Value?.[0] ?? 0),
    }))
    .sort((a, b) => Number(a.number ?? 0) - Number(b.number ?? 0));
}

/** A QIDO-RS answer; undefined for 204 (no match); an ApiError for a refusal. */
async function qido(path: string): Promise<Response | undefined> {
  const response = await apiFetch(path, { headers: { accept: 'application/dicom+json' } });
  if (response.status === 204) return undefined;
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: { code: string; message: string } };
    throw new ApiError(
      body.error?.code ?? 'dicomweb.failed',
      body.error?.message ?? `QIDO-RS answered ${response.status}.`,
    );
  }
  return response;
}

/** The study browser's filters as typed into its form (`modality`, `from`, `to`, `description`). */
export interface StudyFilterInput {
  modality?: string | string[] | undefined;
  from?: string | string[] | undefined;
  to?: string | string[] | undefined;
  description?: string | string[] | undefined;
}

/** The QIDO-RS keys for the form's filters, or a message saying which one is wrong. */
export function studyFilterOf(input: StudyFilterInput): StudyFilter | string {
  const one = (value: string | string[] | undefined) => (typeof value === 'string' ? value.trim() : '');
  const [modality, from, to, description] = [
    one(input.modality),
    one(input.from),
    one(input.to),
    one(input.description),
  ];
  const filter: StudyFilter = {};
  if (modality !== '') {
    if (!/^[A-Za-z0-9]{1,16}$/.test(modality)) return `“${modality}” is not a modality: use a code such as CT or MR.`;
    filter['ModalitiesInStudy'] = modality.toUpperCase();
  }
  const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);
  if ((from !== '' && !isDate(from)) || (to !== '' && !isDate(to))) return 'Dates are YYYY-MM-DD.';
  if (from !== '' || to !== '') filter['StudyDate'] = `${from.replaceAll('-', '')}-${to.replaceAll('-', '')}`;
  if (description !== '') {
    if (description.length > 64) return 'Search descriptions with at most 64 characters.';
    // The text is matched as a substring; QIDO's wildcard characters in it are dropped, not obeyed.
    filter['StudyDescription'] = `*${description.replace(/[*?\\]/g, '')}*`;
  }
  return filter;
}

function studyOf(json: DicomJson): StudySummary {
  return {
    studyInstanceUid: text(json['0020000D']) ?? '',
    date: text(json['00080020']),
    description: text(json['00081030']),
    patientName: personName(json['00100010']),
    patientId: text(json['00100020']),
    modalities: (json['00080061']?.Value ?? []).filter((value): value is string => typeof value === 'string'),
    series: Number(json['00201206']?.Value?.[0] ?? 0),
    instances: Number(json['00201208']?.Value?.[0] ?? 0),
  };
}

function text(attribute: Attribute | undefined): string | undefined {
  const value = attribute?.Value?.[0];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

function personName(attribute: Attribute | undefined): string | undefined {
  const value = attribute?.Value?.[0] as { Alphabetic?: string } | undefined;
  return value?.Alphabetic;
}
