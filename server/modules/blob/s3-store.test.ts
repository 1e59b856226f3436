import {
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  PutObjectCommand,
  S3Client,
  paginateListObjectsV2,
} from '@aws-sdk/client-s3';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import type { Readable } from 'node:stream';
import { describeBlobStoreContract } from './blob-store.contract.js';
import { sha256 } from './digest.js';
import { removeStaleTemps } from './s3-cleanup.js';
import { copyIfAbsent } from './s3-copy.js';
import { parseS3Url, type S3BlobStoreConfig } from './s3-location.js';
import { S3BlobStore } from './s3-store.js';
import { PART_SIZE } from './s3-upload.js';
import { startRecordingProxy } from './testing/recording-proxy.js';
import { rgwInstalled, startRgw, type RgwServer } from './testing/rgw.js';

// These suites need a real Ceph RGW. `.ci/run` installs it, and on CI a missing one fails the
// suites; on a workstation without it they are skipped (apt-get install ceph-mon ceph-osd radosgw ceph-common).
const withRgw = rgwInstalled() || process.env['CI'] === 'true';
const describeWithRgw = withRgw ? describe : describe.skip;

const BUCKET = 'strata-blobs';
const MiB = 1024 * 1024;
let rgw: RgwServer;
let s3: S3Client;

beforeAll(async () => {
  if (!withRgw) return;
  rgw = await startRgw();
  s3 = new S3Client(clientConfig(rgw.endpoint));
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
}, 120_000);

afterAll(async () => {
  s3?.destroy();
  await rgw?.stop();
}, 60_000);

function clientConfig(endpoint: string) {
  const { accessKeyId, secretAccessKey } = rgw;
  return {
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId, secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED' as const,
    responseChecksumValidation: 'WHEN_REQUIRED' as const,
  };
}

/** A store config under a prefix of its own, so tests do not see each other's keys. */
function storeConfig(overrides: Partial<S3BlobStoreConfig> = {}): S3BlobStoreConfig {
  const { accessKeyId, secretAccessKey, endpoint } = rgw;
  return {
    bucket: BUCKET,
    prefix: `t-${randomUUID()}/`,
    endpoint,
    region: 'us-east-1',
    accessKeyId,
    secretAccessKey,
    ...overrides,
  };
}

async function keysUnder(prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: BUCKET, Prefix: prefix })) {
    for (const { Key } of page.Contents ?? []) if (Key !== undefined) keys.push(Key);
  }
  return keys;
}

async function uploadsUnder(prefix: string): Promise<{ Key?: string; UploadId?: string }[]> {
  const { Uploads } = await s3.send(new ListMultipartUploadsCommand({ Bucket: BUCKET, Prefix: prefix }));
  return (Uploads ?? []).map(({ Key, UploadId }) => ({ Key, UploadId }));
}

/** The parts stored so far in the one multipart upload under `prefix`, once there are any or time is up. */
async function partsStoredWithin(prefix: string, ms: number): Promise<number> {
  const deadline = Date.now() + ms;
  for (;;) {
    const [upload] = await uploadsUnder(prefix);
    const { Parts } = await s3.send(
      new ListPartsCommand({ Bucket: BUCKET, Key: upload?.Key, UploadId: upload?.UploadId }),
    );
    if ((Parts ?? []).length > 0 || Date.now() > deadline) return Parts?.length ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function sha256Of(stream: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Uint8Array);
  return hash.digest('hex');
}

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** Yields `data` in `size`-byte chunks, calling `onProgress` with the bytes yielded so far. */
async function* chunked(
  data: Buffer,
  size: number,
  onProgress?: (sent: number) => Promise<void>,
): AsyncIterable<Uint8Array> {
  for (let i = 0; i < data.length; i += size) {
    yield data.subarray(i, i + size);
    await onProgress?.(Math.min(i + size, data.length));
  }
}

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describeBlobStoreContract('s3 (Ceph RGW)', () => S3BlobStore.open(storeConfig()), { packs: false }, describeWithRgw);

describeWithRgw('S3BlobStore', () => {
  it('streams a large body as a multipart upload, sending parts before the body ends', async () => {
    const config = storeConfig();
    const store = await S3BlobStore.open(config);
    const data = randomBytes(12 * MiB + 12_345);
    let partsSeenMidStream = 0;
    const put = await store.put(
      chunked(data, 64 * 1024, async (sent) => {
        if (sent === 10 * MiB) partsSeenMidStream = await partsStoredWithin(`${config.prefix}tmp/`, 10_000);
      }),
    );
    expect(partsSeenMidStream).toBeGreaterThanOrEqual(1);
    expect(put).toEqual({ digest: sha256(data), size: data.length, created: true });
    expect(await sha256Of(await store.get(put.digest))).toBe(sha256(data));
    const boundary = await bytesOf(await store.get(put.digest, { start: PART_SIZE - 100, end: PART_SIZE + 99 }));
    expect(boundary.equals(data.subarray(PART_SIZE - 100, PART_SIZE + 100))).toBe(true);
    expect(await keysUnder(config.prefix ?? '')).toEqual([objectKey(config.prefix, put.digest)]);
    expect(await uploadsUnder(config.prefix ?? '')).toEqual([]);
  }, 60_000);

  it('leaves no temporary keys or uploads after failed streams and refused digests', async () => {
    const config = storeConfig();
    const store = await S3BlobStore.open(config);
    const big = randomBytes(PART_SIZE + MiB);
    async function* failingAfter(bytes: number): AsyncIterable<Uint8Array> {
      yield* chunked(big.subarray(0, bytes), 256 * 1024);
      throw new Error('client went away');
    }
    await expect(store.put(failingAfter(1000))).rejects.toThrow('client went away');
    await expect(store.put(failingAfter(PART_SIZE + 512 * 1024))).rejects.toThrow('client went away');
    await expect(store.put(big, { expectedDigest: sha256('other') })).rejects.toMatchObject({
      code: 'blob.digest_mismatch',
    });
    await expect(store.put(big.subarray(0, 10), { expectedDigest: sha256('other') })).rejects.toMatchObject({
      code: 'blob.digest_mismatch',
    });
    expect(await keysUnder(config.prefix ?? '')).toEqual([]);
    expect(await uploadsUnder(config.prefix ?? '')).toEqual([]);
  }, 60_000);

  it('sends Content-MD5 with every upload of bytes, single and multipart', async () => {
    const proxy = await startRecordingProxy(rgw.endpoint);
    try {
      const store = await S3BlobStore.open(storeConfig({ endpoint: proxy.endpoint }));
      await store.put(randomBytes(1000));
      await store.put(chunked(randomBytes(PART_SIZE + 1000), MiB));
      const uploads = proxy.requests.filter((r) => r.method === 'PUT' && r.headers['x-amz-copy-source'] === undefined);
      expect(uploads.filter((r) => /[?&]partNumber=/.test(r.path))).toHaveLength(2);
      expect(uploads.length).toBeGreaterThanOrEqual(4);
      for (const upload of uploads) expect(upload.headers['content-md5']).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    } finally {
      await proxy.close();
    }
  }, 60_000);

  it('lays blobs out at <prefix>objects/ab/cd/<digest> and lists only well-placed digests', async () => {
    const config = storeConfig({ prefix: `nested/${randomUUID()}` });
    const store = await S3BlobStore.open(config);
    const { digest } = await store.put(Buffer.from('hello'));
    const prefix = `${config.prefix}/`;
    expect(await keysUnder(prefix)).toEqual([`${prefix}objects/${digest.slice(0, 2)}/${digest.slice(2, 4)}/${digest}`]);
    const stray = sha256('stray');
    for (const key of [
      `${prefix}objects/${stray}`,
      `${prefix}objects/ab/cd/not-a-digest`,
      `${prefix}objects/00/00/${stray}`,
    ]) {
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'x' }));
    }
    const listed = [];
    for await (const found of store.list()) listed.push(found);
    expect(listed).toEqual([digest]);
  });

  it('refuses ranges on the empty blob and malformed ranges', async () => {
    const store = await S3BlobStore.open(storeConfig());
    const empty = await store.put(new Uint8Array(0));
    await expect(store.get(empty.digest, { start: 0 })).rejects.toMatchObject({
      code: 'blob.range_not_satisfiable',
      details: { size: 0 },
    });
    const { digest } = await store.put(Buffer.from('0123456789'));
    await expect(store.get(digest, { start: 5, end: 2 })).rejects.toMatchObject({ code: 'blob.range_not_satisfiable' });
    await expect(store.get(digest, { start: -1 })).rejects.toMatchObject({ code: 'blob.invalid_range' });
    await expect(store.get(digest, { start: 10 })).rejects.toMatchObject({ details: { size: 10 } });
  });

  it('says where it is without credentials', async () => {
    const config = storeConfig({ prefix: 'loc' });
    const store = await S3BlobStore.open(config);
    expect(store.kind).toBe('s3');
    expect(store.location).toBe(`s3://${BUCKET}/loc/ at ${rgw.endpoint}`);
    expect(store.location).not.toContain(rgw.accessKeyId);
  });

  it('fails to open with blob.unavailable and an actionable message when the server is unreachable', async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    await expect(S3BlobStore.open(storeConfig({ endpoint }))).rejects.toMatchObject({
      code: 'blob.unavailable',
      kind: 'unavailable',
      message: expect.stringMatching(
        new RegExp(`'${BUCKET}' at ${endpoint} is not writable \\(connect ECONNREFUSED [^)]*\\).*BLOB_STORE`),
      ),
    });
  });

  it('fails to open with blob.unavailable for a missing bucket or a wrong key', async () => {
    await expect(S3BlobStore.open(storeConfig({ bucket: 'no-such-bucket' }))).rejects.toMatchObject({
      code: 'blob.unavailable',
      message: expect.stringContaining("'no-such-bucket' at http://127.0.0.1:"),
    });
    await expect(S3BlobStore.open(storeConfig({ secretAccessKey: 'wrong' }))).rejects.toMatchObject({
      code: 'blob.unavailable',
      message: expect.stringMatching(/SignatureDoesNotMatch|AccessDenied/),
    });
  });

  it('copies objects past the single-copy limit in parts, and not over an existing key', async () => {
    const data = randomBytes(12 * MiB);
    const [from, to] = [`copy-${randomUUID()}/from`, `copy-${randomUUID()}/to`];
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: from, Body: data }));
    const limits = { maxSingleCopy: 5 * MiB, partSize: 5 * MiB };
    expect(await copyIfAbsent(s3, BUCKET, from, to, data.length, limits)).toBe(true);
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: to }));
    expect(head.ETag).toMatch(/-3"$/);
    const { Body } = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: to }));
    expect(Buffer.from(await Body!.transformToByteArray()).equals(data)).toBe(true);
    expect(await copyIfAbsent(s3, BUCKET, from, to, data.length, limits)).toBe(false);
  }, 60_000);

  it('removes temporary keys and uploads older than the cutoff, and only those', async () => {
    const tmp = `stale-${randomUUID()}/tmp/`;
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${tmp}left-behind`, Body: 'half' }));
    await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: `${tmp}unfinished` }));
    await removeStaleTemps(s3, BUCKET, tmp, new Date(Date.now() - 60 * 60 * 1000));
    expect(await keysUnder(tmp)).toHaveLength(1);
    expect(await uploadsUnder(tmp)).toHaveLength(1);
    await removeStaleTemps(s3, BUCKET, tmp, new Date(Date.now() + 60 * 1000));
    expect(await keysUnder(tmp)).toEqual([]);
    expect(await uploadsUnder(tmp)).toEqual([]);
  });
});

describe('parseS3Url', () => {
  it.each([
    ['s3://strata-blobs', { bucket: 'strata-blobs', prefix: '' }],
    ['s3://strata-blobs/', { bucket: 'strata-blobs', prefix: '' }],
    ['s3://strata.blobs-1/a/b', { bucket: 'strata.blobs-1', prefix: 'a/b/' }],
    ['s3://strata-blobs/a/b/', { bucket: 'strata-blobs', prefix: 'a/b/' }],
    ['s3://strata-blobs/with%20space', { bucket: 'strata-blobs', prefix: 'with space/' }],
  ])('parses %s', (url, expected) => {
    expect(parseS3Url(url)).toEqual(expected);
  });

  it.each([
    ['https://strata-blobs/a', /does not start with s3:\/\//],
    ['s3://Strata_Blobs/a', /not a valid bucket name/],
    ['s3://ab', /not a valid bucket name/],
    ['s3://strata-blobs:9000/a', /no port, query or fragment/],
    ['s3://strata-blobs/a?region=x', /no port, query or fragment/],
    ['strata-blobs/a', /not a URL/],
  ])('refuses %s', (url, message) => {
    expect(() => parseS3Url(url)).toThrow(
      expect.objectContaining({ code: 'blob.invalid_s3_url', message: expect.stringMatching(message) }),
    );
  });

  it('refuses credentials in the URL without repeating them', () => {
    expect(() => parseS3Url('s3://AKIAEXAMPLE:topsecret@strata-blobs/a')).toThrow(
      expect.objectContaining({ code: 'blob.invalid_s3_url', message: expect.not.stringContaining('topsecret') }),
    );
  });
});

function objectKey(prefix: string | undefined, digest: string): string {
  return `${prefix ?? ''}objects/${digest.slice(0, 2)}/${digest.slice(2, 4)}/${digest}`;
}
