// WADO-RS instance retrieve writes stored files straight to the socket through reused buffers:
// its length is announced, the usual headers are all there, a client that leaves early costs the
// server nothing, and a file that cannot be read fails the response before its first byte.
import type { StoredPack } from '@strata/modules/blob';
import { OPERATOR } from '@strata/services/access';
import { request } from 'node:http';
import { instancesOf, openVersion } from '@strata/services/dicomweb';
import { sopUid, startDicomwebFixture, studyUid, type DicomwebFixture } from '../support/dicomweb-fixture.js';

let fixture: DicomwebFixture;
const AS_STORED = 'multipart/related; type="application/dicom"; transfer-syntax=*';

beforeAll(async () => {
  fixture = await startDicomwebFixture();
});
afterAll(async () => {
  await fixture.stop();
});

describe('WADO-RS retrieve, streamed', () => {
  it('announces the exact length and carries the headers every response has', async () => {
    const response = await fetch(`${fixture.base}/studies/${studyUid(0)}`, {
      headers: { accept: AS_STORED, origin: 'https://viewer.example' },
    });
    expect(response.status).toBe(200);
    const body = Buffer.from(await response.arrayBuffer());
    expect(Number(response.headers.get('content-length'))).toBe(body.length);
    expect(response.headers.get('transfer-encoding')).toBeNull();
    expect(response.headers.get('strata-commit')).toBe(fixture.head);
    expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]+\..+"$/);
    expect(response.headers.get('x-request-id')).toMatch(/\S/);
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    for (const uid of [sopUid(0, 0, 0), sopUid(0, 1, 1)]) {
      expect(body.includes(fixture.files.get(uid) ?? Buffer.alloc(1, 1))).toBe(true);
    }
  });

  it('keeps serving after a client leaves in the middle of a body', async () => {
    const url = new URL(`${fixture.base}/studies/${studyUid(1)}`);
    await new Promise<void>((resolve, reject) => {
      const outgoing = request(url, { headers: { accept: AS_STORED } }, (incoming) => {
        incoming.once('data', () => {
          outgoing.destroy();
          resolve();
        });
      });
      outgoing.on('error', (error) => (outgoing.destroyed ? undefined : reject(error)));
      outgoing.end();
    });
    const again = await fetch(url, { headers: { accept: AS_STORED } });
    expect(again.status).toBe(200);
    expect(Number(again.headers.get('content-length'))).toBe((await again.arrayBuffer()).byteLength);
  });

  it('answers with a 500, not a cut body or a 404, when the first stored file cannot be read', async () => {
    const version = await openVersion(fixture.deps, OPERATOR, 'read', 'lab/ct', 'main');
    const [first] = await instancesOf(fixture.deps, version, { study: studyUid(2), series: `${studyUid(2)}.1` });
    const digest = first?.file.parts[0];
    if (digest === undefined) throw new Error('the series has no stored file');
    // The import packed it: its pack goes to the trash, replaced by one holding every other blob.
    const store = fixture.deps.blobStore;
    let holder: StoredPack | undefined;
    for await (const pack of store.listPacks()) if (pack.blobs.some((blob) => blob.digest === digest)) holder = pack;
    if (holder === undefined) throw new Error('no pack holds the part');
    const others = holder.blobs.map((blob) => blob.digest).filter((other) => other !== digest);
    expect(await store.rewritePack(holder.id, others)).toBe(true);
    expect(await store.stat(digest)).toBeUndefined();
    try {
      const response = await fetch(`${fixture.base}/studies/${studyUid(2)}/series/${studyUid(2)}.1`, {
        headers: { accept: AS_STORED },
      });
      // The version lists the instance: its missing bytes are the server's fault, not a missing resource.
      expect(response.status).toBe(500);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('storage.missing_blob');
      expect(body.error.message).not.toContain(digest);
    } finally {
      expect(await store.restorePack(holder.id)).toBe(true);
    }
    expect(await store.stat(digest)).toBeDefined();
  });
});
