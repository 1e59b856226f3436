// The Orthanc peer that benchmarks and conformance suites compare Strata with must itself work.
import { readFile } from 'node:fs/promises';
import { startOrthanc, type OrthancServer } from '../support/orthanc.js';

const CT = '/usr/lib/python3/dist-packages/pydicom/data/test_files/CT_small.dcm';
let orthanc: OrthancServer;

beforeAll(async () => {
  orthanc = await startOrthanc();
}, 60_000);
afterAll(() => orthanc?.stop(), 30_000);

describe('the Orthanc peer', () => {
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
