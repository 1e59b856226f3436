import { StrataError } from '@strata/modules/errors';
import { matchesSequenceConditions, type QidoQuery } from '@strata/modules/qido';
import type { DatasetRecord, QidoMatch } from '@strata/models';
import { searchVersion, type SearchResult } from '../qido/index.js';
import type { VersioningDeps } from '../versioning/versioning-deps.js';
import { headerAttributesOf, type HeaderTarget } from './header-attributes.js';

/** The most candidates a search with sequence keys reads headers for. */
export const SEQUENCE_CANDIDATES = 10_000;
/** Headers read per round, until the page is full. */
const ROUND = 64;

/** Where a QIDO match's header is read from: the instance, or a series' or study's first instance. */
export function headerTargetOf(level: QidoQuery['level'], match: QidoMatch): HeaderTarget {
  return {
    study: match.study.uid,
    ...(level !== 'study' && match.series !== undefined && { series: match.series.uid }),
    ...(level === 'instance' && match.instance !== undefined && { instance: match.instance.uid }),
  };
}

/**
 * A QIDO search with keys inside sequences (PS3.4 C.2.2.2.6), which the index does not hold: the
 * index selects the candidates by every other key, in result order, and each candidate's header
 * (a series' or study's first instance for those levels) is read and matched until the page
 * (limit and offset) is full. More than SEQUENCE_CANDIDATES candidates is a 400
 * (`qido.sequence_match_too_broad`): the other keys must narrow the search first.
 */
export async function searchWithSequences(
  deps: VersioningDeps,
  dataset: DatasetRecord,
  ref: string,
  query: QidoQuery,
  maxCandidates: number = SEQUENCE_CANDIDATES,
): Promise<SearchResult> {
  const candidates = await searchVersion(deps, dataset, ref, {
    ...query,
    offset: 0,
    limit: maxCandidates + 1,
  });
  if (candidates.matches.length > maxCandidates) {
    throw new StrataError(
      'qido.sequence_match_too_broad',
      'invalid',
      `Keys inside sequences are matched by reading headers, and the other keys select more than ${maxCandidates} ${query.level === 'study' ? 'studies' : query.level === 'series' ? 'series' : 'instances'}: add keys that narrow the search.`,
      { details: { candidates: `more than ${maxCandidates}` } },
    );
  }
  const sequences = [...new Set(query.sequenceConditions.map((condition) => condition.path[0] ?? ''))];
  const wanted = query.offset + query.limit;
  const kept: QidoMatch[] = [];
  for (let start = 0; start < candidates.matches.length && kept.length < wanted; start += ROUND) {
    const round = candidates.matches.slice(start, start + ROUND);
    const headers = await headerAttributesOf(
      deps,
      candidates.tree,
      round.map((match) => headerTargetOf(query.level, match)),
      sequences,
    );
    round.forEach((match, i) => {
      if (matchesSequenceConditions(headers[i] ?? {}, query.sequenceConditions)) kept.push(match);
    });
  }
  return { ...candidates, matches: kept.slice(query.offset, wanted) };
}
