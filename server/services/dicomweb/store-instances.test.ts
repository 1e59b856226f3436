import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { DatasetRecord } from '@strata/models';
import { useVersioningFixture } from '../testing/versioning-fixture.js';
import { createDataset, diffRefs, resolveRef } from '../versioning/index.js';
import { FAILURE, storeInstances, type StowPart } from './store-instances.js';

const require = createRequire(import.meta.url);
const TEST_DATA = join(dirname(require.resolve('dicomweb-client/package.json')), 'testData');
const ada = { name: 'Ada', email: 'ada@example.org' };
const fixture = useVersioningFixture('stow');
let datasets = 0;

/** dicomweb-client's test files: US palette (RLE), implicit and explicit VR little endian. */
const FILES = {
  us: { file: 'US-PAL-8-10x-echo.dcm', study: '999.999.3859744', sop: '999.999.133.1996.1.1800.1.6.25' },
  ct: {
    file: 'sample.dcm',
    study: '1.3.6.1.4.1.14519.5.2.1.2744.7002.271803936741289691489150315969',
    sop: '1.3.6.1.4.1.14519.5.2.1.2744.7002.325971588264730726076978589153',
  },
  mr: { file: 'sample2.dcm', study: '1.2.276.0.7230010.3.200.2', sop: '1.2.276.0.7230010.3.200.2.1.1' },
};

const bytesOf = (name: keyof typeof FILES) => readFile(join(TEST_DATA, FILES[name].file));

/** A part whose body arrives in small chunks, as from a socket. */
function part(bytes: Uint8Array, contentType: string | undefined = 'application/dicom'): StowPart {
  async function* body() {
    for (let offset = 0; offset < bytes.length; offset += 7_919) yield bytes.subarray(offset, offset + 7_919);
  }
  return { contentType, body: body() };
}

async function* partsOf(...parts: StowPart[]): AsyncGenerator<StowPart> {
  for (const p of parts) yield p;
}

async function dataset(): Promise<DatasetRecord> {
  return createDataset(fixture.deps, `lab/stow-${++datasets}`, ada);
}

function store(target: DatasetRecord, parts: AsyncIterable<StowPart>, studyUid?: string) {
  return storeInstances(fixture.deps, {
    dataset: target,
    branch: 'main',
    ...(studyUid !== undefined && { studyUid }),
    author: ada,
    message: 'STOW-RS',
    spoolDir: fixture.dir,
    parts,
  });
}

describe('storeInstances (STOW-RS into a branch)', () => {
  it('stores every part as one commit, byte for byte, and a repeat as no change', async () => {
    const target = await dataset();
    const before = (await resolveRef(fixture.deps, target, 'main')).commit;
    const parts = await Promise.all((['us', 'ct', 'mr'] as const).map(bytesOf));
    const result = await store(target, partsOf(...parts.map((bytes) => part(bytes))));
    expect(result.failed).toEqual([]);
    expect(result.stored.map((s) => s.sopUid).sort()).toEqual([FILES.us.sop, FILES.ct.sop, FILES.mr.sop].sort());
    expect(result.stored.find((s) => s.sopUid === FILES.us.sop)).toMatchObject({
      studyUid: FILES.us.study,
      sopClassUid: '1.2.840.10008.5.1.4.1.1.3.1',
    });
    const head = await resolveRef(fixture.deps, target, 'main');
    expect(head.commit).toBe(result.commit);
    const diff = await diffRefs(fixture.deps, target, before, 'main');
    expect(diff.counts).toEqual({ added: 3, removed: 0, changed: 0 });
    const again = await store(target, partsOf(part(parts[1] as Uint8Array)));
    expect(again.commit).toBe(result.commit);
    expect(await readdir(fixture.dir)).toEqual(['blobs']);
  });

  it('reports each part that cannot be stored with its reason, and commits the rest', async () => {
    const target = await dataset();
    const before = (await resolveRef(fixture.deps, target, 'main')).commit;
    const ct = await bytesOf('ct');
    const result = await store(
      target,
      partsOf(
        part(Buffer.from('this is not DICOM at all, just text that is long enough to be read')),
        part(ct.subarray(0, 2_000)),
        part(await bytesOf('mr'), 'application/octet-stream'),
        part(await bytesOf('us')),
        part(ct),
      ),
      FILES.ct.study,
    );
    expect(result.stored.map((s) => s.sopUid)).toEqual([FILES.ct.sop]);
    expect(result.failed.map(({ reason, code }) => ({ reason, code }))).toEqual([
      { reason: FAILURE.cannotUnderstand, code: 'dicom.not_dicom' },
      { reason: FAILURE.cannotUnderstand, code: 'dicom.truncated' },
      { reason: FAILURE.cannotUnderstand, code: 'stow.unsupported_part' },
      { reason: FAILURE.studyMismatch, code: 'stow.study_mismatch' },
    ]);
    expect(result.failed[3]).toMatchObject({ sopUid: FILES.us.sop, sopClassUid: '1.2.840.10008.5.1.4.1.1.3.1' });
    const diff = await diffRefs(fixture.deps, target, before, 'main');
    expect(diff.studies.map((study) => study.studyInstanceUid)).toEqual([FILES.ct.study]);
    expect(diff.counts).toEqual({ added: 1, removed: 0, changed: 0 });
  });

  it('commits nothing when every part fails, or when the body breaks off', async () => {
    const target = await dataset();
    const head = (await resolveRef(fixture.deps, target, 'main')).commit;
    const none = await store(target, partsOf(part(Buffer.from('garbage garbage garbage garbage garbage'))));
    expect(none.commit).toBeUndefined();
    expect(none.failed).toHaveLength(1);
    async function* broken(): AsyncGenerator<StowPart> {
      yield part(await bytesOf('ct'));
      throw new Error('connection reset');
    }
    await expect(store(target, broken())).rejects.toThrow('connection reset');
    expect((await resolveRef(fixture.deps, target, 'main')).commit).toBe(head);
    expect(await readdir(fixture.dir)).toEqual(['blobs']);
  });

  it('refuses both parts that claim one SOP Instance UID with different bytes', async () => {
    const target = await dataset();
    const ct = await bytesOf('ct');
    const changed = Buffer.from(ct);
    changed[changed.length - 1] = (changed[changed.length - 1] ?? 0) ^ 0xff;
    const result = await store(target, partsOf(part(ct), part(changed), part(await bytesOf('mr'))));
    expect(result.stored.map((s) => s.sopUid)).toEqual([FILES.mr.sop]);
    expect(result.failed.map((f) => [f.sopUid, f.reason, f.code])).toEqual([
      [FILES.ct.sop, FAILURE.processing, 'stow.duplicate_sop_instance'],
      [FILES.ct.sop, FAILURE.processing, 'stow.duplicate_sop_instance'],
    ]);
  });
});
