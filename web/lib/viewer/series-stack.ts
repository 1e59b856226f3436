// A series' instances (WADO-RS metadata, DICOM JSON) as the viewer's stack: one entry per frame,
// in the order people scroll through them. Pure: no browser, no Cornerstone, so it is unit tested.

/** A DICOM JSON attribute (PS3.18 F.2). */
export interface DicomAttribute {
  vr: string;
  Value?: unknown[];
  BulkDataURI?: string;
  InlineBinary?: string;
}
export type DicomJson = Record<string, DicomAttribute | undefined>;

/** One image of the stack: a frame of an instance. */
export interface StackEntry {
  /** The WADO-RS frame URL Cornerstone loads (`wadors:` + it is the image id). */
  frameUrl: string;
  sopInstanceUid: string;
  /** 1-based frame number within the instance. */
  frame: number;
  /** Frames of the instance (1 for a single-frame object). */
  frames: number;
  instanceNumber: number | undefined;
  /** Where the image lies along the normal of the series' image plane, when the series has one. */
  position: number | undefined;
}

export interface SeriesStack {
  entries: StackEntry[];
  /** The metadata of each instance, by SOP Instance UID (what Cornerstone's loader is given). */
  instances: Map<string, DicomJson>;
  modality: string | undefined;
  /** Instances without pixel data (SR, RT Plan, waveforms…): not in the stack. */
  skipped: number;
  /** Why the series cannot be shown as orthogonal planes (MPR), or undefined when it can. */
  volumeRefusal: string | undefined;
}

/** The least number of slices that makes a volume worth reformatting. */
export const MPR_MIN_SLICES = 10;
const MPR_MODALITIES = new Set(['CT', 'MR']);

export function stringOf(json: DicomJson, tag: string): string | undefined {
  const value = json[tag]?.Value?.[0];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

export function numberOf(json: DicomJson, tag: string): number | undefined {
  const value = json[tag]?.Value?.[0];
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(number) ? number : undefined;
}

function numbersOf(json: DicomJson, tag: string): number[] | undefined {
  const values = json[tag]?.Value;
  if (values === undefined) return undefined;
  const numbers = values.map((value) => (typeof value === 'number' ? value : Number(value)));
  return numbers.every(Number.isFinite) ? numbers : undefined;
}

const hasPixels = (json: DicomJson) =>
  json['7FE00010'] !== undefined || json['7FE00008'] !== undefined || json['7FE00009'] !== undefined;

/** The unit normal of an image plane (row × column direction cosines), if the orientation is there. */
function normalOf(orientation: number[] | undefined): [number, number, number] | undefined {
  if (orientation === undefined || orientation.length !== 6) return undefined;
  const [r0, r1, r2, c0, c1, c2] = orientation as [number, number, number, number, number, number];
  const n: [number, number, number] = [r1 * c2 - r2 * c1, r2 * c0 - r0 * c2, r0 * c1 - r1 * c0];
  const length = Math.hypot(...n);
  return length > 0.5 ? [n[0] / length, n[1] / length, n[2] / length] : undefined;
}

const sameOrientation = (a: number[], b: number[]) => a.every((value, i) => Math.abs(value - (b[i] ?? NaN)) < 1e-3);

/**
 * The stack of a series: instances with pixel data, sorted along the normal of their common image
 * plane (first slice at the highest position, i.e. head first for axial slices) when every
 * instance has a position and the same orientation, otherwise by Instance Number; ties by
 * Instance Number, then SOP Instance UID. Every frame of a multi-frame instance is an entry.
 * `seriesUrl` is the WADO-RS URL of the series (…/studies/{study}/series/{series}).
 */
export function seriesStack(seriesUrl: string, metadata: DicomJson[]): SeriesStack {
  const images = metadata.filter(hasPixels);
  const instances = new Map<string, DicomJson>();
  for (const json of images) {
    const uid = stringOf(json, '00080018');
    if (uid !== undefined) instances.set(uid, json);
  }
  const list = [...instances.entries()].map(([uid, json]) => ({
    uid,
    json,
    instanceNumber: numberOf(json, '00200013'),
    frames: Math.max(1, Math.trunc(numberOf(json, '00280008') ?? 1)),
    position: numbersOf(json, '00200032'),
    orientation: numbersOf(json, '00200037'),
  }));
  const first = list[0]?.orientation;
  const normal = normalOf(first);
  const geometric =
    normal !== undefined &&
    first !== undefined &&
    list.every((item) => item.frames === 1 && item.position?.length === 3 && item.orientation !== undefined) &&
    list.every((item) => sameOrientation(item.orientation ?? [], first));
  const along = (position: number[] | undefined) =>
    normal === undefined || position === undefined
      ? 0
      : position[0]! * normal[0] + position[1]! * normal[1] + position[2]! * normal[2];
  const byNumber = (a: (typeof list)[number], b: (typeof list)[number]) =>
    (a.instanceNumber ?? Number.MAX_SAFE_INTEGER) - (b.instanceNumber ?? Number.MAX_SAFE_INTEGER) ||
    (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0);
  list.sort((a, b) => (geometric ? along(b.position) - along(a.position) : 0) || byNumber(a, b));

  const entries: StackEntry[] = [];
  for (const item of list) {
    for (let frame = 1; frame <= item.frames; frame++) {
      entries.push({
        frameUrl: `${seriesUrl}/instances/${item.uid}/frames/${frame}`,
        sopInstanceUid: item.uid,
        frame,
        frames: item.frames,
        instanceNumber: item.instanceNumber,
        position: geometric ? along(item.position) : undefined,
      });
    }
  }
  const modality = images.map((json) => stringOf(json, '00080060')).find((value) => value !== undefined);
  return {
    entries,
    instances,
    modality,
    skipped: metadata.length - images.length,
    volumeRefusal: volumeRefusal(modality, list, geometric),
  };
}

function volumeRefusal(
  modality: string | undefined,
  list: { json: DicomJson; frames: number }[],
  geometric: boolean,
): string | undefined {
  if (modality === undefined || !MPR_MODALITIES.has(modality)) return 'Orthogonal planes are offered for CT and MR.';
  if (list.length < MPR_MIN_SLICES) return `Orthogonal planes need at least ${MPR_MIN_SLICES} slices.`;
  if (!geometric) return 'The slices do not share one image plane orientation with a position each.';
  const size = (json: DicomJson) => `${numberOf(json, '00280010')}x${numberOf(json, '00280011')}`;
  const first = list[0];
  if (first === undefined || list.some((item) => size(item.json) !== size(first.json))) {
    return 'The slices differ in size.';
  }
  return undefined;
}

/** A deep link into a series: `slice` (1-based stack position), or `instance` with `frame` (1-based). */
export interface DeepLink {
  slice?: number | undefined;
  instance?: string | undefined;
  frame?: number | undefined;
}

/** Where a deep link opens: `instance` (+`frame`) wins over `slice`; 0-based, clamped. */
export function initialIndex(entries: readonly StackEntry[], link: DeepLink): number {
  if (entries.length === 0) return 0;
  if (link.instance !== undefined) {
    const frame = link.frame ?? 1;
    const exact = entries.findIndex((entry) => entry.sopInstanceUid === link.instance && entry.frame === frame);
    if (exact >= 0) return exact;
    const any = entries.findIndex((entry) => entry.sopInstanceUid === link.instance);
    if (any >= 0) return any;
  }
  if (link.slice !== undefined && Number.isFinite(link.slice)) {
    return Math.min(entries.length - 1, Math.max(0, Math.trunc(link.slice) - 1));
  }
  // A volume opens in its middle; a cine or a single image at its start.
  return 0;
}

/** The key that matches an image across versions: the instance and its frame. */
export const entryKey = (entry: StackEntry) => `${entry.sopInstanceUid}#${entry.frame}`;

/** One row of a side-by-side comparison: the image on each side, or undefined where it is missing. */
export interface CompareRow {
  key: string;
  from: number | undefined;
  to: number | undefined;
}

/**
 * The union of two stacks, aligned by instance and frame, in stack order: by position along the
 * image plane's normal when every image of both has one (highest first, as a stack), else by
 * Instance Number; then frame, then SOP Instance UID.
 */
export function alignStacks(from: readonly StackEntry[], to: readonly StackEntry[]): CompareRow[] {
  const rows = new Map<string, CompareRow & { entry: StackEntry }>();
  for (const [index, entry] of to.entries())
    rows.set(entryKey(entry), { key: entryKey(entry), from: undefined, to: index, entry });
  for (const [index, entry] of from.entries()) {
    const key = entryKey(entry);
    const row = rows.get(key);
    if (row !== undefined) row.from = index;
    else rows.set(key, { key, from: index, to: undefined, entry });
  }
  const all = [...rows.values()];
  const geometric = all.every((row) => row.entry.position !== undefined);
  const number = (entry: StackEntry) => entry.instanceNumber ?? Number.MAX_SAFE_INTEGER;
  all.sort(
    (a, b) =>
      (geometric ? b.entry.position! - a.entry.position! : 0) ||
      number(a.entry) - number(b.entry) ||
      a.entry.frame - b.entry.frame ||
      (a.entry.sopInstanceUid < b.entry.sopInstanceUid ? -1 : a.entry.sopInstanceUid > b.entry.sopInstanceUid ? 1 : 0),
  );
  return all.map(({ key, from: f, to: t }) => ({ key, from: f, to: t }));
}

/** How fast a multi-frame instance plays: Cine Rate, else 1000 / Frame Time, else the recommended rate, else 10. */
export function framesPerSecond(json: DicomJson | undefined): number {
  if (json === undefined) return 10;
  const frameTime = numberOf(json, '00181063');
  const rate =
    numberOf(json, '00180040') ??
    (frameTime !== undefined && frameTime > 0 ? 1000 / frameTime : undefined) ??
    numberOf(json, '00082144');
  return rate !== undefined && rate > 0 ? Math.min(60, Math.max(1, rate)) : 10;
}
