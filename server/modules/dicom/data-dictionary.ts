import { DICTIONARY_ENTRIES, REPEATING_GROUP_ENTRIES } from './dictionary-entries.js';

/** An attribute of the PS3.6 data dictionary. */
export interface DictionaryEntry {
  /** The VR, or PS3.6's choice of VRs written "US/SS", "OB/OW", "US/OW" or "US/SS/OW". */
  readonly vr: string;
  /** The keyword; empty for a few retired attributes that PS3.6 gives none. */
  readonly keyword: string;
}

interface RepeatingGroupEntry extends DictionaryEntry {
  /** The tag with the varying digits zeroed, and the mask that zeroes them. */
  readonly value: number;
  readonly mask: number;
}

function parseLines(text: string): [string, DictionaryEntry][] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [tag = '', vr = 'UN', keyword = ''] = line.split(' ');
      return [tag, { vr, keyword }];
    });
}

const EXACT: ReadonlyMap<number, DictionaryEntry> = new Map(
  parseLines(DICTIONARY_ENTRIES).map(([tag, entry]) => [Number.parseInt(tag, 16), entry]),
);

const REPEATING: readonly RepeatingGroupEntry[] = parseLines(REPEATING_GROUP_ENTRIES).map(([tag, entry]) => ({
  ...entry,
  value: Number.parseInt(tag.replaceAll('x', '0'), 16) >>> 0,
  mask: Number.parseInt(tag.replace(/[0-9A-F]/g, 'F').replaceAll('x', '0'), 16) >>> 0,
}));

/** The PS3.6 entry of a public tag, repeating groups (50xx, 60xx, …) included; undefined if unknown. */
export function dictionaryEntry(tag: number): DictionaryEntry | undefined {
  const exact = EXACT.get(tag);
  if (exact !== undefined) return exact;
  return REPEATING.find((entry) => (tag & entry.mask) >>> 0 === entry.value);
}

let byKeyword: Map<string, number> | undefined;

/** The tag of a PS3.6 keyword (exact entries only), or undefined. */
export function tagOfKeyword(keyword: string): number | undefined {
  byKeyword ??= new Map(
    [...EXACT].filter(([, entry]) => entry.keyword !== '').map(([tag, entry]) => [entry.keyword, tag]),
  );
  return byKeyword.get(keyword);
}
