import type { Digest } from '@strata/modules/blob';
import { NodeStaging, diffTrees, type PathChange } from '@strata/modules/objects';
import type { DatasetRecord } from '@strata/models';
import { readCommit } from './commit-store.js';
import { resolveRef } from './refs.js';
import type { VersioningDeps } from './versioning-deps.js';

export interface SeriesChanges {
  seriesInstanceUid: string;
  added: string[];
  removed: string[];
  changed: string[];
}

export interface StudyChanges {
  studyInstanceUid: string;
  series: SeriesChanges[];
}

/** What differs between two refs: DICOM instances grouped by study and series, and other files. */
export interface RefDiff {
  from: Digest;
  to: Digest;
  counts: { added: number; removed: number; changed: number };
  studies: StudyChanges[];
  /** Changes to files that are not DICOM instances at StudyUID/SeriesUID/SOPUID. */
  files: PathChange[];
}

/** Diffs two refs; the cost follows the number of changes (equal subtrees are skipped unread). */
export async function diffRefs(
  deps: VersioningDeps,
  dataset: DatasetRecord,
  from: string,
  to: string,
): Promise<RefDiff> {
  const [a, b] = await Promise.all([resolveRef(deps, dataset, from), resolveRef(deps, dataset, to)]);
  return diffCommits(deps, a.commit, b.commit);
}

/**
 * Diffs two commits the caller has already resolved (a proposal's base and head, which may be a
 * fork's commits): ids a client sends go through diffRefs, which resolves them in their dataset.
 */
export async function diffCommits(deps: VersioningDeps, from: Digest, to: Digest): Promise<RefDiff> {
  const repositories = deps.database.read();
  const [before, after] = await Promise.all([readCommit(repositories, from), readCommit(repositories, to)]);
  const result: RefDiff = {
    from,
    to,
    counts: { added: 0, removed: 0, changed: 0 },
    studies: [],
    files: [],
  };
  const studies = new Map<string, Map<string, SeriesChanges>>();
  for await (const change of diffTrees(new NodeStaging(repositories.objects), before.tree, after.tree)) {
    const kind = change.before === undefined ? 'added' : change.after === undefined ? 'removed' : 'changed';
    result.counts[kind]++;
    const segments = change.path.split('/');
    const isInstance = segments.length === 3 && (change.before ?? change.after)?.kind === 'dicom';
    if (!isInstance) {
      result.files.push(change);
      continue;
    }
    const [study = '', series = '', sop = ''] = segments;
    const seriesMap = studies.get(study) ?? new Map<string, SeriesChanges>();
    studies.set(study, seriesMap);
    const entry = seriesMap.get(series) ?? { seriesInstanceUid: series, added: [], removed: [], changed: [] };
    seriesMap.set(series, entry);
    entry[kind].push(sop);
  }
  result.studies = [...studies].map(([studyInstanceUid, series]) => ({
    studyInstanceUid,
    series: [...series.values()],
  }));
  return result;
}
