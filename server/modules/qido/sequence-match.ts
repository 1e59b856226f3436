import type { DicomJsonDataSet } from '../dicom/index.js';
import { personNameSearchValues } from './person-name.js';
import type { Match, SequenceCondition } from './query.js';

/**
 * Whether a data set satisfies every sequence condition. Conditions under one sequence must hold
 * in one and the same item (PS3.4 C.2.2.2.6: an item matches when all its keys do), at every depth.
 */
export function matchesSequenceConditions(
  dataSet: DicomJsonDataSet,
  conditions: readonly SequenceCondition[],
): boolean {
  return matchesAt(
    dataSet,
    conditions.map((condition) => ({ condition, rest: condition.path })),
  );
}

interface Pending {
  condition: SequenceCondition;
  /** The tags still to walk from this data set. */
  rest: readonly string[];
}

function matchesAt(dataSet: DicomJsonDataSet, pending: readonly Pending[]): boolean {
  const bySequence = new Map<string, Pending[]>();
  for (const entry of pending) {
    const [tag = '', ...rest] = entry.rest;
    if (rest.length === 0) {
      if (!matchesValue(dataSet[tag]?.Value, entry.condition)) return false;
      continue;
    }
    const group = bySequence.get(tag) ?? [];
    group.push({ condition: entry.condition, rest });
    bySequence.set(tag, group);
  }
  for (const [tag, group] of bySequence) {
    const items = (dataSet[tag]?.Value ?? []) as DicomJsonDataSet[];
    if (!items.some((item) => item !== null && typeof item === 'object' && matchesAt(item, group))) return false;
  }
  return true;
}

function matchesValue(values: readonly unknown[] | undefined, condition: SequenceCondition): boolean {
  const { match, vr } = condition;
  if (match.kind === 'universal') return true;
  const texts =
    vr === 'PN'
      ? personNameSearchValues(values)
      : (values ?? []).flatMap((value) =>
          typeof value === 'string' || typeof value === 'number' ? [String(value)] : [],
        );
  return texts.some((text) => matchesText(text, match, vr));
}

function matchesText(text: string, match: Exclude<Match, { kind: 'universal' }>, vr: string): boolean {
  switch (match.kind) {
    case 'single':
      return vr === 'IS' || vr === 'DS' || vr === 'US' || vr === 'SS' || vr === 'UL' || vr === 'SL'
        ? Number(text) === Number(match.value)
        : text === match.value;
    case 'list':
      return match.values.includes(text);
    case 'wildcard':
      return wildcardPattern(match.pattern).test(text);
    case 'range': {
      // Inclusive at each bound's precision: "-1300" keeps 13:00:59, as the index does.
      if (match.from !== undefined && text.slice(0, match.from.length) < match.from) return false;
      if (match.to !== undefined && text.slice(0, match.to.length) > match.to) return false;
      return true;
    }
  }
}

const patterns = new Map<string, RegExp>();

function wildcardPattern(pattern: string): RegExp {
  let regex = patterns.get(pattern);
  if (regex === undefined) {
    const source = [...pattern]
      .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('');
    regex = new RegExp(`^${source}$`, 'su');
    if (patterns.size > 1000) patterns.clear();
    patterns.set(pattern, regex);
  }
  return regex;
}
