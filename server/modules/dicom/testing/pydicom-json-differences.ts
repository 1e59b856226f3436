import { isDeepStrictEqual } from 'node:util';
import type { Difference, JsonAttributeLike } from './dicom-json-diff.js';

/**
 * Test support: every way readInstanceMetadata may differ from pydicom 2.3's to_json_dict, each
 * with the reason (the README lists them). A difference none of these explains fails the test.
 */
export interface KnownDifference {
  readonly name: string;
  readonly reason: string;
  explains(difference: Difference): boolean;
}

const lastTag = (difference: Difference): string => String(difference.path.at(-1));
const isPrivate = (tag: string): boolean => Number.parseInt(tag.slice(0, 4), 16) % 2 === 1;
const valuesOf = (attribute: JsonAttributeLike | undefined): unknown[] => attribute?.Value ?? [];
const sameExcept = (a: JsonAttributeLike, b: JsonAttributeLike, key: string): boolean =>
  isDeepStrictEqual({ ...a, [key]: undefined }, { ...b, [key]: undefined });

export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  {
    name: 'group length',
    reason: 'PS3.18 F.2.2: Group Length (gggg,0000) attributes shall not be included; pydicom includes them.',
    explains: (d) => d.ours === undefined && lastTag(d).endsWith('0000'),
  },
  {
    name: 'private VR',
    reason:
      'A private data element in implicit VR (or written UN) has no VR the standard defines: this reader sends UN ' +
      "(PS3.5 6.2.2), pydicom guesses one from its own private dictionary by the element's Private Creator.",
    explains: (d) =>
      isPrivate(lastTag(d)) &&
      d.ours?.vr === 'UN' &&
      d.ours.Value === undefined &&
      d.theirs !== undefined &&
      d.theirs.vr !== 'UN',
  },
  {
    name: 'empty sequence',
    reason: 'PS3.18 F.2.5: an empty attribute has no "Value"; pydicom writes an empty sequence as "Value": [].',
    explains: (d) =>
      d.ours?.vr === 'SQ' && d.ours.Value === undefined && isDeepStrictEqual(d.theirs, { vr: 'SQ', Value: [] }),
  },
  {
    name: 'empty value among several',
    reason: 'PS3.18 F.2.5: an empty value among several is null; pydicom writes "".',
    explains: (d) =>
      d.ours !== undefined &&
      d.theirs !== undefined &&
      sameExcept(d.ours, d.theirs, 'Value') &&
      valuesOf(d.ours).length === valuesOf(d.theirs).length &&
      valuesOf(d.ours).every(
        (value, i) => value === valuesOf(d.theirs)[i] || (value === null && valuesOf(d.theirs)[i] === ''),
      ),
  },
  {
    name: 'padding inside multiple values',
    reason:
      'PS3.5 6.2: leading and trailing spaces of a CS (or SH, LO, …) value are padding; pydicom strips them only ' +
      'from the end of the whole value, so "DERIVED \\PRIMARY" keeps "DERIVED ".',
    explains: (d) =>
      d.ours !== undefined &&
      d.theirs !== undefined &&
      sameExcept(d.ours, d.theirs, 'Value') &&
      valuesOf(d.ours).length === valuesOf(d.theirs).length &&
      valuesOf(d.theirs).some((value, i) => typeof value === 'string' && value !== valuesOf(d.ours)[i]) &&
      valuesOf(d.theirs).every(
        (value, i) => (typeof value === 'string' ? value.trim() : value) === valuesOf(d.ours)[i],
      ),
  },
  {
    name: 'invalid number',
    reason:
      'An IS or DS that is not a number ("1A") stays a string (PS3.18 F.2.3 allows Number or String); ' +
      'pydicom fails to convert the element.',
    explains: (d) =>
      typeof d.theirs?.pydicomError === 'string' &&
      (d.ours?.vr === 'IS' || d.ours?.vr === 'DS') &&
      valuesOf(d.ours).some((value) => typeof value === 'string'),
  },
];
