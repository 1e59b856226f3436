import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { transcodeInstance } from '@strata/modules/codecs';
import type { BlobStore } from '@strata/modules/blob';
import { OPERATOR } from '../access/index.js';
import { useVersioningFixture } from '../testing/versioning-fixture.js';
import { createDataset } from '../versioning/index.js';
import type { VersioningDeps } from '../versioning/versioning-deps.js';
import { type InstanceDelivery, instancesInSyntax, transcodingHeaders } from './instances-in-syntax.js';
import { instancesOf, openVersion, type VersionInstance } from './retrieve.js';
import { storeInstances } from './store-instances.js';

const require = createRequire(import.meta.url);
const TEST_DATA = join(dirname(require.resolve('dicomweb-client/package.json')), 'testData');
const fixture = useVersioningFixture('transcode');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const LE = '1.2.840.10008.1.2.1';
const HTJ2K = '1.2.840.10008.1.2.4.201';

/** dicomweb-client's US palette (RLE, 10 frames), PET (implicit VR) and MR (explicit VR), stored in a branch. */
async function storedInstances(): Promise<{ instances: VersionInstance[]; bytes: Map<string, Buffer> }> {
  const dataset = await createDataset(fixture.deps, 'lab/transcode', { name: 'Ada', email: 'ada@example.org' });
  const bytes = new Map<string, Buffer>();
  const parts = [];
  for (const name of ['US-PAL-8-10x-echo.dcm', 'sample.dcm', 'sample2.dcm']) {
    const file = await readFile(join(TEST_DATA, name));
    bytes.set(sha256(file), file);
    parts.push({
      contentType: 'application/dicom',
      body: (async function* () {
        yield file;
      })(),
    });
  }
  await storeInstances(fixture.deps, {
    dataset,
    branch: 'main',
    author: { name: 'Ada', email: 'ada@example.org' },
    actor: OPERATOR,
    message: 'seed',
    spoolDir: fixture.dir,
    parts: (async function* () {
      yield* parts;
    })(),
  });
  const version = await openVersion(fixture.deps, OPERATOR, 'read', 'lab/transcode');
  const instances = [];
  for (const study of [
    '999.999.3859744',
    '1.3.6.1.4.1.14519.5.2.1.2744.7002.271803936741289691489150315969',
    '1.2.276.0.7230010.3.200.2',
  ]) {
    instances.push(...(await instancesOf(fixture.deps, version, { study })));
  }
  return { instances, bytes };
}

/** The same store, counting which files' blobs have been asked for. */
function counting(deps: VersioningDeps, reads: string[]): VersioningDeps {
  const blobStore: BlobStore = Object.create(deps.blobStore) as BlobStore;
  blobStore.get = (digest, range) => {
    reads.push(digest);
    return deps.blobStore.get(digest, range);
  };
  return { ...deps, blobStore };
}

describe('instancesInSyntax', () => {
  it('sends each instance as stored or transcoded, in order, transcoding at most two ahead of the one sent', async () => {
    const { instances, bytes } = await storedInstances();
    expect(instances).toHaveLength(3);
    // Seven deliveries over three files: the stored bytes, Explicit VR LE, and HTJ2K, interleaved.
    const plan: [number, string | undefined][] = [
      [0, HTJ2K],
      [1, undefined],
      [2, LE],
      [0, LE],
      [1, HTJ2K],
      [2, undefined],
      [0, undefined],
    ];
    const deliveries: InstanceDelivery[] = plan.map(([index, target]) => {
      const instance = instances[index] as VersionInstance;
      return { instance, transferSyntaxUid: target ?? instance.metadata?.transferSyntaxUid ?? '', transcodeTo: target };
    });
    const reads: string[] = [];
    const deps = counting(fixture.deps, reads);
    const parts = (delivery: InstanceDelivery) => delivery.instance.file.parts.length;
    let taken = 0;
    for await (const { delivery, body } of instancesInSyntax(deps, deliveries)) {
      // Time for any transcode already started to finish: those not started must stay so.
      await new Promise((resolve) => setTimeout(resolve, 150));
      const allowed =
        deliveries.slice(0, taken + 3).reduce((n, d) => n + (d.transcodeTo === undefined ? 0 : parts(d)), 0) +
        deliveries.slice(0, taken).reduce((n, d) => n + (d.transcodeTo === undefined ? parts(d) : 0), 0);
      expect({ taken, reads: reads.length <= allowed }).toEqual({ taken, reads: true });
      const chunks: Uint8Array[] = [];
      if (body instanceof Uint8Array) chunks.push(body);
      else for await (const chunk of body) chunks.push(chunk);
      const sent = Buffer.concat(chunks);
      const original = bytes.get(delivery.instance.file.id) ?? Buffer.alloc(0);
      const expected =
        delivery.transcodeTo === undefined ? original : await transcodeInstance(original, delivery.transcodeTo);
      expect({ taken, sha256: sha256(sent) }).toEqual({ taken, sha256: sha256(expected) });
      taken++;
    }
    expect(taken).toBe(deliveries.length);
  });

  it('reads the headers a conversion needs, and whether the file can be rewritten', async () => {
    const version = await openVersion(fixture.deps, OPERATOR, 'read', 'lab/transcode');
    const [us] = await instancesOf(fixture.deps, version, { study: '999.999.3859744' });
    const [header] = await transcodingHeaders(fixture.deps, [us as VersionInstance]);
    expect(header?.rewritable).toBe(true);
    expect(header?.dataSet['00280004']?.Value).toEqual(['PALETTE COLOR']);
  });
});
