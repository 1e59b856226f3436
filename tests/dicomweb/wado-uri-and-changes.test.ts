// WADO-URI, DELETE and the dcm4chee-style reject, through a real server.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  seriesUid,
  sopUid,
  startDicomwebFixture,
  studyUid,
  US_PALETTE,
  US_STUDY,
  type DicomwebFixture,
} from '../support/dicomweb-fixture.js';

let fixture: DicomwebFixture;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const wado = (base: string, study: string, series: string, object: string, extra = '') =>
  `${base}/wado?requestType=WADO&studyUID=${study}&seriesUID=${series}&objectUID=${object}${extra}`;

beforeAll(async () => {
  fixture = await startDicomwebFixture();
}, 60_000);

afterAll(() => fixture.stop());

describe('WADO-URI', () => {
  it('returns the stored file byte for byte, at a branch, a tag and the alias base', async () => {
    const url = wado(fixture.base, studyUid(1), seriesUid(1, 0), sopUid(1, 0, 1), '&contentType=application/dicom');
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/dicom');
    expect(response.headers.get('strata-commit')).toBe(fixture.head);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(sha256(bytes)).toBe(sha256(fixture.files.get(sopUid(1, 0, 1)) ?? Buffer.alloc(0)));
    const us = await fetch(
      `${fixture.server.url}/dicomweb/wado?requestType=WADO&studyUID=${US_STUDY}&seriesUID=999.999.94827453&objectUID=999.999.133.1996.1.1800.1.6.25&contentType=application/dicom&transferSyntax=*`,
    );
    expect(us.status).toBe(200);
    expect(sha256(Buffer.from(await us.arrayBuffer()))).toBe(sha256(await readFile(US_PALETTE)));
    const tagged = await fetch(url.replace('@main', '@v1'));
    expect(tagged.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const again = await fetch(url.replace('@main', '@v1'), {
      headers: { 'if-none-match': tagged.headers.get('etag') ?? '' },
    });
    expect(again.status).toBe(304);
  });

  it('refuses what it cannot serve with a stable code', async () => {
    const good = [studyUid(0), seriesUid(0, 0), sopUid(0, 0, 0)] as const;
    const cases: [string, number, string][] = [
      [wado(fixture.base, ...good).replace('requestType=WADO', 'requestType=WADX'), 400, 'wado.invalid_parameter'],
      [wado(fixture.base, ...good).replace(/&objectUID=[^&]*/, ''), 400, 'wado.invalid_parameter'],
      [wado(fixture.base, good[0], good[1], '1.2.x', '&contentType=application/dicom'), 400, 'wado.invalid_parameter'],
      [wado(fixture.base, ...good), 406, 'request.not_acceptable'],
      [
        wado(fixture.base, ...good, '&contentType=application/dicom&transferSyntax=1.2.840.10008.1.2.4.50'),
        406,
        'request.not_acceptable',
      ],
      [wado(fixture.base, good[0], good[1], '1.2.3', '&contentType=application/dicom'), 404, 'dicomweb.not_found'],
    ];
    for (const [url, status, code] of cases) {
      const response = await fetch(url);
      const body = (await response.json()) as { error: { code: string } };
      expect({ url, status: response.status, code: body.error.code }).toEqual({ url, status, code });
    }
  });
});

describe('DELETE and reject', () => {
  it('remove instances from a branch as commits; tags and the old commit keep them', async () => {
    const feature = `${fixture.server.url}/dicomweb/lab/ct/@feature%2Fct`;
    const rejected = await fetch(`${feature}/studies/${studyUid(0)}/series/${seriesUid(0, 1)}/reject/113001%5EDCM`, {
      method: 'POST',
      headers: fixture.writer,
    });
    expect(rejected.status).toBe(204);
    const afterReject = rejected.headers.get('strata-commit');
    expect(afterReject).not.toBe(fixture.head);
    const series = await fetch(`${feature}/studies/${studyUid(0)}/series`);
    expect(((await series.json()) as unknown[]).length).toBe(1);
    const deleted = await fetch(`${feature}/studies/${studyUid(2)}`, { method: 'DELETE', headers: fixture.writer });
    expect(deleted.status).toBe(204);
    const oneInstance = await fetch(
      `${feature}/studies/${studyUid(1)}/series/${seriesUid(1, 0)}/instances/${sopUid(1, 0, 0)}`,
      {
        method: 'DELETE',
        headers: fixture.writer,
      },
    );
    expect(oneInstance.status).toBe(204);
    const studies = (await (await fetch(`${feature}/studies`)).json()) as Record<string, { Value?: unknown[] }>[];
    const counts = Object.fromEntries(studies.map((s) => [s['0020000D']?.Value?.[0], s['00201208']?.Value?.[0]]));
    expect(counts).toEqual({ [studyUid(0)]: 2, [studyUid(1)]: 3, [US_STUDY]: 1 });
    // main, the tag and the old commit are untouched.
    for (const ref of ['main', 'v1', fixture.head]) {
      const all = (await (await fetch(`${fixture.server.url}/dicomweb/lab/ct/@${ref}/studies`)).json()) as unknown[];
      expect({ ref, studies: all.length }).toEqual({ ref, studies: 4 });
    }
  });

  it('refuses changes to tags and commits, unknown codes, and what is not there', async () => {
    const cases: [string, string, number, string][] = [
      ['DELETE', `/dicomweb/lab/ct/@v1/studies/${studyUid(1)}`, 405, 'dicomweb.immutable_ref'],
      ['DELETE', `/dicomweb/lab/ct/@${fixture.head}/studies/${studyUid(1)}`, 405, 'dicomweb.immutable_ref'],
      [
        'POST',
        `/dicomweb/lab/ct/@main/studies/${studyUid(1)}/reject/999999%5EDCM`,
        400,
        'dicomweb.unknown_rejection_code',
      ],
      ['DELETE', '/dicomweb/lab/ct/@main/studies/1.2.3.4', 404, 'dicomweb.not_found'],
      ['DELETE', '/dicomweb/lab/ct/@main/studies/not-a-uid', 400, 'dicomweb.invalid_uid'],
      ['DELETE', `/dicomweb/lab/ct/@nowhere/studies/${studyUid(1)}`, 404, 'ref.not_found'],
    ];
    for (const [method, path, status, code] of cases) {
      const response = await fetch(`${fixture.server.url}${path}`, { method, headers: fixture.writer });
      const body = (await response.json()) as { error: { code: string } };
      expect({ path, status: response.status, code: body.error.code }).toEqual({ path, status, code });
    }
    const main = (await (await fetch(`${fixture.base}/studies`)).json()) as unknown[];
    expect(main).toHaveLength(4);
  });
});
