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

/** The studies at a ref, through the ref's own DICOMweb endpoint (QIDO-RS). */
export async function studiesAt(owner: string, name: string, ref: string, limit = 200): Promise<StudyList> {
  const response = await apiFetch(
    `${paths.dicomweb(owner, name, ref)}/studies?includefield=${INCLUDE}&limit=${limit}`,
    { headers: { accept: 'application/dicom+json' } },
  );
  if (response.status === 204) return { studies: [], truncated: false };
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: { code: string; message: string } };
    throw new ApiError(
      body.error?.code ?? 'dicomweb.failed',
      body.error?.message ?? `QIDO-RS answered ${response.status}.`,
    );
  }
  const studies = ((await response.json()) as DicomJson[]).map(studyOf);
  return { studies, truncated: response.headers.get('warning') !== null };
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

/** A DICOM date (YYYYMMDD) as people read it. */
export function formatDicomDate(date: string | undefined): string {
  return date !== undefined && /^\d{8}$/.test(date)
    ? `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`
    : (date ?? '');
}
