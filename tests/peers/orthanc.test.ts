// The Orthanc peer that benchmarks and conformance suites compare Strata with must itself work.
import { readFile } from 'node:fs/promises';
import { orthancInstalled, startOrthanc, type OrthancServer } from '../support/orthanc.js';

// Needs Debian's Orthanc: `.ci/run` installs it and CI fails without it; elsewhere it is skipped
// when missing (apt-get install orthanc orthanc-dicomweb).
const withOrthanc = orthancInstalled() || process.env['CI'] === 'true';
const describeWithOrthanc = withOrthanc ? describe : describe.skip;

const CT = '/usr/lib/python3/dist-packages/pydicom/data/test_files/CT_small.dcm';
let orthanc: OrthancServer;

beforeAll(async () => {
  if (!withOrthanc) return;
  orthanc = await startOrthanc();
}, 60_000);
afterAll(() => orthanc?.stop(), 30_000);

describeWithOrthanc('the Orthanc peer', () => {
  it('stores an instance over REST and answers QIDO-RS for it', async () => {
    const stored = await fetch(`${orthanc.url}/instances`, { method: 'POST', body: await readFile(CT) });
    expect(stored.status).toBe(200);
    expect(await stored.json()).toMatchObject({ Status: 'Success' });
    const studies = await fetch(`${orthanc.dicomWeb}/studies`, { headers: { accept: 'application/dicom+json' } });
    const body = (await studies.json()) as Record<string, { Value?: unknown[] }>[];
    expect(body).toHaveLength(1);
    expect(body[0]?.['0020000D']?.Value?.[0]).toBe('1.3.6.1.4.1.5962.1.2.1.20040119072730.12322');
  });
});
