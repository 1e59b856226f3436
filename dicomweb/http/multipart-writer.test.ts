import { createHash } from 'node:crypto';
import { formatMediaType } from './media-type.js';
import { readMultipartRelated } from './multipart-reader.js';
import { writeMultipartRelated, type OutgoingPart, type PartSource } from './multipart-writer.js';
import { awkwardBytes, collect, inRandomChunks, seededRandom } from './testing/chunks.js';
import { partsDecodedBy } from './testing/dicomweb-client-peer.js';

const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** What the reader finds in a written response: content type, location, body digest. */
async function readBack(contentType: string, body: AsyncIterable<Uint8Array>) {
  const parts: [string | undefined, string | undefined, string][] = [];
  for await (const part of readMultipartRelated(body, contentType).parts) {
    const type = part.contentType && formatMediaType(part.contentType);
    parts.push([type, part.headers.get('content-location'), digest(await collect(part.body))]);
  }
  return parts;
}

async function* streamed(bytes: Buffer, seed: number): AsyncGenerator<Uint8Array> {
  yield* inRandomChunks(bytes, 4096, seed);
}

/** A PartSource over `bytes` that returns at most `step` bytes per read, as a file may. */
function sourceOf(bytes: Buffer, step: number): PartSource {
  return {
    size: bytes.length,
    open: async () => {
      let position = 0;
      return {
        read: async (target: Uint8Array) => {
          const count = Math.min(step, target.byteLength, bytes.length - position);
          target.set(bytes.subarray(position, position + count));
          position += count;
          return count;
        },
        close: async () => undefined,
      };
    },
  };
}

describe('writeMultipartRelated', () => {
  it('names the root type and a random boundary in its Content-Type', () => {
    const [a, b] = [writeMultipartRelated('application/dicom', []), writeMultipartRelated('application/dicom', [])];
    expect(a.contentType).toMatch(/^multipart\/related; type="application\/dicom"; boundary=strata-[0-9a-f]{48}$/);
    expect(a.contentType).not.toBe(b.contentType);
  });

  it('writes the exact layout of RFC 2046', async () => {
    const written = writeMultipartRelated(
      'application/octet-stream',
      [
        { body: Buffer.from('AB'), contentLocation: '/studies/1/frames/1' },
        { body: streamed(Buffer.from('CD'), 1), contentType: 'image/jpeg', headers: { 'X-Frame': '2' } },
      ],
      { boundary: 'b0und' },
    );
    expect(written.contentType).toBe('multipart/related; type="application/octet-stream"; boundary=b0und');
    expect((await collect(written.body)).toString()).toBe(
      '--b0und\r\nContent-Type: application/octet-stream\r\nContent-Location: /studies/1/frames/1\r\n\r\nAB' +
        '\r\n--b0und\r\nContent-Type: image/jpeg\r\nX-Frame: 2\r\n\r\nCD\r\n--b0und--\r\n',
    );
    expect((await collect(writeMultipartRelated('application/dicom', [], { boundary: 'b' }).body)).toString()).toBe(
      '--b--\r\n',
    );
  });

  it('round-trips random bodies full of CRLF and "--" through the reader, whole or streamed', async () => {
    const random = seededRandom(42);
    const bodies = Array.from({ length: 40 }, (_, i) => awkwardBytes(Math.floor(random() * 20_000), i));
    bodies.push(Buffer.alloc(0), Buffer.from('\r\n'), Buffer.from('--'), Buffer.from('\r\n--'));
    const parts: OutgoingPart[] = bodies.map((body, i) => ({
      body: i % 2 === 0 ? body : streamed(body, i),
      contentType: `application/dicom; transfer-syntax=1.2.840.10008.1.2.${i}`,
      contentLocation: `/instances/${i}`,
    }));
    const written = writeMultipartRelated('application/dicom', parts);
    const readParts = await readBack(written.contentType, streamed(await collect(written.body), 99));
    expect(readParts).toEqual(
      bodies.map((body, i) => [
        `application/dicom; transfer-syntax=1.2.840.10008.1.2.${i}`,
        `/instances/${i}`,
        digest(body),
      ]),
    );
  });

  it("is read by dicomweb-client's own multipart decoder", async () => {
    const bodies = [awkwardBytes(3000, 1), awkwardBytes(10, 2)];
    const written = writeMultipartRelated(
      'application/dicom',
      bodies.map((body) => ({ body })),
    );
    const decoded = await partsDecodedBy(written.contentType, await collect(written.body));
    expect(decoded.map(digest)).toEqual(bodies.map(digest));
  });

  it('asks for a part only when the previous one is sent, and stops the parts when its reader stops', async () => {
    const asked: number[] = [];
    let stopped = false;
    const parts = (async function* () {
      try {
        for (let i = 0; ; i++) {
          asked.push(i);
          yield { body: Buffer.from(`part ${i}`) };
        }
      } finally {
        stopped = true;
      }
    })();
    const body = writeMultipartRelated('application/dicom', parts).body[Symbol.asyncIterator]();
    await body.next(); // the first part's boundary and headers
    expect(asked).toEqual([0]);
    await body.next(); // its body
    await body.next(); // the second part's boundary
    expect(asked).toEqual([0, 1]);
    await body.return?.();
    expect(stopped).toBe(true);
  });

  it.each([
    [{ body: Buffer.from('x'), contentLocation: '/a\r\nSet-Cookie: s=1' }],
    [{ body: Buffer.from('x'), contentType: 'application/dicom\nX: 1' }],
    [{ body: Buffer.from('x'), headers: { 'Bad Name': '1' } }],
    [{ body: Buffer.from('x'), headers: { 'X-Ok': 'caf\u00e9 \u2603' } }],
  ])('never writes a header that could end its line or lose characters: %j', async (part) => {
    await expect(collect(writeMultipartRelated('application/dicom', [part]).body)).rejects.toMatchObject({
      code: 'response.invalid_header_value',
    });
  });

  it('writes part sources through reused buffers, the same bytes as its body, never touching a buffer the sink still holds', async () => {
    const files = [awkwardBytes(1_000_000, 7), awkwardBytes(0, 8), awkwardBytes(300_001, 9)];
    const parts = (): OutgoingPart[] => [
      ...files.map((file, i) => ({ body: sourceOf(file, 4093 + i * 70_001), contentLocation: `/i/${i}` })),
      { body: Buffer.from('tail') },
    ];
    const expected = await collect(writeMultipartRelated('application/dicom', parts(), { boundary: 'b' }).body);
    const written = writeMultipartRelated('application/dicom', parts(), { boundary: 'b' });
    expect(written.contentLength).toBe(expected.length);
    // A slow sink: each chunk is checked, when it is released, against a copy taken when it was written.
    const received: Buffer[] = [];
    let held = 0;
    let mostHeld = 0;
    await written.writeTo({
      destroyed: false,
      write(chunk, done) {
        const copy = Buffer.from(chunk);
        received.push(copy);
        mostHeld = Math.max(mostHeld, ++held);
        setTimeout(() => {
          held--;
          done(Buffer.from(chunk).equals(copy) ? null : new Error('a buffer was reused while the sink held it'));
        }, 1);
        return true;
      },
    });
    expect(Buffer.concat(received).equals(expected)).toBe(true);
    expect(mostHeld).toBeGreaterThan(1);
    expect(mostHeld).toBeLessThanOrEqual(8);
  });

  it('writes bodies given as bytes as they come, never holding more than a little back', async () => {
    let asked = 0;
    let askedAtFirstWrite: number | undefined;
    const parts = (async function* () {
      for (; asked < 10;) {
        asked++;
        yield { body: awkwardBytes(100_000, asked) };
      }
    })();
    await writeMultipartRelated('application/dicom', parts).writeTo({
      destroyed: false,
      write(_chunk, done) {
        askedAtFirstWrite ??= asked;
        done();
        return true;
      },
    });
    expect(askedAtFirstWrite).toBe(1);
  });

  it('has no length for parts given one by one, and fails when a source ends before its size', async () => {
    expect(writeMultipartRelated('application/dicom', (function* () {})()).contentLength).toBeUndefined();
    const five = sourceOf(Buffer.from('12345'), 5);
    const short: PartSource = { size: 10, open: () => five.open() };
    const written = writeMultipartRelated('application/dicom', [{ body: short }]);
    await expect(written.writeTo({ destroyed: false, write: (_chunk, done) => done() })).rejects.toThrow(
      /ended before the 10 bytes/,
    );
    await expect(collect(written.body)).rejects.toThrow(/ended before the 10 bytes/);
  });

  it('opens and reads the next sources (at most four) while one is sent, and closes every source it opened, also when the client leaves', async () => {
    const events: string[] = [];
    const tracked = (name: string): PartSource => {
      const source = sourceOf(Buffer.alloc(1000, name), 1000);
      return {
        size: source.size,
        open: async () => {
          events.push(`open ${name}`);
          const reader = await source.open();
          return { read: (target) => reader.read(target), close: async () => void events.push(`close ${name}`) };
        },
      };
    };
    const names = ['a', 'b', 'c', 'd', 'e', 'f'];
    const parts = names.map((name) => ({ body: tracked(name) }));
    const received: Buffer[] = [];
    await writeMultipartRelated('application/dicom', parts).writeTo({
      destroyed: false,
      write: (chunk, done) => void (received.push(Buffer.from(chunk)), done()),
    });
    const body = Buffer.concat(received).toString('latin1');
    for (const name of names) expect(body).toContain(name.repeat(1000));
    // a and the four after it are opened before a is done; f waits for a place ahead.
    expect(events.slice(0, 6)).toEqual(['open a', 'open b', 'open c', 'open d', 'open e', 'close a']);
    expect(events.filter((event) => event.startsWith('close'))).toEqual(names.map((name) => `close ${name}`));
    expect(events.indexOf('open f')).toBeGreaterThan(events.indexOf('close a'));

    events.length = 0;
    const leaving = {
      destroyed: false,
      write(chunk: Uint8Array, done: () => void) {
        // The client goes away once the first part's bytes were handed over.
        if (chunk.byteLength === 1000) this.destroyed = true;
        done();
      },
    };
    await writeMultipartRelated('application/dicom', parts).writeTo(leaving);
    await new Promise((resolve) => setImmediate(resolve));
    const opened = events.filter((event) => event.startsWith('open')).map((event) => event.slice(5));
    const closed = events.filter((event) => event.startsWith('close')).map((event) => event.slice(6));
    expect(opened).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect([...closed].sort()).toEqual(opened);
  });

  it('refuses a root type with parameters', () => {
    expect(() => writeMultipartRelated('application/dicom; transfer-syntax=*', [])).toThrow(
      expect.objectContaining({ code: 'response.invalid_header_value' }),
    );
  });
});
