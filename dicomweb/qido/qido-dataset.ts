import type { QueryLevel } from '@strata/modules/qido';
import type { SearchResult } from '@strata/services/qido';

type Match = SearchResult['matches'][number];
type Attributes = Record<string, unknown>;

const MODALITIES_IN_STUDY = '00080061';
const RETRIEVE_URL = '00081190';

/**
 * The response data set of one QIDO-RS match (PS3.18 10.6.3): the attributes the index holds for
 * the match's study, series and instance (deeper levels win: an instance's own values are exact
 * for it), attributes read from the instance's header that includefield asked for, and
 * RetrieveURL, keys in tag order.
 */
export function qidoDataset(level: QueryLevel, match: Match, base: string, fromHeader: Attributes = {}): Attributes {
  // What includefield asked for beyond the index, read from the header; the index's own win.
  const merged: Attributes = { ...fromHeader, ...match.study.attrs };
  if (level !== 'study' && match.series !== undefined) Object.assign(merged, match.series.attrs);
  if (level === 'instance' && match.instance !== undefined) Object.assign(merged, match.instance.attrs);
  // A present but empty ModalitiesInStudy fails OHIF's whole study list: leave it out.
  const modalities = merged[MODALITIES_IN_STUDY] as { Value?: unknown[] } | undefined;
  if (modalities !== undefined && (modalities.Value?.length ?? 0) === 0) delete merged[MODALITIES_IN_STUDY];
  merged[RETRIEVE_URL] = { vr: 'UR', Value: [retrieveUrl(level, match, base)] };
  return Object.fromEntries(Object.entries(merged).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function retrieveUrl(level: QueryLevel, match: Match, base: string): string {
  const path = [`studies/${match.study.uid}`];
  if (level !== 'study' && match.series !== undefined) path.push(`series/${match.series.uid}`);
  if (level === 'instance' && match.instance !== undefined) path.push(`instances/${match.instance.uid}`);
  return `${base}/${path.join('/')}`;
}
