import { QIDO_ATTRIBUTES } from '../dicom/index.js';
import type { QidoKey } from './query.js';

/**
 * Every attribute the index matches and returns: what the parser extracts (QIDO_ATTRIBUTES) and
 * what the index computes from the tree.
 */
export const QIDO_KEYS: readonly QidoKey[] = [
  ...QIDO_ATTRIBUTES,
  { tag: '00080061', keyword: 'ModalitiesInStudy', vr: 'CS', level: 'study', derived: true },
  { tag: '00201206', keyword: 'NumberOfStudyRelatedSeries', vr: 'IS', level: 'study', derived: true, returnOnly: true },
  {
    tag: '00201208',
    keyword: 'NumberOfStudyRelatedInstances',
    vr: 'IS',
    level: 'study',
    derived: true,
    returnOnly: true,
  },
  {
    tag: '00201209',
    keyword: 'NumberOfSeriesRelatedInstances',
    vr: 'IS',
    level: 'series',
    derived: true,
    returnOnly: true,
  },
];

export const KEYS_BY_KEYWORD: ReadonlyMap<string, QidoKey> = new Map(QIDO_KEYS.map((key) => [key.keyword, key]));
export const KEYS_BY_TAG: ReadonlyMap<string, QidoKey> = new Map(QIDO_KEYS.map((key) => [key.tag, key]));

/** The key for a keyword or an 8-digit tag (any case), or undefined. */
export function findKey(name: string): QidoKey | undefined {
  return /^[0-9A-Fa-f]{8}$/.test(name) ? KEYS_BY_TAG.get(name.toUpperCase()) : KEYS_BY_KEYWORD.get(name);
}

/** The keys whose values identify a level: they are the directory names of the tree. */
export const UID_OF_LEVEL = { study: '0020000D', series: '0020000E', instance: '00080018' } as const;
