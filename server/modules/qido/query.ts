import type { QueryLevel } from '../dicom/index.js';

export type { QueryLevel } from '../dicom/index.js';

/** The query/retrieve levels from the top, so a level can be compared with another. */
export const LEVELS: readonly QueryLevel[] = ['study', 'series', 'instance'];

export function levelDepth(level: QueryLevel): number {
  return LEVELS.indexOf(level);
}

/** An attribute QIDO-RS can match or return (see keys.ts). */
export interface QidoKey {
  /** 8 upper-case hex digits: the key of the DICOM JSON model. */
  readonly tag: string;
  readonly keyword: string;
  readonly vr: string;
  readonly level: QueryLevel;
  /** Computed from the tree (counts, ModalitiesInStudy) rather than read from an instance. */
  readonly derived?: boolean;
  /** Returned, never matched (the Number of … Related … counts, PS3.18 Table 10.6.1-5). */
  readonly returnOnly?: boolean;
}

/**
 * How one attribute is matched (PS3.4 C.2.2.2): `single` value, a `list` of UIDs, a `wildcard`
 * pattern (`*` any run, `?` one character), a `range` of dates or times (either end open), or
 * `universal` (any value, the attribute only asked for).
 */
export type Match =
  | { kind: 'single'; value: string }
  | { kind: 'list'; values: string[] }
  | { kind: 'wildcard'; pattern: string }
  | { kind: 'range'; from?: string; to?: string }
  | { kind: 'universal' };

/**
 * A key inside a sequence (PS3.18 8.3.4.1, `{sequence}.{attribute}`, to any depth): matched
 * against the items of the data set read from a header (PS3.4 C.2.2.2.6), not the index.
 */
export interface SequenceCondition {
  /** The parameter as written, for messages. */
  name: string;
  /** Tags (8 upper-case hex digits) from the top-level sequence down to the attribute matched. */
  path: string[];
  /** The VR of the attribute matched. */
  vr: string;
  match: Match;
}

export interface Condition {
  key: QidoKey;
  match: Match;
}

/**
 * A QIDO-RS search, independent of HTTP and SQL: built by `parseQidoQuery`, rendered to SQL by
 * the models layer. Conditions are on the query's level or above it (a series search may match
 * study attributes).
 */
export interface QidoQuery {
  level: QueryLevel;
  conditions: Condition[];
  /** Attributes to return besides the defaults: `all`, or tags. */
  includeFields: 'all' | string[];
  /**
   * Attributes named by includefield that the index does not hold (8 upper-case hex digits, PS3.6
   * or private): read from the header of each result's instance (a series' or study's first).
   */
  extraFields: string[];
  /** Keys inside sequences, matched against each candidate's header after the index has matched the rest. */
  sequenceConditions: SequenceCondition[];
  /** `fuzzymatching=true` was asked for (person names always match case- and accent-insensitively). */
  fuzzy: boolean;
  limit: number;
  offset: number;
  /** Keys the query named that cannot be matched here (unknown, sequences, below the level): PS3.18 says ignore and warn. */
  ignored: string[];
}
