import { isDeepStrictEqual } from 'node:util';

/** Test support: the attribute-level differences between two DICOM JSON data sets. */

/** An attribute as either side wrote it; pydicom's side may carry a conversion error instead. */
export type JsonAttributeLike = { vr?: unknown; Value?: unknown[]; [key: string]: unknown };
export type JsonDataSetLike = Record<string, JsonAttributeLike>;

export interface Difference {
  /** Tags and item indexes from the top level, as in BulkDataLocation.path. */
  path: (string | number)[];
  ours: JsonAttributeLike | undefined;
  theirs: JsonAttributeLike | undefined;
}

const isDataSet = (value: unknown): value is JsonDataSetLike =>
  typeof value === 'object' &&
  value !== null &&
  !('Alphabetic' in value || 'Ideographic' in value || 'Phonetic' in value);

/** Walks both data sets in step; sequences with as many items on both sides are compared item by item. */
export function differences(
  ours: JsonDataSetLike,
  theirs: JsonDataSetLike,
  path: (string | number)[] = [],
): Difference[] {
  const found: Difference[] = [];
  for (const tag of [...new Set([...Object.keys(ours), ...Object.keys(theirs)])].sort()) {
    const [a, b] = [ours[tag], theirs[tag]];
    const here = [...path, tag];
    const bothSequences =
      a?.vr === 'SQ' &&
      b?.vr === 'SQ' &&
      (a.Value ?? []).length === (b.Value ?? []).length &&
      (a.Value ?? []).length > 0;
    if (bothSequences) {
      (a.Value ?? []).forEach((item, i) => {
        const other = (b.Value ?? [])[i];
        if (isDataSet(item) && isDataSet(other)) found.push(...differences(item, other, [...here, i]));
      });
      continue;
    }
    if (!isDeepStrictEqual(a, b)) found.push({ path: here, ours: a, theirs: b });
  }
  return found;
}
