// The requests OHIF Viewer v3 sends to a DICOMweb server, replayed against a Strata version: its
// study list (extensions/default DicomWebDataSource qido.js mapParams), the series and metadata it
// loads when a study opens (retrieveMetadataLoaderAsync), the frames Cornerstone's WADO-RS image
// loader fetches, each of its thumbnail strategies (retrieveThumbnail.ts: wadors, thumbnailDirect,
// thumbnail and rendered through bulk data, and the fetch strategy with its QIDO fallback), bulk
// data by BulkDataURI (retrieveBulkData.ts), the browser's CORS preflight, and the dcm4chee-style
// reject its "delete series" action sends. QIDO, metadata and bulk data go through dicomweb-client,
// as OHIF's do; the rest are the exact URLs and Accept headers, sent with fetch.
import { api } from 'dicomweb-client';
import XMLHttpRequest from 'xhr2';
import {
  PATIENTS,
  seriesUid,
  sopUid,
  startDicomwebFixture,
  studyUid,
  US_STUDY,
  type DicomwebFixture,
} from '../support/dicomweb-fixture.js';
import { partsOf } from '../support/multipart-parts.js';

type Attribute = { vr: string; Value?: unknown[]; BulkDataURI?: string };
type Dataset = Record<string, Attribute>;
interface OhifClient {
  searchForStudies(options: object): Promise<Dataset[]>;
  searchForSeries(options: object): Promise<Dataset[]>;
  searchForInstances(options: object): Promise<Dataset[]>;
  retrieveSeriesMetadata(options: object): Promise<Dataset[]>;
  retrieveStudyMetadata(options: object): Promise<Dataset[]>;
  retrieveBulkData(options: object): Promise<ArrayBuffer[] | ArrayBuffer>;
}

const US_SERIES = '999.999.94827453';
const US_SOP = '999.999.133.1996.1.1800.1.6.25';
/** What OHIF's configuration sets: omitQuotationForMultipartRequest, and Cornerstone's default transfer syntax. */
const FRAME_ACCEPT = 'multipart/related; type=application/octet-stream; transfer-syntax=*';
/** OHIF's study list asks for these besides the defaults. */
const STUDY_LIST_FIELDS = '00081030,00080060,00080090,00100030';

let fixture: DicomwebFixture;
let client: OhifClient;
const first = (dataset: Dataset | undefined, tag: string) => dataset?.[tag]?.Value?.[0];

beforeAll(async () => {
  fixture = await startDicomwebFixture();
  (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest = XMLHttpRequest;
  // Its type declarations require every option and say results are not promises; both are wrong.
  client = new api.DICOMwebClient({ url: fixture.base, singlepart: false }) as unknown as OhifClient;
}, 60_000);

afterAll(() => fixture.stop());

/** The width and height in a baseline or progressive JPEG's frame header. */
function jpegSize(bytes: Buffer): { width: number; height: number } {
  expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
  for (let at = 2; at + 9 < bytes.length;) {
    const marker = bytes.readUInt16BE(at);
    if (marker >= 0xffc0 && marker <= 0xffc2)
      return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    at += 2 + bytes.readUInt16BE(at + 2);
  }
  throw new Error('no JPEG frame header');
}

describe('OHIF v3 study list', () => {
  it('lists every study with what the list shows (its default request)', async () => {
    const studies = await client.searchForStudies({
      queryParams: { limit: 101, offset: 0, fuzzymatching: false, includefield: STUDY_LIST_FIELDS },
    });
    expect(studies.map((study) => first(study, '0020000D')).sort()).toEqual(
      [...PATIENTS.map((_, p) => studyUid(p)), US_STUDY].sort(),
    );
    for (const study of studies) {
      // What processResults reads: UID, date, MRN, name, instance count and modalities.
      expect(study['0020000D']?.vr).toBe('UI');
      expect(Number(first(study, '00201208'))).toBeGreaterThan(0);
      expect(first(study, '00080061') ?? first(study, '00080060')).toEqual(expect.any(String));
      expect(study['00100010']?.vr).toBe('PN');
    }
    const jane = studies.find((study) => first(study, '0020000D') === studyUid(0));
    expect(first(jane, '00100010')).toEqual({ Alphabetic: 'DOE^JANE' });
    expect(first(jane, '00201208')).toBe(4);
    expect(first(jane, '00201206')).toBe(2);
  });

  it('filters as its search fields do: name and MRN with wildcards both sides, dates, modality, UID list', async () => {
    const uidsOf = async (queryParams: Record<string, unknown>) =>
      (
        await client.searchForStudies({
          queryParams: { ...queryParams, limit: 101, offset: 0, fuzzymatching: false, includefield: STUDY_LIST_FIELDS },
        })
      )
        .map((study) => first(study, '0020000D'))
        .sort();
    expect(await uidsOf({ PatientName: '*garcia*' })).toEqual([studyUid(1), studyUid(2)]);
    expect(await uidsOf({ '00100020': '*P1*' })).toEqual([studyUid(0)]);
    expect(await uidsOf({ StudyDate: '20200101-20211231' })).toEqual([studyUid(1), studyUid(2)]);
    expect(await uidsOf({ StudyDate: '19700102-20191231' })).toEqual([studyUid(0), US_STUDY]);
    expect(await uidsOf({ ModalitiesInStudy: 'US' })).toEqual([US_STUDY]);
    expect(await uidsOf({ StudyInstanceUID: `${studyUid(0)}\\${studyUid(2)}` })).toEqual([studyUid(0), studyUid(2)]);
    expect(await uidsOf({ PatientName: '*NOBODY*' })).toEqual([]);
  });
});

describe('OHIF v3 opening a study', () => {
  it('finds the series (all, one, and with the fields its series list adds)', async () => {
    const all = await client.searchForSeries({ studyInstanceUID: studyUid(1) });
    expect(all.map((series) => first(series, '0020000E')).sort()).toEqual([seriesUid(1, 0), seriesUid(1, 1)]);
    expect(all.map((series) => first(series, '00201209'))).toEqual([2, 2]);
    const one = await client.searchForSeries({
      studyInstanceUID: studyUid(1),
      queryParams: { SeriesInstanceUID: seriesUid(1, 1) },
    });
    expect(one.map((series) => first(series, '0020000E'))).toEqual([seriesUid(1, 1)]);
    const listed = await client.searchForSeries({
      studyInstanceUID: studyUid(1),
      queryParams: { includefield: '0008103E,00080021' },
    });
    expect(listed.map((series) => first(series, '00080060'))).toEqual(['CT', 'CT']);
  });

  it('loads each series’ metadata, and the whole study’s, with absolute BulkDataURIs', async () => {
    const series = await client.retrieveSeriesMetadata({ studyInstanceUID: US_STUDY, seriesInstanceUID: US_SERIES });
    expect(series).toHaveLength(1);
    const [us] = series;
    // What OHIF needs to build image ids and display sets.
    for (const tag of ['00080016', '00080018', '00280010', '00280011', '00280004', '00280008']) {
      expect(us?.[tag]?.Value).toBeDefined();
    }
    expect(us?.['7FE00010']?.BulkDataURI).toMatch(/^http:\/\/.+\/bulkdata\/\d+-\d+$/);
    const study = await client.retrieveStudyMetadata({ studyInstanceUID: studyUid(0) });
    expect(study.map((instance) => first(instance, '00080018')).sort()).toEqual(
      [0, 1].flatMap((s) => [0, 1].map((i) => sopUid(0, s, i))).sort(),
    );
  });

  it('fetches frames as Cornerstone does: stored bytes, one part, the syntax named', async () => {
    const base = `${fixture.base}/studies/${US_STUDY}/series/${US_SERIES}/instances/${US_SOP}`;
    const response = await fetch(`${base}/frames/10`, { headers: { accept: FRAME_ACCEPT } });
    expect(response.status).toBe(200);
    const [frame, ...more] = await partsOf(response);
    expect(more).toEqual([]);
    expect(frame?.contentType).toBe('application/octet-stream; transfer-syntax=1.2.840.10008.1.2.5');
    // An RLE frame: its header says how many segments follow (one, for 8-bit palette samples).
    expect(frame?.bytes.readUInt32LE(0)).toBe(1);
    const ct = `${fixture.base}/studies/${studyUid(0)}/series/${seriesUid(0, 0)}/instances/${sopUid(0, 0, 0)}`;
    const [native] = await partsOf(await fetch(`${ct}/frames/1`, { headers: { accept: FRAME_ACCEPT } }));
    expect(native?.contentType).toBe('application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1');
    expect(native?.bytes.length).toBe(8 * 8 * 2);
    expect(fixture.files.get(sopUid(0, 0, 0))?.includes(native?.bytes ?? Buffer.alloc(1))).toBe(true);
  });

  it('reads bulk data by the URIs the metadata gives, as retrieveBulkData asks', async () => {
    const [ct] = await client.retrieveSeriesMetadata({
      studyInstanceUID: studyUid(0),
      seriesInstanceUID: seriesUid(0, 0),
    });
    const uri = ct?.['7FE00010']?.BulkDataURI ?? '';
    const read = await client.retrieveBulkData({ BulkDataURI: uri, multipart: false });
    const bytes = Buffer.from(
      (Array.isArray(read) ? read.find((part) => part.byteLength > 0) : read) ?? new ArrayBuffer(0),
    );
    expect(bytes.length).toBe(8 * 8 * 2);
    const stored = fixture.files.get(first(ct, '00080018') as string) ?? Buffer.alloc(0);
    expect(stored.includes(bytes)).toBe(true);
  });
});

describe('OHIF v3 thumbnails', () => {
  const instance = () =>
    `${fixture.base}/studies/${studyUid(2)}/series/${seriesUid(2, 0)}/instances/${sopUid(2, 0, 0)}`;

  it('thumbnailDirect: an <img> URL with ?accept=image/jpeg and no Accept header of its own', async () => {
    const response = await fetch(`${instance()}/thumbnail?accept=image%2Fjpeg`);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    // The 8×8 slice, fitted in 128×128.
    expect(jpegSize(Buffer.from(await response.arrayBuffer()))).toEqual({ width: 128, height: 128 });
  });

  it('thumbnail and rendered through bulk data: a multipart image Accept, overridden by ?accept=', async () => {
    for (const resource of ['thumbnail', 'rendered']) {
      const response = await fetch(`${instance()}/${resource}?accept=image%2Fjpeg`, {
        headers: { accept: 'multipart/related; type="image/jpeg"' },
      });
      expect({ resource, status: response.status, type: response.headers.get('content-type') }).toEqual({
        resource,
        status: 200,
        type: 'image/jpeg',
      });
      jpegSize(Buffer.from(await response.arrayBuffer()));
    }
  });

  it('the fetch strategy: series thumbnails at viewport=256,256, and the QIDO fallback it may use', async () => {
    const us = `${fixture.base}/studies/${US_STUDY}/series/${US_SERIES}`;
    const response = await fetch(`${us}/thumbnail?viewport=256%2C256`, { headers: { accept: 'image/jpeg' } });
    expect(response.status).toBe(200);
    const size = jpegSize(Buffer.from(await response.arrayBuffer()));
    // 600 x 430 fitted inside 256 x 256, keeping the aspect ratio.
    expect(size).toEqual({ width: 256, height: 183 });
    const [found, ...more] = await client.searchForInstances({
      studyInstanceUID: US_STUDY,
      seriesInstanceUID: US_SERIES,
      queryParams: { limit: 1, includefield: '00080018' },
    });
    expect(more).toEqual([]);
    expect(first(found, '00080018')).toBe(US_SOP);
  });
});

describe('OHIF v3 in a browser and its delete action', () => {
  it('passes the CORS preflight a viewer on another origin sends, with an Authorization header', async () => {
    const response = await fetch(`${fixture.base}/studies?limit=101`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://viewer.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'accept,authorization',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toMatch(/GET/);
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toMatch(/authorization/);
  });

  it('rejects a series as dcm4cheeReject does, on a branch; the tag still has it', async () => {
    const branch = `${fixture.server.url}/dicomweb/lab/ct/@feature%2Fct`;
    const reject = await fetch(`${branch}/studies/${studyUid(1)}/series/${seriesUid(1, 1)}/reject/113039%5EDCM`, {
      method: 'POST',
      headers: fixture.writer,
    });
    expect(reject.status).toBe(204);
    const after = (await (await fetch(`${branch}/studies/${studyUid(1)}/series`)).json()) as Dataset[];
    expect(after.map((series) => first(series, '0020000E'))).toEqual([seriesUid(1, 0)]);
    const tagged = `${fixture.server.url}/dicomweb/lab/ct/@v1/studies/${studyUid(1)}/series`;
    expect(((await (await fetch(tagged)).json()) as Dataset[]).length).toBe(2);
  });
});
