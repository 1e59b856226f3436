import { inChunksOf, inRandomChunks } from './testing/chunks.js';
import { stowRequestOf } from './testing/dicomweb-client-peer.js';
import { dicomFile, digests, readAll, refusal, whole } from './testing/multipart-reading.js';

describe('readMultipartRelated with real peers', () => {
  it('reads what dicomweb-client storeInstances sends, in chunks of every kind', async () => {
    const files = [dicomFile(3000, 1), dicomFile(10, 2), dicomFile(200_000, 3)];
    const { contentType, body } = await stowRequestOf(files);
    expect(contentType).toMatch(/^multipart\/related; type="application\/dicom"; boundary="[0-9a-f-]{36}"$/);
    expect(body.subarray(0, 4).toString()).toBe('\r\n--');
    const small = body.subarray(0, body.indexOf('\r\n--', 3200)); // the first two parts, unclosed
    expect(await refusal(() => readAll(inChunksOf(small, 1), contentType))).toBe('multipart.malformed truncated');
    const oneByte = await stowRequestOf(files.slice(0, 2));
    for (const [source, sent] of [
      [whole(body), files],
      [inRandomChunks(body, 700, 7), files],
      [inChunksOf(body, 65_536), files],
      [inChunksOf(oneByte.body, 1), files.slice(0, 2)],
    ] as const) {
      const parts = await readAll(source, sent === files ? contentType : oneByte.contentType);
      expect(parts.map((part) => part.contentType)).toEqual(sent.map(() => 'application/dicom'));
      expect(digests(parts.map((part) => Buffer.from(part.body, 'latin1')))).toEqual(digests(sent));
    }
  });

  /**
   * Orthanc's STOW-RS client (orthanc-dicomweb Plugin/DicomWebClient.cpp, StowClientJob::RequestBody,
   * its multipart layout reproduced here): an unquoted boundary of two joined UUIDs, a
   * Content-Length per part, no CRLF after the closing boundary, one chunk per instance.
   */
  function orthancStow(files: Buffer[]): { contentType: string; chunks: Buffer[] } {
    const uuid = '2b7e1516-28ae-d2a6-abf7-158809cf4f3c';
    const boundary = `${uuid}-${uuid}`;
    const chunks = files.map((file) =>
      Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\nContent-Length: ${file.length}\r\n\r\n`),
        file,
        Buffer.from('\r\n'),
      ]),
    );
    chunks.push(Buffer.from(`--${boundary}--`));
    return { contentType: `multipart/related; type="application/dicom"; boundary=${boundary}`, chunks };
  }

  it('reads what Orthanc sends: unquoted boundary, chunked, in chunks of every kind', async () => {
    const files = [dicomFile(5000, 4), dicomFile(200, 5)];
    const { contentType, chunks } = orthancStow(files);
    const body = Buffer.concat(chunks);
    const asSent = async function* () {
      yield* chunks;
    };
    for (const source of [asSent(), inChunksOf(body, 1), inRandomChunks(body, 64, 8), inRandomChunks(body, 4096, 9)]) {
      const parts = await readAll(source, contentType);
      expect(parts.map((part) => part.headers['content-length'])).toEqual(['5000', '200']);
      expect(digests(parts.map((part) => Buffer.from(part.body, 'latin1')))).toEqual(digests(files));
    }
  });
});
