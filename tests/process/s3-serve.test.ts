// `strata serve` with its blobs in S3: a real Ceph RGW, the real binary.
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rgwInstalled, startRgw, type RgwServer } from '@strata/modules/blob/testing';

// Needs a real Ceph RGW: `.ci/run` installs it and CI fails without it; elsewhere it is skipped
// when missing (apt-get install ceph-mon ceph-osd radosgw ceph-common).
const withRgw = rgwInstalled() || process.env['CI'] === 'true';
const describeWithRgw = withRgw ? describe : describe.skip;
import { runStrata, startStrata, untilServing } from '../support/strata-process.js';

let rgw: RgwServer;
let root = '';

beforeAll(async () => {
  if (!withRgw) return;
  root = await mkdtemp(join(tmpdir(), 'strata-s3-serve-'));
  rgw = await startRgw();
  const s3 = new S3Client({
    endpoint: rgw.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: rgw.accessKeyId, secretAccessKey: rgw.secretAccessKey },
  });
  await s3.send(new CreateBucketCommand({ Bucket: 'strata' }));
  s3.destroy();
}, 120_000);

afterAll(async () => {
  await rgw?.stop();
  if (root !== '') await rm(root, { recursive: true, force: true });
}, 60_000);

const s3Env = () => ({
  BLOB_STORE: 's3://strata/blobs/',
  S3_ENDPOINT: rgw.endpoint,
  S3_ACCESS_KEY_ID: rgw.accessKeyId,
  S3_SECRET_ACCESS_KEY: rgw.secretAccessKey,
});

describeWithRgw('strata serve with BLOB_STORE=s3://…', () => {
  it('serves and reports the bucket ready', async () => {
    const server = startStrata(['serve'], { DATA_DIR: join(root, 'a'), PORT: '0', ...s3Env() });
    const url = await untilServing(server);
    expect(await (await fetch(`${url}/readyz`)).json()).toMatchObject({
      status: 'ready',
      checks: { blobStore: { ok: true } },
    });
    expect(server.output()).toContain(`"blobStore":"s3://strata/blobs/ at ${rgw.endpoint}"`);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 90_000);

  it('fails to start with one line for credentials that cannot write, without echoing the secret', async () => {
    const { code, output } = await runStrata(['serve'], {
      DATA_DIR: join(root, 'b'),
      PORT: '0',
      ...s3Env(),
      S3_SECRET_ACCESS_KEY: 'wrong-secret-123',
    });
    expect(code).toBe(1);
    expect(output).toMatch(
      /^strata: The S3 bucket 'strata' at http:\/\/127\.0\.0\.1:\d+ is not writable \(.+\): check/m,
    );
    expect(output).not.toContain('wrong-secret-123');
  }, 60_000);

  it('refuses a malformed s3:// URL before opening anything', async () => {
    const { code, output } = await runStrata(['serve'], {
      DATA_DIR: join(root, 'c'),
      ...s3Env(),
      BLOB_STORE: 's3://Not_A_Bucket/x',
    });
    expect(code).toBe(1);
    expect(output).toBe(
      "strata: Invalid S3 URL 's3://Not_A_Bucket/x': 'Not_A_Bucket' is not a valid bucket name (3–63 lowercase letters, digits, dots, hyphens).\n",
    );
    expect(existsSync(join(root, 'c'))).toBe(false);
  });
});
