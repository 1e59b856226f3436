import type { ByteSource } from './byte-source.js';
import { bulkDataKey, type DecodedDicomJson, type ExpectedBulkData } from './dicom-json-decoder.js';
import type { BulkDataLocation, DicomJsonDataSet } from './dicom-json-model.js';
import { readInstanceMetadata } from './instance-metadata.js';
import { type Part10Segment, segmentLength } from './part10-writer.js';

const CHUNK = 1024 * 1024;
const ITEM = 0xfffee000;
const SEQUENCE_DELIMITER = 0xfffee0dd;

/**
 * Reads a file written from a DICOM JSON data set back with the project's own reader and lists
 * every difference from what was sent (`decoded.expected`, and the bytes of every bulk value,
 * compared in place): an empty list means the file holds exactly the data set that was sent.
 */
export async function differencesFromSent(written: ByteSource, decoded: DecodedDicomJson): Promise<string[]> {
  const locations = new Map<string, BulkDataLocation>();
  const actual = await readInstanceMetadata(written, {
    bulkDataUri: (location) => {
      const key = bulkDataKey(location.path);
      locations.set(key, location);
      return key;
    },
  });
  const expected: DicomJsonDataSet = {
    ...decoded.expected,
    '00083002': { vr: 'UI', Value: [decoded.transferSyntaxUid] },
  };
  const differences = jsonDifferences(expected, actual, '');
  for (const [key, bulk] of decoded.bulkData) {
    const location = locations.get(key);
    if (location === undefined) differences.push(`${key}: no bulk value was read back`);
    else if (!(await sameBulkData(written, location, bulk))) differences.push(`${key}: the bytes differ`);
  }
  return differences;
}

function jsonDifferences(expected: DicomJsonDataSet, actual: DicomJsonDataSet, prefix: string): string[] {
  const differences: string[] = [];
  for (const tag of [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort()) {
    const [a, b] = [expected[tag], actual[tag]];
    if (canonical(a) === canonical(b)) continue;
    const [itemsA, itemsB] = [a?.Value, b?.Value];
    if (a?.vr === 'SQ' && b?.vr === 'SQ' && itemsA !== undefined && itemsA.length === itemsB?.length) {
      itemsA.forEach((item, i) =>
        differences.push(
          ...jsonDifferences(item as DicomJsonDataSet, itemsB[i] as DicomJsonDataSet, `${prefix}${tag}/${i}/`),
        ),
      );
    } else {
      differences.push(`${prefix}${tag}: sent ${canonical(a)}, written ${canonical(b)}`);
    }
  }
  return differences;
}

/** JSON with keys sorted, so that two values compare whatever the order of their keys. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return JSON.stringify(String(value));
  return JSON.stringify(value) ?? 'undefined';
}

async function sameBulkData(file: ByteSource, location: BulkDataLocation, bulk: ExpectedBulkData): Promise<boolean> {
  if (location.encapsulated !== bulk.encapsulated) return false;
  if (!bulk.encapsulated) {
    const length = bulk.value.reduce((sum, segment) => sum + segmentLength(segment), 0);
    return length === location.length && sameBytes(file, location.offset, bulk.value);
  }
  // Basic Offset Table, one fragment per frame, Sequence Delimitation Item (PS3.5 A.4).
  let at = location.offset;
  const table = await itemHeader(file, at);
  if (table?.tag !== ITEM) return false;
  at += 8 + table.length;
  for (const frame of bulk.frames) {
    const fragment = await itemHeader(file, at);
    const padded = frame.size + (frame.size % 2);
    if (fragment?.tag !== ITEM || fragment.length !== padded) return false;
    const segments: Part10Segment[] = padded === frame.size ? [frame] : [frame, new Uint8Array(1)];
    if (!(await sameBytes(file, at + 8, segments))) return false;
    at += 8 + padded;
  }
  const end = await itemHeader(file, at);
  return end?.tag === SEQUENCE_DELIMITER && at + 8 === location.offset + location.length;
}

async function itemHeader(file: ByteSource, at: number): Promise<{ tag: number; length: number } | undefined> {
  const bytes = await file.read(at, 8);
  if (bytes.length < 8) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, 8);
  return { tag: ((view.getUint16(0, true) << 16) | view.getUint16(2, true)) >>> 0, length: view.getUint32(4, true) };
}

async function sameBytes(file: ByteSource, offset: number, segments: readonly Part10Segment[]): Promise<boolean> {
  let at = offset;
  for (const segment of segments) {
    const length = segmentLength(segment);
    for (let done = 0; done < length; done += CHUNK) {
      const size = Math.min(CHUNK, length - done);
      const written = await file.read(at + done, size);
      const sent = segment instanceof Uint8Array ? segment.subarray(done, done + size) : await segment.read(done, size);
      if (written.length !== size || Buffer.compare(written, sent) !== 0) return false;
    }
    at += length;
  }
  return true;
}
