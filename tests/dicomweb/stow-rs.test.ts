// STOW-RS into a branch, through a real server: dicomweb-client, hand-made bodies (unquoted
// boundaries, chunked transfer, broken and oversized bodies), and the response datasets.
import { readFile } from 'node:fs/promises';
import { api } from 'dicomweb-client';
import XMLHttpRequest from 'xhr2';
import {
  startDicomwebFixture,
  studyUid,
  US_PALETTE,
  US_STUDY,
  type DicomwebFixture,
} from '../support/dicomweb-fixture.js';
import { syntheticSlice } from '../support/index.js';

let fixture: DicomwebFixture;
type Dataset = Record<string, { vr: string; Value?: unknown[] }>;
type Item = Record<string, { Value?: unknown[] }>;

const NEW_STUDY = '1.2.826.0.1.3680043.10.88.1';
const slice = (series: number, instance: number, study = NEW_STUDY) =>
  syntheticSlice({
    studyUid: study,
    seriesUid: `${study}.${series}`,
    sopUid: `${study}.${series}.${instance}`,
    patientName: 'STOW^PATIENT',
    patientId: 'S1',
    studyDate: '20240101',
    instanceNumber: instance,
    size: 16,
    seed: series * 100 + instance,
  });

/** A multipart/related body with an unquoted boundary, as Orthanc sends it. */
function multipart(boundary: string, parts: { type?: string; bytes: Uint8Array }[], close = true): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n${part.type === undefined ? '' : `Content-Type: ${part.type}\r\n`}\r\n`));
    chunks.push(Buffer.from(part.bytes), Buffer.from('\r\n'));
  }
  if (close) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/** Sends a body in small chunks with chunked transfer encoding (no Content-Length). */
function chunked(body: Buffer): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= body.length) return controller.close();
      controller.enqueue(body.subarray(offset, offset + 4_093));
      offset += 4_093;
    },
  });
}

async function post(path: string, body: Buffer | ReadableStream<Uint8Array>, contentType: string, accept?: string) {
  return fetch(`${fixture.server.url}${path}`, {
    method: 'POST',
    headers: { ...fixture.writer, 'content-type': contentType, ...(accept !== undefined && { accept }) },
    body,
    ...(body instanceof ReadableStream && { duplex: 'half' }),
    signal: AbortSignal.timeout(5_000),
  });
}

const studiesAt = async (ref: string) =>
  ((await (await fetch(`${fixture.server.url}/dicomweb/lab/ct/@${ref}/studies`)).json()) as Dataset[]).map(
    (d) => d['0020000D']?.Value?.[0],
  );

beforeAll(async () => {
  fixture = await startDicomwebFixture({ STOW_BODY_LIMIT: '2MiB' });
  (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest = XMLHttpRequest;
}, 60_000);

afterAll(() => fixture.stop());

describe('STOW-RS', () => {
  it('stores what dicomweb-client sends as one commit on the branch, and answers with every instance', async () => {
    const client = new api.DICOMwebClient({
      url: `${fixture.server.url}/dicomweb/lab/ct/@feature%2Fct`,
      singlepart: false,
      headers: fixture.writer,
    }) as unknown as { storeInstances(options: object): Promise<unknown> };
    const files = [slice(1, 1), slice(1, 2), slice(2, 1)];
    await client.storeInstances({
      datasets: files.map((f) => f.buffer.slice(f.byteOffset, f.byteOffset + f.byteLength)),
    });
    expect(await studiesAt('feature%2Fct')).toContain(NEW_STUDY);
    expect(await studiesAt('main')).not.toContain(NEW_STUDY);
    const log = await fetch(`${fixture.server.url}/dicomweb/lab/ct/@feature%2Fct/studies/${NEW_STUDY}/instances`);
    expect(((await log.json()) as unknown[]).length).toBe(3);
  });

  it('takes an unquoted boundary and a chunked body, and reports each part that fails (202)', async () => {
    const body = multipart('orthanc-1234', [
      { type: 'application/dicom', bytes: slice(3, 1) },
      { bytes: await readFile(US_PALETTE) },
      { type: 'application/dicom', bytes: Buffer.from('not DICOM, only text pretending to be a file') },
      { type: 'application/pdf', bytes: Buffer.from('%PDF-1.4') },
    ]);
    const response = await post(
      `/dicomweb/lab/ct/@main/studies`,
      chunked(body),
      'multipart/related; type=application/dicom; boundary=orthanc-1234',
    );
    expect(response.status).toBe(202);
    expect(response.headers.get('content-type')).toBe('application/dicom+json');
    const answer = (await response.json()) as Record<string, { Value?: Item[] }>;
    const stored = answer['00081199']?.Value ?? [];
    expect(stored.map((item) => item['00081155']?.Value?.[0])).toEqual([
      `${NEW_STUDY}.3.1`,
      '999.999.133.1996.1.1800.1.6.25',
    ]);
    expect(stored[0]?.['00081190']?.Value?.[0]).toBe(
      `${fixture.base}/studies/${NEW_STUDY}/series/${NEW_STUDY}.3/instances/${NEW_STUDY}.3.1`,
    );
    expect((answer['00081198']?.Value ?? []).map((item) => item['00081197']?.Value?.[0])).toEqual([0xc000, 0xc000]);
    expect(response.headers.get('strata-commit')).toMatch(/^[0-9a-f]{64}$/);
    expect(await studiesAt('main')).toContain(NEW_STUDY);
  });

  it('fails instances of another study than the URL names, and answers 409 when none is stored', async () => {
    const head = (await fetch(`${fixture.base}/studies`)).headers.get('strata-commit');
    const response = await post(
      `/dicomweb/lab/ct/@main/studies/${studyUid(0)}`,
      multipart('b', [{ type: 'application/dicom', bytes: slice(4, 1) }]),
      'multipart/related; type="application/dicom"; boundary="b"',
      'application/dicom+xml',
    );
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toBe('application/dicom+xml');
    const xml = await response.text();
    expect(xml).toContain('<DicomAttribute tag="00081198" vr="SQ" keyword="FailedSOPSequence">');
    expect(xml).toContain('<Value number="1">43265</Value>');
    expect((await fetch(`${fixture.base}/studies`)).headers.get('strata-commit')).toBe(head);
  });

  it('refuses bad requests and leaves the branch as it was', async () => {
    const head = (await fetch(`${fixture.base}/studies`)).headers.get('strata-commit');
    const good = [{ type: 'application/dicom', bytes: slice(5, 1) }];
    const big = Array.from({ length: 6 }, (_, i) => ({
      type: 'application/dicom',
      bytes: Buffer.concat([slice(6, i), Buffer.alloc(400_000)]),
    }));
    const cases: [string, Buffer | ReadableStream<Uint8Array>, string, number, string][] = [
      [
        '/dicomweb/lab/ct/@v1/studies',
        multipart('b', good),
        'multipart/related; type="application/dicom"; boundary=b',
        405,
        'dicomweb.immutable_ref',
      ],
      ['/dicomweb/lab/ct/@main/studies', Buffer.from('{}'), 'application/json', 415, 'request.unsupported_media_type'],
      [
        '/dicomweb/lab/ct/@main/studies',
        multipart('b', good),
        'multipart/related; type="application/dicom+xml"; boundary=b',
        415,
        'stow.unsupported_type',
      ],
      [
        '/dicomweb/lab/ct/@main/studies',
        multipart('b', good),
        'multipart/related; type="application/dicom"',
        400,
        'multipart.malformed',
      ],
      [
        '/dicomweb/lab/ct/@main/studies',
        multipart('b', good, false),
        'multipart/related; type="application/dicom"; boundary=b',
        400,
        'multipart.malformed',
      ],
      [
        '/dicomweb/lab/ct/@main/studies',
        chunked(multipart('b', big)),
        'multipart/related; type="application/dicom"; boundary=b',
        413,
        'request.body_too_large',
      ],
      [
        '/dicomweb/lab/ct/@main/studies',
        Buffer.from('--b--\r\n'),
        'multipart/related; type="application/dicom"; boundary=b',
        400,
        'stow.no_parts',
      ],
      [
        '/dicomweb/lab/ct/@main/studies/1.2.x',
        multipart('b', good),
        'multipart/related; type="application/dicom"; boundary=b',
        400,
        'dicomweb.invalid_uid',
      ],
    ];
    for (const [path, body, type, status, code] of cases) {
      const response = await post(path, body, type).catch((error: unknown) => {
        throw new Error(`${path} ${type}: ${String(error)}`);
      });
      const answer = (await response.json()) as { error: { code: string } };
      expect({ path, type, status: response.status, code: answer.error.code }).toEqual({ path, type, status, code });
    }
    expect((await fetch(`${fixture.base}/studies`)).headers.get('strata-commit')).toBe(head);
    expect(await studiesAt('main')).not.toContain(US_STUDY + '.9');
  });
});
