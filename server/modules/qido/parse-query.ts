import { dictionaryEntry, isValidUid, tagOfKeyword } from '../dicom/index.js';
import { StrataError } from '../errors/index.js';
import { findKey, UID_OF_LEVEL } from './keys.js';
import { normalizePersonName } from './person-name.js';
import {
  levelDepth,
  type Condition,
  type Match,
  type QidoKey,
  type QidoQuery,
  type QueryLevel,
  type SequenceCondition,
} from './query.js';

export interface ParseOptions {
  /** The most results one response may hold; `limit` is capped to it. */
  maxLimit: number;
  /** Results when the query gives no `limit`. */
  defaultLimit: number;
}

const WILDCARD_VRS = new Set(['AE', 'CS', 'LO', 'LT', 'PN', 'SH', 'ST', 'UC', 'UR', 'UT']);
const RANGE_VRS = new Set(['DA', 'TM', 'DT']);
const RESERVED = new Set(['limit', 'offset', 'fuzzymatching', 'includefield']);
const PATTERNS: Record<string, RegExp> = {
  DA: /^\d{8}$/,
  TM: /^\d{2}(\d{2}(\d{2}(\.\d{1,6})?)?)?$/,
  DT: /^\d{4}(\d{2}(\d{2}(\d{2}(\d{2}(\d{2}(\.\d{1,6})?)?)?)?)?)?([+-]\d{4})?$/,
  IS: /^[+-]?\d{1,12}$/,
  US: /^\d{1,5}$/,
};

/**
 * Reads QIDO-RS query parameters (PS3.18 8.3.4) into a query at `level`. Attributes are named by
 * keyword or tag; a key this index cannot match (unknown, a sequence path, below the level) is
 * listed in `ignored`, as the standard asks, while a malformed value is refused with
 * `qido.invalid_parameter` naming the parameter.
 */
export function parseQidoQuery(level: QueryLevel, params: URLSearchParams, options: ParseOptions): QidoQuery {
  const conditions: Condition[] = [];
  const ignored: string[] = [];
  const includeFields: string[] = [];
  const extraFields: string[] = [];
  const sequenceConditions: SequenceCondition[] = [];
  let includeAll = false;
  let fuzzy = false;
  let limit = options.defaultLimit;
  let offset = 0;
  const seen = new Set<string>();
  for (const [name, raw] of params) {
    const lower = name.toLowerCase();
    if (RESERVED.has(lower)) {
      if (lower === 'includefield') {
        for (const field of raw.split(',').filter((part) => part !== '')) {
          if (field === 'all') includeAll = true;
          else {
            // The index returns its keys of this level and those above; the rest come from headers.
            const found = findKey(field);
            const key = found !== undefined && levelDepth(found.level) <= levelDepth(level) ? found : undefined;
            const extra = key === undefined ? (found?.tag ?? headerTag(field)) : undefined;
            if (key !== undefined) includeFields.push(key.tag);
            else if (extra !== undefined) extraFields.push(extra);
            else ignored.push(field);
          }
        }
        continue;
      }
      if (seen.has(lower)) throw invalid(name, 'it is given more than once');
      seen.add(lower);
      if (lower === 'limit') limit = Math.min(count(name, raw, 1), options.maxLimit);
      else if (lower === 'offset') offset = count(name, raw, 0);
      else fuzzy = booleanValue(name, raw);
      continue;
    }
    if (name.includes('.')) {
      const sequence = sequenceCondition(name, raw);
      if (sequence !== undefined) {
        sequenceConditions.push(sequence);
        continue;
      }
    }
    const key = findKey(name);
    if (key === undefined || levelDepth(key.level) > levelDepth(level)) {
      if (!/^([0-9A-Fa-f]{8}|[A-Za-z][A-Za-z0-9]*)(\.([0-9A-Fa-f]{8}|[A-Za-z][A-Za-z0-9]*))*$/.test(name)) {
        throw invalid(name, 'it is neither an attribute keyword nor an 8-digit tag');
      }
      ignored.push(name);
      continue;
    }
    if (seen.has(key.tag)) throw invalid(name, `${key.keyword} is given more than once`);
    seen.add(key.tag);
    if (key.returnOnly) {
      if (raw !== '') ignored.push(name);
      includeFields.push(key.tag);
      continue;
    }
    conditions.push({ key, match: parseMatch(key, name, raw) });
  }
  return {
    level,
    conditions,
    includeFields: includeAll ? 'all' : [...new Set(includeFields)],
    extraFields: [...new Set(extraFields)],
    sequenceConditions,
    fuzzy,
    limit,
    offset,
    ignored,
  };
}

/**
 * A top-level attribute a header can be asked for: a PS3.6 keyword, or 8 hex digits of a PS3.6
 * or private data element (not a group length, a Private Creator, or File Meta Information).
 */
function headerTag(field: string): string | undefined {
  if (/^[0-9A-Fa-f]{8}$/.test(field)) {
    const tag = Number.parseInt(field, 16);
    const group = tag >>> 16;
    const element = tag & 0xffff;
    if (group <= 2 || element === 0) return undefined;
    if (group % 2 === 1 ? element >= 0x10 && element <= 0xff : dictionaryEntry(tag) === undefined) return undefined;
    return field.toUpperCase();
  }
  const tag = tagOfKeyword(field);
  return tag === undefined || tag >>> 16 <= 2 ? undefined : tag.toString(16).toUpperCase().padStart(8, '0');
}

/**
 * `{sequence}.{attribute}` (any depth), each named by keyword or tag: every step but the last a
 * public SQ attribute, the last a public attribute that is not one; undefined otherwise (ignored).
 */
function sequenceCondition(name: string, raw: string): SequenceCondition | undefined {
  const path: string[] = [];
  const vrs: string[] = [];
  for (const segment of name.split('.')) {
    const tag = /^[0-9A-Fa-f]{8}$/.test(segment) ? Number.parseInt(segment, 16) : tagOfKeyword(segment);
    const entry = tag === undefined ? undefined : dictionaryEntry(tag);
    if (tag === undefined || entry === undefined) return undefined;
    path.push(tag.toString(16).toUpperCase().padStart(8, '0'));
    vrs.push(entry.vr.split('/')[0] ?? 'UN');
  }
  const leaf = vrs.at(-1) ?? 'SQ';
  if (path.length < 2 || vrs.slice(0, -1).some((vr) => vr !== 'SQ') || leaf === 'SQ') return undefined;
  const key: QidoKey = { tag: path.at(-1) ?? '', keyword: name, vr: leaf, level: 'instance' };
  return { name, path, vr: leaf, match: parseMatch(key, name, raw) };
}

function parseMatch(key: QidoKey, name: string, raw: string): Match {
  if (raw === '' || raw === '*') return { kind: 'universal' };
  if (key.vr === 'UI') {
    const values = raw.split(/[,\\]/);
    const bad = values.find((uid) => !isValidUid(uid));
    if (bad !== undefined) throw invalid(name, `${JSON.stringify(bad)} is not a valid UID`);
    return values.length === 1 ? { kind: 'single', value: values[0] ?? '' } : { kind: 'list', values };
  }
  if (RANGE_VRS.has(key.vr) && raw.includes('-') && !(key.vr === 'DT' && /^[^-]+[+-]\d{4}$/.test(raw))) {
    const [from = '', to = '', ...rest] = raw.split('-');
    if (rest.length > 0 || (from === '' && to === '')) throw invalid(name, `${JSON.stringify(raw)} is not a range`);
    for (const end of [from, to]) if (end !== '') checkValue(key, name, end);
    if (from !== '' && to !== '' && from > to) throw invalid(name, `the range ${raw} ends before it starts`);
    return { kind: 'range', ...(from !== '' && { from }), ...(to !== '' && { to }) };
  }
  const text = key.vr === 'PN' ? normalizePersonName(raw) : raw;
  if (WILDCARD_VRS.has(key.vr) && /[*?]/.test(text)) return { kind: 'wildcard', pattern: text };
  checkValue(key, name, raw);
  // Integers are indexed as JSON numbers: "+05" matches 5.
  if (key.vr === 'IS' || key.vr === 'US') return { kind: 'single', value: String(Number(raw)) };
  return { kind: 'single', value: text };
}

function checkValue(key: QidoKey, name: string, value: string): void {
  const pattern = PATTERNS[key.vr];
  if (pattern !== undefined && !pattern.test(value)) {
    throw invalid(name, `${JSON.stringify(value)} is not a valid ${key.vr} value`);
  }
  if (value.includes('\0')) throw invalid(name, 'it contains a NUL character');
}

function count(name: string, raw: string, minimum: number): number {
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < minimum) {
    throw invalid(name, `${JSON.stringify(raw)} is not an integer ≥ ${minimum}`);
  }
  return Number(raw);
}

function booleanValue(name: string, raw: string): boolean {
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw invalid(name, 'it must be true or false');
}

function invalid(name: string, why: string): StrataError {
  return new StrataError('qido.invalid_parameter', 'invalid', `Query parameter ${name}: ${why}.`, {
    details: { parameter: name },
  });
}

/** A query for the instances, series or studies under fixed UIDs (the path of a QIDO-RS URL). */
export function scopedTo(query: QidoQuery, uids: Partial<Record<QueryLevel, string>>): QidoQuery {
  const fixed: Condition[] = [];
  for (const level of ['study', 'series'] as const) {
    const uid = uids[level];
    if (uid === undefined) continue;
    const key = findKey(UID_OF_LEVEL[level]);
    if (key !== undefined) fixed.push({ key, match: { kind: 'single', value: uid } });
  }
  const tags = new Set(fixed.map((condition) => condition.key.tag));
  return { ...query, conditions: [...fixed, ...query.conditions.filter((c) => !tags.has(c.key.tag))] };
}
