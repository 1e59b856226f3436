// Orthanc as a reference server: the same real files stored in Orthanc (REST) and in a Strata
// branch, the same QIDO-RS and WADO-RS metadata requests sent to both, and the answers compared
// attribute by attribute. Every difference must be one of the known differences (with its reason,
// in orthanc-differences.ts and docs/conformance.md), and every known difference must still occur.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMultipartRelated } from '@strata/dicomweb/http';
import { importDirectory } from '@strata/services/ingest';
import { createDataset } from '@strata/services/versioning';
import { diffDataSets, type DicomDataSet } from '../support/dicom-json-diff.js';
import { startDicomwebFixture, type DicomwebFixture } from '../support/dicomweb-fixture.js';
import { startOrthanc, storeInOrthanc, type OrthancServer } from '../support/orthanc.js';
import { REAL_DICOM } from '../support/real-dicom.js';
import { KNOWN_DIFFERENCES, type Area, type Observed } from './orthanc-differences.js';
import { describeWithOrthanc, withOrthanc } from './with-orthanc.js';

let fixture: DicomwebFixture;
let orthanc: OrthancServer;
let strataBase: string;
let folder: string;
const namesFromFiles = new Map<string, unknown>();

const uidOf = (dataSet: DicomDataSet | undefined, tag: string) => dataSet?.[tag]?.Value?.[0] as string | undefined;
const keyOf = (d: DicomDataSet) => [uidOf(d, '0020000D'), uidOf(d, '0020000E'), uidOf(d, '00080018')].join('/');

async function dicomJson(url: string): Promise<DicomDataSet[]> {
  const response = await fetch(url, { headers: { accept: 'application/dicom+json' } });
  if (response.status === 204) return [];
  if (response.status !== 200) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as DicomDataSet[];
}

/** The bytes at a BulkDataURI (the one part of the multipart answer), as a SHA-256, or the status. */
async function bulkData(uri: string): Promise<string> {
  const response = await fetch(uri, { headers: { accept: 'multipart/related; type="application/octet-stream"' } });
  if (response.status !== 200) return `status ${response.status}`;
  const body = readMultipartRelated(
    (async function* () {
      for await (const chunk of response.body ?? []) yield chunk as Uint8Array;
    })(),
    response.headers.get('content-type') ?? undefined,
  );
  const parts: string[] = [];
  for await (const part of body.parts) {
    const hash = createHash('sha256');
    for await (const chunk of part.body) hash.update(chunk);
    parts.push(hash.digest('hex').slice(0, 16));
  }
  return parts.join('+');
}

/** The same request to both servers, the results paired by their UIDs. */
async function both(path: string) {
  const [strata, reference] = await Promise.all([dicomJson(strataBase + path), dicomJson(orthanc.dicomWeb + path)]);
  return { strata, orthanc: reference };
}

/** Every attribute difference between the paired results of one request. */
function compare(area: Area, request: string, strata: DicomDataSet[], reference: DicomDataSet[]): Observed[] {
  const byKey = new Map(reference.map((d) => [keyOf(d), d]));
  const observed: Observed[] = [];
  for (const dataSet of strata) {
    const other = byKey.get(keyOf(dataSet)) ?? {};
    const uids = {
      study: uidOf(dataSet, '0020000D') ?? '',
      series: uidOf(dataSet, '0020000E'),
      instance: uidOf(dataSet, '00080018'),
    };
    for (const difference of diffDataSets(dataSet, other)) {
      observed.push({
        area,
        request,
        uids,
        path: difference.path,
        tag: difference.tag,
        strata: difference.left,
        orthanc: difference.right,
      });
    }
  }
  return observed;
}

/** Fails naming every difference no known difference explains, and every known one that did not occur. */
function explain(area: Area, observed: Observed[]) {
  const context = { strataBase, orthancBase: orthanc.dicomWeb, namesFromFiles };
  const known = KNOWN_DIFFERENCES.filter((k) => k.areas.includes(area));
  const seen = new Set<string>();
  const unexplained: Record<string, string> = {};
  for (const difference of observed) {
    const explanation = known.find((k) => k.matches(difference, context));
    if (explanation !== undefined) {
      seen.add(explanation.id);
      continue;
    }
    const { strata, orthanc: other, path, request, uids, bytes } = difference;
    const kind = strata === undefined ? 'Orthanc only' : other === undefined ? 'Strata only' : 'values differ';
    const key = `${path.replace(/\/\d+\//g, '/n/')} (${kind})`;
    // For bulk data, what the two URIs answered; otherwise the two attributes.
    const [left, right] = bytes === undefined ? [strata, other] : [bytes.strata, bytes.orthanc];
    unexplained[key] ??=
      `${request} ${uids.instance ?? uids.series ?? uids.study}: Strata ${JSON.stringify(left)}, Orthanc ${JSON.stringify(right)}`;
  }
  expect(unexplained).toEqual({});
  expect(known.filter((k) => !seen.has(k.id)).map((k) => k.id)).toEqual([]);
}

beforeAll(async () => {
  if (!withOrthanc) return;
  [fixture, orthanc] = await Promise.all([startDicomwebFixture(), startOrthanc()]);
  folder = await mkdtemp(join(tmpdir(), 'strata-reference-'));
  for (const file of REAL_DICOM) {
    await copyFile(file.path, join(folder, file.name.replace('/', '-')));
    await storeInOrthanc(orthanc, await readFile(file.path));
  }
  const author = { name: 'Ada', email: 'ada@example.org' };
  const dataset = await createDataset(fixture.deps, 'peers/reference', author, { visibility: 'public' });
  await importDirectory(fixture.deps, folder, {
    dataset,
    branch: 'main',
    message: 'reference files',
    author,
    onError: 'abort',
  });
  strataBase = `${fixture.server.url}/dicomweb/peers/reference/@main`;
  for (const study of await dicomJson(`${orthanc.dicomWeb}/studies`)) {
    const uid = uidOf(study, '0020000D') ?? '';
    const [instance] = await dicomJson(`${orthanc.dicomWeb}/studies/${uid}/metadata`);
    namesFromFiles.set(uid, instance?.['00100010']?.Value);
  }
}, 120_000);

afterAll(async () => {
  await orthanc?.stop();
  await fixture?.stop();
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
}, 30_000);

describeWithOrthanc('Orthanc as a reference server', () => {
  const searches = [
    '/studies',
    '/studies?PatientName=*a*',
    '/studies?StudyDate=20000101-20101231',
    '/studies?ModalitiesInStudy=MR',
    // What OHIF sends for its study list.
    '/studies?limit=101&offset=0&fuzzymatching=false&includefield=00081030%2C00080060',
    '/series',
    '/series?Modality=OT',
    '/instances',
  ];

  it('finds the same studies, series and instances for the same searches', async () => {
    for (const search of searches) {
      const { strata, orthanc: reference } = await both(search);
      expect({ search, found: strata.map(keyOf).sort() }).toEqual({ search, found: reference.map(keyOf).sort() });
    }
    expect((await both('/studies')).strata).toHaveLength(21);
  });

  it('answers QIDO-RS with the same attributes and values, up to the known differences', async () => {
    const observed: Observed[] = [];
    for (const search of searches) {
      const { strata, orthanc: reference } = await both(search);
      observed.push(...compare('qido', search, strata, reference));
    }
    for (const study of (await both('/studies')).strata.map((d) => uidOf(d, '0020000D'))) {
      const series = await both(`/studies/${study}/series`);
      observed.push(...compare('qido', '/studies/{study}/series', series.strata, series.orthanc));
      for (const uid of series.strata.map((d) => uidOf(d, '0020000E'))) {
        const instances = await both(`/studies/${study}/series/${uid}/instances`);
        observed.push(
          ...compare('qido', '/studies/{study}/series/{series}/instances', instances.strata, instances.orthanc),
        );
      }
    }
    explain('qido', observed);
  });

  it('answers WADO-RS series and instance metadata with the same attributes and values, up to the known differences', async () => {
    const observed: Observed[] = [];
    for (const instance of (await both('/instances')).strata) {
      const [study, series, sop] = keyOf(instance).split('/');
      const seriesMetadata = await both(`/studies/${study}/series/${series}/metadata`);
      observed.push(
        ...compare(
          'metadata',
          '/studies/{study}/series/{series}/metadata',
          seriesMetadata.strata,
          seriesMetadata.orthanc,
        ),
      );
      const metadata = await both(`/studies/${study}/series/${series}/instances/${sop}/metadata`);
      expect(metadata.strata).toHaveLength(1);
      observed.push(
        ...compare(
          'metadata',
          '/studies/{study}/series/{series}/instances/{instance}/metadata',
          metadata.strata,
          metadata.orthanc,
        ),
      );
    }
    explain('metadata', observed);
  });

  it('returns TimezoneOffsetFromUTC at every QIDO-RS level when the instances carry it', async () => {
    // CT_small.dcm holds (0008,0201) "-0500". PS3.18 Tables 10.6.3-3, -4 and -5 list Timezone Offset
    // From UTC among the attributes of every matching study, series and instance; Orthanc returns it.
    const study = '1.3.6.1.4.1.5962.1.2.1.20040119072730.12322';
    const series = '1.3.6.1.4.1.5962.1.3.1.1.20040119072730.12322';
    for (const search of [
      `/studies?StudyInstanceUID=${study}`,
      `/studies/${study}/series`,
      `/studies/${study}/series/${series}/instances`,
    ]) {
      const { strata, orthanc: reference } = await both(search);
      expect(reference[0]?.['00080201']).toEqual({ vr: 'SH', Value: ['-0500'] });
      expect({ search, timezone: strata[0]?.['00080201'] }).toEqual({
        search,
        timezone: { vr: 'SH', Value: ['-0500'] },
      });
    }
  });

  it("serves the same bytes at both servers' BulkDataURIs, up to the known differences", async () => {
    const observed: Observed[] = [];
    let compared = 0;
    for (const instance of (await both('/instances')).strata) {
      const [study, series, sop] = keyOf(instance).split('/');
      const metadata = await both(`/studies/${study}/series/${series}/instances/${sop}/metadata`);
      const [mine, theirs] = [metadata.strata[0] ?? {}, metadata.orthanc[0] ?? {}];
      const pairs = diffDataSets(mine, theirs).filter(
        (d) => d.left?.BulkDataURI !== undefined && d.right?.BulkDataURI !== undefined,
      );
      for (const { path, tag, left, right } of pairs) {
        compared++;
        const bytes = {
          strata: await bulkData(left?.BulkDataURI ?? ''),
          orthanc: await bulkData(right?.BulkDataURI ?? ''),
        };
        if (bytes.strata === bytes.orthanc) continue;
        const uids = { study: study ?? '', series, instance: sop };
        const transferSyntax = uidOf(mine, '00083002');
        observed.push({
          area: 'bulkdata',
          request: 'GET {BulkDataURI}',
          uids,
          path,
          tag,
          strata: left,
          orthanc: right,
          bytes,
          transferSyntax,
        });
      }
    }
    expect(compared).toBeGreaterThan(30);
    explain('bulkdata', observed);
  });
});

describe('the "Compared with Orthanc" section of docs/conformance.md', () => {
  const docs = readFileSync(new URL('../../docs/conformance.md', import.meta.url), 'utf8');
  const section = docs.slice(docs.indexOf('## Compared with Orthanc'));

  it('explains exactly the known differences the test allows, naming the tests that fail for Strata bugs', () => {
    const explained = [...section.matchAll(/^- \*\*[^*]+\*\* \(`([a-z-]+)`\)/gm)].map((match) => match[1]);
    expect(explained.sort()).toEqual(KNOWN_DIFFERENCES.map((k) => k.id).sort());
    for (const { strataBug } of KNOWN_DIFFERENCES) {
      if (strataBug !== undefined) expect(section.replace(/\s+/g, ' ')).toContain(`"${strataBug}"`);
    }
  });
});
