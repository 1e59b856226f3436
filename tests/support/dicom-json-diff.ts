// Attribute-by-attribute comparison of two DICOM JSON data sets (PS3.18 F.2), descending into
// sequences whose item counts agree, so a difference is reported where it is, not at its top.
export interface DicomAttribute {
  vr?: string;
  Value?: unknown[];
  BulkDataURI?: string;
  InlineBinary?: string;
}
export type DicomDataSet = Record<string, DicomAttribute>;

export interface AttributeDifference {
  /** Where: `00100010`, or `54000100/1/54001010` inside a sequence (items counted from 1). */
  path: string;
  /** The attribute's own tag, the last of the path. */
  tag: string;
  left: DicomAttribute | undefined;
  right: DicomAttribute | undefined;
}

/** Every attribute present on one side only, or with another VR or value on the other. */
export function diffDataSets(left: DicomDataSet, right: DicomDataSet, prefix = ''): AttributeDifference[] {
  const differences: AttributeDifference[] = [];
  for (const tag of [...new Set([...Object.keys(left), ...Object.keys(right)])].sort()) {
    const [a, b] = [left[tag], right[tag]];
    if (sameJson(a, b)) continue;
    const path = `${prefix}${tag}`;
    const [itemsA, itemsB] = [a?.Value, b?.Value];
    if (a?.vr === 'SQ' && b?.vr === 'SQ' && itemsA !== undefined && itemsA.length === itemsB?.length) {
      itemsA.forEach((item, i) =>
        differences.push(...diffDataSets(item as DicomDataSet, itemsB[i] as DicomDataSet, `${path}/${i + 1}/`)),
      );
    } else {
      differences.push({ path, tag, left: a, right: b });
    }
  }
  return differences;
}

/**
 * Whether two JSON values are equal, whatever the order of their keys. (Not isDeepStrictEqual:
 * under Jest, values parsed by fetch and literals in a test have different Object prototypes.)
 */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}
