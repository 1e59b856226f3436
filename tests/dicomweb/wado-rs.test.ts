// WADO-RS: instances, metadata and bulk data at a version, through a real server and dicomweb-client.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { decodeFrame, decodeFrameBytes, readPixelInstance } from '@strata/modules/codecs';
import { api } from 'dicomweb-client';
import XMLHttpRequest from 'xhr2';
import {
  seriesUid,
  sopUid,
  startDicomwebFixture,
  studyUid,
  US_PALETTE,
  US_STUDY,
  type DicomwebFixture,
} from '../support/dicomweb-fixture.js';
import { partsOf } from '../support/multipart-parts.js';

let fixture: DicomwebFixture;
const US_SERIES = '999.999.94827453';
const US_SOP = '999.999.133.1996.1.1800.1.6.25';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
type Dataset = Record<string, { vr: string; Value?: unknown[]; BulkDataURI?: string }>;

/** The part of dicomweb-client's API used here, as it behaves. */
interface DicomwebClient {
  retrieveInstance(options: object): Promise<ArrayBuffer>;
  retrieveSeries(options: object): Promise<ArrayBuffer[]>;
  retrieveSeriesMetadata(options: object): Promise<Dataset[]>;
  retrieveBulkData(options: object): Promise<ArrayBuffer[]>;
}

beforeAll(async () => {
  fixture = await startDicomwebFixture();
  (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest = XMLHttpRequest;
}, 60_000);

afterAll(() => fixture.stop());

describe('WADO-RS', () => {
  it('retrieves a series as multipart application/dicom, each part byte for byte as stored', async () => {
    const response = await fetch(`${fixture.base}/studies/${studyUid(2)}/series/${seriesUid(2, 1)}`, {
      headers: { accept: 'multipart/related; type="application/dicom"; transfer-syntax=*' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^multipart\/related; type="?application\/dicom"?; boundary=/);
    expect(response.headers.get('strata-commit')).toBe(fixture.head);
    const parts = await partsOf(response);
    expect(parts.map((p) => p.location)).toEqual(
      [0, 1].map(
        (i) => `${fixture.base}/studies/${studyUid(2)}/series/${seriesUid(2, 1)}/instances/${sopUid(2, 1, i)}`,
      ),
    );
    expect(parts.map((p) => p.contentType)).toEqual([
      'application/dicom; transfer-syntax=1.2.840.10008.1.2.1',
      'application/dicom; transfer-syntax=1.2.840.10008.1.2.1',
    ]);
    parts.forEach((part, i) =>
      expect(sha256(part.bytes)).toBe(sha256(fixture.files.get(sopUid(2, 1, i)) ?? Buffer.alloc(0))),
    );
    const study = await partsOf(await fetch(`${fixture.base}/studies/${studyUid(0)}`));
    expect(study).toHaveLength(4);
  });

  it('serves dicomweb-client: instance, series, metadata and the bulk data its URIs name', async () => {
    // Its type declarations require every option and say results are not promises; both are wrong.
    const client = new api.DICOMwebClient({ url: fixture.base, singlepart: false }) as unknown as DicomwebClient;
    const instance = await client.retrieveInstance({
      studyInstanceUID: US_STUDY,
      seriesInstanceUID: US_SERIES,
      sopInstanceUID: US_SOP,
    });
    const original = await readFile(US_PALETTE);
    expect(sha256(new Uint8Array(instance))).toBe(sha256(original));
    const series = await client.retrieveSeries({ studyInstanceUID: studyUid(1), seriesInstanceUID: seriesUid(1, 0) });
    expect(series).toHaveLength(2);
    const metadata = await client.retrieveSeriesMetadata({ studyInstanceUID: US_STUDY, seriesInstanceUID: US_SERIES });
    expect(metadata).toHaveLength(1);
    const us = metadata[0] ?? {};
    expect(us['00080018']?.Value).toEqual([US_SOP]);
    expect(us['00083002']?.Value).toEqual(['1.2.840.10008.1.2.5']);
    expect(us['00280008']?.Value).toEqual([10]);
    const pixels = us['7FE00010']?.BulkDataURI ?? '';
    expect(pixels).toMatch(
      new RegExp(`^${fixture.base}/studies/${US_STUDY}/series/${US_SERIES}/instances/${US_SOP}/bulkdata/\\d+-\\d+$`),
    );
    // The palette's LUT data are bulk data too, as OHIF reads them.
    const lut = us['00281201']?.BulkDataURI ?? '';
    expect(lut).not.toBe('');
    const [offset, length] = (lut.split('/').at(-1) ?? '').split('-').map(Number) as [number, number];
    const fetched = await client.retrieveBulkData({ BulkDataURI: lut });
    expect(Buffer.from(fetched[0] ?? new ArrayBuffer(0)).equals(original.subarray(offset, offset + length))).toBe(true);
    const plain = await fetch(pixels, { headers: { accept: 'application/octet-stream' } });
    expect(plain.headers.get('content-type')).toBe('application/octet-stream');
    const [pixelOffset, pixelLength] = (pixels.split('/').at(-1) ?? '').split('-').map(Number) as [number, number];
    expect(sha256(Buffer.from(await plain.arrayBuffer()))).toBe(
      sha256(original.subarray(pixelOffset, pixelOffset + pixelLength)),
    );
  });

  it('returns study metadata as DICOM JSON in tag order, or as Native DICOM Model XML on request', async () => {
    const response = await fetch(`${fixture.base}/studies/${studyUid(1)}/metadata`);
    expect(response.headers.get('content-type')).toBe('application/dicom+json');
    const text = await response.text();
    const dataSets = JSON.parse(text) as Dataset[];
    expect(dataSets.map((d) => d['00080018']?.Value?.[0])).toEqual([
      sopUid(1, 0, 0),
      sopUid(1, 0, 1),
      sopUid(1, 1, 0),
      sopUid(1, 1, 1),
    ]);
    expect(Object.keys(dataSets[0] ?? {})).toEqual(Object.keys(dataSets[0] ?? {}).sort());
    expect(dataSets[0]?.['00100010']?.Value).toEqual([{ Alphabetic: 'GARCIA^ANA' }]);
    expect(dataSets[0]?.['7FE00010']?.BulkDataURI).toContain('/bulkdata/');
    const xml = await fetch(
      `${fixture.base}/studies/${studyUid(1)}/series/${seriesUid(1, 0)}/instances/${sopUid(1, 0, 0)}/metadata`,
      {
        headers: { accept: 'multipart/related; type="application/dicom+xml"' },
      },
    );
    const [part] = await partsOf(xml);
    expect(part?.bytes.toString()).toContain('<NativeDicomModel');
    expect(part?.bytes.toString()).toContain(`<Value number="1">${sopUid(1, 0, 0)}</Value>`);
  });

  it("builds a series' metadata once, shared by every version and every host name", async () => {
    const path = `studies/${studyUid(0)}/series/${seriesUid(0, 1)}/metadata`;
    const rows = async () => {
      const found = await fixture.deps.database
        .fork()
        .execute<{ n: string | number }[]>('select count(*) as n from series_metadata');
      return Number(found[0]?.n);
    };
    const before = await rows();
    const atMain = await (await fetch(`${fixture.base}/${path}`)).text();
    expect(await rows()).toBe(before + 1);
    const atTag = await (await fetch(`${fixture.server.url}/dicomweb/lab/ct/@v1/${path}`)).text();
    const proxied = await (
      await fetch(`${fixture.base}/${path}`, {
        headers: { 'x-forwarded-host': 'pacs.example.org', 'x-forwarded-proto': 'https' },
      })
    ).text();
    expect(await rows()).toBe(before + 1);
    expect(atTag).toBe(atMain.replaceAll('/@main/', '/@v1/'));
    expect(proxied).toBe(atMain.replaceAll(fixture.server.url, 'https://pacs.example.org'));
    expect(atMain).not.toContain('strata-base:');
    const study = JSON.parse(
      await (await fetch(`${fixture.base}/studies/${studyUid(0)}/metadata`)).text(),
    ) as Dataset[];
    expect(study.map((d) => d['00080018']?.Value?.[0])).toEqual([
      sopUid(0, 0, 0),
      sopUid(0, 0, 1),
      sopUid(0, 1, 0),
      sopUid(0, 1, 1),
    ]);
  });

  it('returns frames: as stored with transfer-syntax=*, decoded to explicit little endian otherwise', async () => {
    const us = `${fixture.base}/studies/${US_STUDY}/series/${US_SERIES}/instances/${US_SOP}/frames`;
    const stored = await partsOf(
      await fetch(`${us}/1,3,10`, {
        headers: { accept: 'multipart/related; type=application/octet-stream; transfer-syntax=*' },
      }),
    );
    expect(stored.map((p) => p.contentType)).toEqual(
      Array(3).fill('application/octet-stream; transfer-syntax=1.2.840.10008.1.2.5'),
    );
    // An RLE frame starts with its segment count (PS3.5 G.3.1): one segment for 8-bit palette data.
    expect(stored.map((p) => p.bytes.readUInt32LE(0))).toEqual([1, 1, 1]);
    const original = await readFile(US_PALETTE);
    for (const part of stored) expect(original.includes(part.bytes)).toBe(true);
    const decoded = await partsOf(
      await fetch(`${us}/3`, { headers: { accept: 'multipart/related; type="application/octet-stream"' } }),
    );
    expect(decoded.map((p) => p.contentType)).toEqual([
      'application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1',
    ]);
    expect(decoded[0]?.bytes.length).toBe(430 * 600); // Rows x Columns, one 8-bit sample
    const ct = fixture.files.get(sopUid(1, 0, 0)) ?? Buffer.alloc(0);
    const [native] = await partsOf(
      await fetch(
        `${fixture.base}/studies/${studyUid(1)}/series/${seriesUid(1, 0)}/instances/${sopUid(1, 0, 0)}/frames/1`,
      ),
    );
    // The synthetic slice's 8 x 8 16-bit pixels are the file's last 128 bytes.
    expect(native?.bytes.equals(ct.subarray(ct.length - 128))).toBe(true);
    // Longer lists than Fastify's default 100-character parameter: every frame, six times over.
    const many = Array.from({ length: 60 }, (_, i) => (i % 10) + 1);
    const all = await partsOf(
      await fetch(`${us}/${many.join(',')}`, {
        headers: { accept: 'multipart/related; type=application/octet-stream; transfer-syntax=*' },
      }),
    );
    expect(all.length).toBe(60);
    // Part i is frame (i mod 10) + 1: parts 12 and 59 are frames 3 and 10, asked for above.
    expect(all[12]?.bytes.equals(stored[1]?.bytes ?? Buffer.alloc(0))).toBe(true);
    expect(all[59]?.bytes.equals(stored[2]?.bytes ?? Buffer.alloc(0))).toBe(true);
    const cases: [string, number, string][] = [
      [`${us}/${'1,'.repeat(2100)}1`, 414, 'request.uri_too_long'],
      [`${us}/11`, 404, 'dicomweb.frame_out_of_range'],
      [`${us}/0`, 400, 'dicomweb.invalid_frame_list'],
      [`${us}/1,x`, 400, 'dicomweb.invalid_frame_list'],
    ];
    for (const [url, status, code] of cases) {
      const response = await fetch(url);
      const body = (await response.json()) as { error: { code: string } };
      expect({ url, status: response.status, code: body.error.code }).toEqual({ url, status, code });
    }
  });

  it('encodes frames on request: HTJ2K and JPEG-LS as octet-stream or their own media types', async () => {
    const us = `${fixture.base}/studies/${US_STUDY}/series/${US_SERIES}/instances/${US_SOP}/frames`;
    const source = await readPixelInstance(await readFile(US_PALETTE));
    const cases: [string, string, string][] = [
      ['multipart/related; type="image/jphc"', 'image/jphc', '1.2.840.10008.1.2.4.201'],
      [
        'multipart/related; type="application/octet-stream"; transfer-syntax=1.2.840.10008.1.2.4.202',
        'application/octet-stream',
        '1.2.840.10008.1.2.4.202',
      ],
      ['multipart/related; type="image/jls"', 'image/jls', '1.2.840.10008.1.2.4.80'],
    ];
    for (const [accept, type, syntax] of cases) {
      const response = await fetch(`${us}/2,9`, { headers: { accept } });
      expect(response.headers.get('content-type')).toMatch(new RegExp(`^multipart/related; type="?${type}"?;`));
      const parts = await partsOf(response);
      expect(parts.map((p) => p.contentType)).toEqual(Array(2).fill(`${type}; transfer-syntax=${syntax}`));
      for (const [index, frame] of [2, 9].entries()) {
        const bytes = parts[index]?.bytes ?? Buffer.alloc(0);
        const decoded = await decodeFrameBytes(source.image, syntax, bytes);
        expect(Buffer.from(decoded.pixels).equals(Buffer.from((await decodeFrame(source, frame)).pixels))).toBe(true);
      }
    }
    // image/jpeg names JPEG lossless by default, which is never produced; palette indices are never made lossy.
    for (const accept of [
      'multipart/related; type="image/jpeg"',
      'multipart/related; type="image/jpeg"; transfer-syntax=1.2.840.10008.1.2.4.50',
    ]) {
      const response = await fetch(`${us}/1`, { headers: { accept } });
      expect({ accept, status: response.status }).toEqual({ accept, status: 406 });
      await response.arrayBuffer();
    }
  });

  it('renders frames and thumbnails as JPEG or PNG, with viewport and window', async () => {
    const us = `${fixture.base}/studies/${US_STUDY}/series/${US_SERIES}/instances/${US_SOP}`;
    const png = await fetch(`${us}/frames/3/rendered`, { headers: { accept: 'image/png' } });
    expect(png.headers.get('content-type')).toBe('image/png');
    const pngBytes = Buffer.from(await png.arrayBuffer());
    expect(pngBytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect([pngBytes.readUInt32BE(16), pngBytes.readUInt32BE(20)]).toEqual([600, 430]);
    const small = Buffer.from(await (await fetch(`${us}/rendered?accept=image/png&viewport=64,64`)).arrayBuffer());
    expect([small.readUInt32BE(16), small.readUInt32BE(20)]).toEqual([64, 46]);
    const thumbnail = await fetch(`${fixture.base}/studies/${studyUid(2)}/thumbnail`);
    expect(thumbnail.headers.get('content-type')).toBe('image/jpeg');
    const jpeg = Buffer.from(await thumbnail.arrayBuffer());
    expect([jpeg[0], jpeg[1], jpeg.at(-2), jpeg.at(-1)]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
    const windowed = await fetch(
      `${fixture.base}/studies/${studyUid(2)}/series/${seriesUid(2, 0)}/instances/${sopUid(2, 0, 0)}/rendered?window=100,200,linear&quality=50`,
    );
    expect(windowed.status).toBe(200);
    await windowed.arrayBuffer();
    const cases: [string, Record<string, string>, number, string][] = [
      [`${us}/rendered?window=abc`, {}, 400, 'request.invalid_rendering_parameter'],
      [`${us}/rendered?quality=0`, {}, 400, 'request.invalid_rendering_parameter'],
      [`${us}/rendered`, { accept: 'image/gif' }, 406, 'request.not_acceptable'],
      [`${us}/frames/11/rendered`, {}, 404, 'dicomweb.frame_out_of_range'],
      [`${us}/frames/x/thumbnail`, {}, 400, 'dicomweb.invalid_frame_list'],
    ];
    for (const [url, headers, status, code] of cases) {
      const response = await fetch(url, { headers });
      const body = (await response.json()) as { error: { code: string } };
      expect({ url, status: response.status, code: body.error.code }).toEqual({ url, status, code });
    }
  });

  it('renders a study or a series as one multipart/related part per instance', async () => {
    const study = `${fixture.base}/studies/${studyUid(0)}`;
    const response = await fetch(`${study}/rendered`, { headers: { accept: 'multipart/related; type="image/jpeg"' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^multipart\/related; type="?image\/jpeg"?; boundary=/);
    const parts = await partsOf(response);
    expect(parts.map((part) => part.location)).toEqual(
      [0, 1].flatMap((s) =>
        [0, 1].map((i) => `${study}/series/${seriesUid(0, s)}/instances/${sopUid(0, s, i)}/rendered`),
      ),
    );
    for (const part of parts) {
      expect(part.contentType).toBe('image/jpeg');
      expect([part.bytes[0], part.bytes[1], part.bytes.at(-2), part.bytes.at(-1)]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
    }
    // image/png by ?accept=, and viewport applied to each part.
    const series = await partsOf(
      await fetch(`${fixture.base}/studies/${US_STUDY}/series/${US_SERIES}/rendered?accept=image/png&viewport=60,60`),
    );
    expect(series).toHaveLength(1);
    expect(series[0]?.bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect([series[0]?.bytes.readUInt32BE(16), series[0]?.bytes.readUInt32BE(20)]).toEqual([60, 43]);
    const refused = await fetch(`${study}/rendered`, { headers: { accept: 'image/gif' } });
    expect(refused.status).toBe(406);
  });

  it('transcodes on request: per instance the best syntax the Accept ranges allow, as stored when acceptable', async () => {
    const series = `${fixture.base}/studies/${studyUid(2)}/series/${seriesUid(2, 1)}`;
    const DICOM = 'multipart/related; type="application/dicom"';
    const pixelsOf = async (bytes: Uint8Array) => {
      const instance = await readPixelInstance(bytes);
      return Buffer.from((await decodeFrame(instance, 1)).pixels);
    };
    // HTJ2K preferred, explicit little endian as a fallback: the 16-bit CT slices go out as HTJ2K.
    const htj2k = await partsOf(
      await fetch(series, {
        headers: {
          accept: `${DICOM}; transfer-syntax=1.2.840.10008.1.2.1; q=0.5, ${DICOM}; transfer-syntax=1.2.840.10008.1.2.4.201`,
        },
      }),
    );
    expect(htj2k.map((p) => p.contentType)).toEqual(
      Array(2).fill('application/dicom; transfer-syntax=1.2.840.10008.1.2.4.201'),
    );
    for (const [i, part] of htj2k.entries()) {
      const original = fixture.files.get(sopUid(2, 1, i)) ?? Buffer.alloc(0);
      expect(sha256(part.bytes)).not.toBe(sha256(original));
      expect((await pixelsOf(part.bytes)).equals(await pixelsOf(original))).toBe(true);
    }
    // ?accept= overrides the header; RLE is produced too.
    const rle = await partsOf(
      await fetch(`${series}?accept=${encodeURIComponent(`${DICOM}; transfer-syntax=1.2.840.10008.1.2.5`)}`, {
        headers: { accept: `${DICOM}; transfer-syntax=*` },
      }),
    );
    expect(rle.map((p) => p.contentType)).toEqual(
      Array(2).fill('application/dicom; transfer-syntax=1.2.840.10008.1.2.5'),
    );
    // The palette US is stored as RLE: asked for RLE or anything, it is its stored bytes.
    const us = `${fixture.base}/studies/${US_STUDY}/series/${US_SERIES}/instances/${US_SOP}`;
    const original = await readFile(US_PALETTE);
    const [asked] = await partsOf(
      await fetch(us, { headers: { accept: `${DICOM}; transfer-syntax=1.2.840.10008.1.2.5, ${DICOM}; q=0.2` } }),
    );
    expect(sha256(asked?.bytes ?? Buffer.alloc(0))).toBe(sha256(original));
    // JPEG baseline would be lossy palette indices: the wildcard at a lower weight takes it as stored.
    const [fallback] = await partsOf(
      await fetch(us, {
        headers: { accept: `${DICOM}; transfer-syntax=1.2.840.10008.1.2.4.50, ${DICOM}; transfer-syntax=*; q=0.1` },
      }),
    );
    expect(fallback?.contentType).toBe('application/dicom; transfer-syntax=1.2.840.10008.1.2.5');
    // Decoded to explicit little endian: 10 frames of 430 x 600 8-bit indices, the same as decoding the stored file.
    const [native] = await partsOf(
      await fetch(us, { headers: { accept: `${DICOM}; transfer-syntax=1.2.840.10008.1.2.1` } }),
    );
    expect(native?.contentType).toBe('application/dicom; transfer-syntax=1.2.840.10008.1.2.1');
    const decoded = await readPixelInstance(native?.bytes ?? new Uint8Array());
    expect(decoded.frames).toHaveLength(10);
    expect((await pixelsOf(native?.bytes ?? new Uint8Array())).equals(await pixelsOf(original))).toBe(true);
    // What cannot be produced for one instance is 406 before any byte, naming it and what it can be.
    const refused = await fetch(us, { headers: { accept: `${DICOM}; transfer-syntax=1.2.840.10008.1.2.4.50` } });
    expect(refused.status).toBe(406);
    const body = (await refused.json()) as {
      error: { code: string; details: { instance: string; available: string[] } };
    };
    expect(body.error.code).toBe('request.not_acceptable');
    expect(body.error.details.instance).toBe(US_SOP);
    expect(body.error.details.available).toEqual(
      expect.arrayContaining(['*', '1.2.840.10008.1.2.5', '1.2.840.10008.1.2.4.201']),
    );
    expect(body.error.details.available).not.toContain('1.2.840.10008.1.2.4.50');
  });

  it('WADO-URI transcodes with transferSyntax as WADO-RS does, and refuses what it cannot produce', async () => {
    const wado = (extra: string) =>
      `${fixture.base}/wado?requestType=WADO&studyUID=${US_STUDY}&seriesUID=${US_SERIES}&objectUID=${US_SOP}&contentType=application/dicom${extra}`;
    const original = await readFile(US_PALETTE);
    const stored = await fetch(wado('&transferSyntax=1.2.840.10008.1.2.5'));
    expect(sha256(Buffer.from(await stored.arrayBuffer()))).toBe(sha256(original));
    const response = await fetch(wado('&transferSyntax=1.2.840.10008.1.2.4.201'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/dicom');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(Number(response.headers.get('content-length'))).toBe(bytes.length);
    const instance = await readPixelInstance(bytes);
    expect(instance.transferSyntaxUid).toBe('1.2.840.10008.1.2.4.201');
    const source = await readPixelInstance(original);
    for (const frame of [1, 10]) {
      const [a, b] = [await decodeFrame(instance, frame), await decodeFrame(source, frame)];
      expect(Buffer.from(a.pixels).equals(Buffer.from(b.pixels))).toBe(true);
    }
    const cases: [string, number, string][] = [
      [wado('&transferSyntax=1.2.840.10008.1.2.4.50'), 406, 'request.not_acceptable'],
      [wado('&transferSyntax=1.2.840.10008.1.2.4.91'), 406, 'request.not_acceptable'],
      [wado('&transferSyntax=jpeg'), 400, 'wado.invalid_parameter'],
    ];
    for (const [url, status, code] of cases) {
      const refused = await fetch(url);
      const body = (await refused.json()) as { error: { code: string } };
      expect({ url, status: refused.status, code: body.error.code }).toEqual({ url, status, code });
    }
  });

  it('refuses what it cannot produce or find, with a stable code', async () => {
    const instance = `${fixture.base}/studies/${studyUid(0)}/series/${seriesUid(0, 0)}/instances/${sopUid(0, 0, 0)}`;
    const cases: [string, Record<string, string>, number, string][] = [
      [
        instance,
        { accept: 'multipart/related; type="application/dicom"; transfer-syntax=1.2.840.10008.1.2.4.50' },
        406,
        'request.not_acceptable',
      ],
      [instance, { accept: 'image/png' }, 406, 'request.not_acceptable'],
      [`${instance}/metadata`, { accept: 'text/html' }, 406, 'request.not_acceptable'],
      [`${fixture.base}/studies/${studyUid(0)}/series/1.2.3`, {}, 404, 'dicomweb.not_found'],
      [`${instance}/bulkdata/0-999999999`, {}, 404, 'dicomweb.bulkdata_out_of_range'],
      [`${instance}/bulkdata/abc`, {}, 404, 'dicomweb.invalid_bulkdata_uri'],
      [`${fixture.base}/studies/1.2.x`, {}, 400, 'dicomweb.invalid_uid'],
    ];
    for (const [url, headers, status, code] of cases) {
      const response = await fetch(url, { headers });
      const body = (await response.json()) as { error: { code: string } };
      expect({ url, status: response.status, code: body.error.code }).toEqual({ url, status, code });
    }
    // The stored syntax by name is what is stored, so it is served.
    const explicit = await fetch(instance, {
      headers: { accept: 'multipart/related; type="application/dicom"; transfer-syntax=1.2.840.10008.1.2.1' },
    });
    expect(explicit.status).toBe(200);
    const tagged = await fetch(instance.replace('@main', '@v1'));
    expect(tagged.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(
      (
        await fetch(instance.replace('@main', '@v1'), {
          headers: { 'if-none-match': tagged.headers.get('etag') ?? '' },
        })
      ).status,
    ).toBe(304);
  });
});
