import { describe, expect, it } from '@jest/globals';
import { onlyPart } from './frames';
import {
  MPR_MIN_SLICES,
  alignStacks,
  framesPerSecond,
  initialIndex,
  seriesStack,
  type DicomJson,
  type StackEntry,
} from './series-stack';

const SERIES = '/dicomweb/ada/ct/@main/studies/1.2/series/1.2.3';

function instance(
  uid: string,
  fields: {
    number?: number;
    z?: number;
    frames?: number;
    modality?: string;
    orientation?: number[];
    pixels?: boolean;
  } = {},
): DicomJson {
  const json: DicomJson = {
    '00080018': { vr: 'UI', Value: [uid] },
    '00080060': { vr: 'CS', Value: [fields.modality ?? 'CT'] },
    '00280010': { vr: 'US', Value: [512] },
    '00280011': { vr: 'US', Value: [512] },
  };
  if (fields.pixels !== false) json['7FE00010'] = { vr: 'OW', BulkDataURI: 'x' };
  if (fields.number !== undefined) json['00200013'] = { vr: 'IS', Value: [fields.number] };
  if (fields.frames !== undefined) json['00280008'] = { vr: 'IS', Value: [fields.frames] };
  if (fields.z !== undefined) {
    json['00200032'] = { vr: 'DS', Value: [-100, -100, fields.z] };
    json['00200037'] = { vr: 'DS', Value: fields.orientation ?? [1, 0, 0, 0, 1, 0] };
  }
  return json;
}

const uids = (entries: StackEntry[]) => entries.map((entry) => `${entry.sopInstanceUid}:${entry.frame}`);

describe('the stack of a series', () => {
  it('orders slices along the normal of their plane, highest first, whatever their numbers', () => {
    const stack = seriesStack(SERIES, [
      instance('a', { number: 1, z: -5 }),
      instance('b', { number: 2, z: 10 }),
      instance('c', { number: 3, z: 2.5 }),
    ]);
    expect(uids(stack.entries)).toEqual(['b:1', 'c:1', 'a:1']);
    expect(stack.entries[0]?.frameUrl).toBe(`${SERIES}/instances/b/frames/1`);
    expect(stack.entries.map((entry) => entry.position)).toEqual([10, 2.5, -5]);
  });

  it('falls back to Instance Number, then SOP Instance UID, without a common geometry', () => {
    const stack = seriesStack(SERIES, [
      instance('z', { number: 2, z: 0 }),
      instance('y', { number: 1 }),
      instance('x'),
      instance('w', { number: 2, z: 1, orientation: [0, 1, 0, 0, 0, -1] }),
    ]);
    expect(uids(stack.entries)).toEqual(['y:1', 'w:1', 'z:1', 'x:1']);
    expect(stack.entries.every((entry) => entry.position === undefined)).toBe(true);
  });

  it('makes every frame of a multi-frame object an image, and leaves objects without pixels out', () => {
    const stack = seriesStack(SERIES, [
      instance('us', { number: 1, frames: 3, modality: 'US' }),
      instance('sr', { number: 2, pixels: false, modality: 'US' }),
    ]);
    expect(uids(stack.entries)).toEqual(['us:1', 'us:2', 'us:3']);
    expect(stack.entries[2]?.frameUrl).toBe(`${SERIES}/instances/us/frames/3`);
    expect(stack.skipped).toBe(1);
    expect(stack.modality).toBe('US');
    expect(stack.volumeRefusal).toMatch(/CT and MR/);
  });

  it('offers orthogonal planes for a CT or MR volume with enough slices of one plane', () => {
    const volume = Array.from({ length: MPR_MIN_SLICES }, (_, i) => instance(`s${i}`, { number: i + 1, z: -i }));
    expect(seriesStack(SERIES, volume).volumeRefusal).toBeUndefined();
    expect(seriesStack(SERIES, volume.slice(1)).volumeRefusal).toMatch(/at least/);
    expect(
      seriesStack(SERIES, [...volume, instance('tilted', { z: 3, orientation: [0, 1, 0, 0, 0, -1] })]).volumeRefusal,
    ).toMatch(/orientation/);
    const mr = Array.from({ length: MPR_MIN_SLICES }, (_, i) => instance(`m${i}`, { z: i, modality: 'MR' }));
    expect(seriesStack(SERIES, mr).volumeRefusal).toBeUndefined();
  });

  it('opens a deep link at its instance and frame, else at its slice, clamped', () => {
    const { entries } = seriesStack(SERIES, [instance('a', { number: 1, frames: 2 }), instance('b', { number: 2 })]);
    expect(initialIndex(entries, { instance: 'a', frame: 2 })).toBe(1);
    expect(initialIndex(entries, { instance: 'b', frame: 7 })).toBe(2);
    expect(initialIndex(entries, { instance: 'gone', slice: 2 })).toBe(1);
    expect(initialIndex(entries, { slice: 99 })).toBe(2);
    expect(initialIndex(entries, {})).toBe(0);
    expect(initialIndex([], { slice: 3 })).toBe(0);
  });

  it('plays at the cine rate, else from the frame time, else at 10 per second', () => {
    expect(framesPerSecond({ '00180040': { vr: 'IS', Value: [25] } })).toBe(25);
    expect(framesPerSecond({ '00181063': { vr: 'DS', Value: [40] } })).toBe(25);
    expect(framesPerSecond({})).toBe(10);
  });
});

describe('two versions of a series side by side', () => {
  it('pairs images by instance and frame and keeps those of one side only in stack order', () => {
    const from = seriesStack(SERIES, [
      instance('a', { z: 3 }),
      instance('b', { z: 2 }),
      instance('c', { z: 1 }),
    ]).entries;
    const to = seriesStack(SERIES, [instance('a', { z: 3 }), instance('c', { z: 1 }), instance('d', { z: 0 })]).entries;
    expect(alignStacks(from, to)).toEqual([
      { key: 'a#1', from: 0, to: 0 },
      { key: 'b#1', from: 1, to: undefined },
      { key: 'c#1', from: 2, to: 1 },
      { key: 'd#1', from: undefined, to: 2 },
    ]);
  });

  it('orders by Instance Number when a side has no geometry', () => {
    const from = seriesStack(SERIES, [instance('a', { number: 1 }), instance('b', { number: 3 })]).entries;
    const to = seriesStack(SERIES, [instance('b', { number: 3 }), instance('n', { number: 2 })]).entries;
    expect(alignStacks(from, to).map((row) => row.key)).toEqual(['a#1', 'n#1', 'b#1']);
    expect(alignStacks([], to).every((row) => row.from === undefined)).toBe(true);
  });
});

describe('a WADO-RS frames reply', () => {
  it('gives its one part, with that part’s transfer syntax', () => {
    const body = Buffer.concat([
      Buffer.from('--xyz\r\nContent-Type: application/octet-stream; transfer-syntax=1.2.840.10008.1.2.5\r\n\r\n'),
      Buffer.from([1, 2, 3, 13, 10, 45]),
      Buffer.from('\r\n--xyz--\r\n'),
    ]);
    const part = onlyPart('multipart/related; type="application/octet-stream"; boundary=xyz', new Uint8Array(body));
    expect(part?.contentType).toBe('application/octet-stream; transfer-syntax=1.2.840.10008.1.2.5');
    expect([...(part?.bytes ?? [])]).toEqual([1, 2, 3, 13, 10, 45]);
    expect(onlyPart('multipart/related; boundary=other', new Uint8Array(body))).toBeUndefined();
    expect(onlyPart('application/dicom', new Uint8Array(body))).toBeUndefined();
  });
});
