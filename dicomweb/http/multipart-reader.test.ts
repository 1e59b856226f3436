import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { isStrataError } from '@strata/modules/errors';
import { formatMediaType } from './media-type.js';
import { readMultipartRelated, type MultipartLimits } from './multipart-reader.js';
import { awkwardBytes, collect, cutAt, inChunksOf, inRandomChunks } from './testing/chunks.js';
import { stowRequestOf } from './testing/dicomweb-client-peer.js';

const TYPE = 'multipart/related; type="application/dicom"; boundary=b0und';

interface ReadPart {
  headers: Record<string, string>;
  contentType: string | undefined;
  body: string;
}

/** Every part of a body, read through the reader, bodies as latin1 text. */
async function readAll(
  source: AsyncIterable<Uint8Array>,
  contentType: string | undefined = TYPE,
  limits?: Partial<MultipartLimits>,
): Promise<ReadPart[]> {
  const parts: ReadPart[] = [];
  for await (const part of readMultipartRelated(source, contentType, limits).parts) {
    const body = (await collect(part.body)).toString('latin1');
    const contentType = part.contentType && formatMediaType(part.contentType);
    parts.push({ headers: Object.fromEntries(part.headers), contentType, body });
  }
  return parts;
}

const whole = async function* (text: string | Uint8Array) {
  yield typeof text === 'string' ? Buffer.from(text, 'latin1') : text;
};

/** The code and reason a body is refused with. */
async function refusal(read: () => Promise<unknown>): Promise<string> {
  try {
    await read();
  } catch (error) {
    if (isStrataError(error)) return [error.code, error.details?.['reason'] ?? error.details?.['limit']].join(' ');
    throw error;
  }
  throw new Error('the body was accepted');
}

/** Large buffers compared by digest: Jest compares buffers element by element, slowly. */
const digests = (buffers: readonly Uint8Array[]) => buffers.map((b) => createHash('sha256').update(b).digest('hex'));

/** A stand-in DICOM file: preamble, DICM, then bytes full of CRLF and "--". */
function dicomFile(length: number, seed: number): Buffer {
  const file = awkwardBytes(length, seed);
  Buffer.from('DICM').copy(file, 128);
  return file;
}

describe('readMultipartRelated', () => {
  it.each([
    ['no preamble', '--b0und\r\nContent-Type: application/dicom\r\n\r\nAB\r\n--b0und--', [['AB', {}]]],
    ['a preamble and an epilogue', 'preamble\r\n--b0und\r\n\r\nAB\r\n--b0und--\r\nepilogue', [['AB', {}]]],
    ['a preamble holding "--b0und" mid-line', 'x--b0und\r\n--b0und\r\n\r\nAB\r\n--b0und--', [['AB', {}]]],
    ['a leading CRLF, as dicomweb-client writes', '\r\n--b0und\r\n\r\nAB\r\n--b0und--', [['AB', {}]]],
    [
      'transport padding after boundaries',
      '--b0und \t \r\n\r\nAB\r\n--b0und  \r\n\r\nCD\r\n--b0und--  ',
      [
        ['AB', {}],
        ['CD', {}],
      ],
    ],
    ['a part without headers', '--b0und\r\n\r\n\r\nAB\r\n\r\n--b0und--', [['\r\nAB\r\n', {}]]],
    ['an empty part', '--b0und\r\nX-A: 1\r\n\r\n\r\n--b0und--', [['', { 'x-a': '1' }]]],
    ['no parts', '--b0und--\r\n', []],
    [
      'boundary text that does not start a line',
      '--b0und\r\n\r\nA--b0und\n--b0und\r\r\n--b0und--',
      [['A--b0und\n--b0und\r', {}]],
    ],
    [
      'header names in any case, values trimmed, repeats joined',
      '--b0und\r\ncontent-TYPE:application/dicom\r\nX-Note:  a \r\nx-note: b\r\nEmpty:\r\n\r\nAB\r\n--b0und--',
      [['AB', { 'content-type': 'application/dicom', 'x-note': 'a, b', empty: '' }]],
    ],
  ])('reads a body with %s', async (_, body, expected) => {
    const parts = await readAll(whole(body));
    expect(parts.map((part) => part.body)).toEqual(expected.map(([text]) => text));
    expect(parts.map((part) => part.headers)).toMatchObject(expected.map(([, headers]) => headers));
  });

  it('parses each part Content-Type, leaving an unreadable one in the headers only', async () => {
    const body =
      '--b0und\r\nContent-Type: application/dicom; transfer-syntax="1.2.840.10008.1.2.1"\r\n\r\nA\r\n' +
      '--b0und\r\nContent-Type: not a type\r\n\r\nB\r\n--b0und\r\n\r\nC\r\n--b0und--';
    const parts = await readAll(whole(body));
    expect(parts.map((part) => [part.contentType, part.headers['content-type']])).toEqual([
      [
        'application/dicom; transfer-syntax=1.2.840.10008.1.2.1',
        'application/dicom; transfer-syntax="1.2.840.10008.1.2.1"',
      ],
      [undefined, 'not a type'],
      [undefined, undefined],
    ]);
  });

  it.each([
    ['multipart/related; boundary="b0und"'],
    ['multipart/related; boundary=b0und; type=application/dicom'],
    ['Multipart/Related; BOUNDARY=b0und'],
  ])('takes the boundary quoted or not: %s', async (contentType) => {
    expect(await readAll(whole('--b0und\r\n\r\nAB\r\n--b0und--'), contentType)).toHaveLength(1);
  });

  it('takes a boundary with every character RFC 2046 allows, and the 73 characters Orthanc sends', async () => {
    const boundary = "0aZ'()+_,-./:=? x";
    const orthanc = `${'2b7e1516-28ae-d2a6-abf7-158809cf4f3c'}-${'2b7e1516-28ae-d2a6-abf7-158809cf4f3c'}`;
    expect(
      await readAll(whole(`--${orthanc}\r\n\r\nAB\r\n--${orthanc}--`), `multipart/related; boundary=${orthanc}`),
    ).toHaveLength(1);
    const parts = await readAll(
      whole(`--${boundary}\r\n\r\nAB\r\n--${boundary}--`),
      `multipart/related; boundary="${boundary}"`,
    );
    expect(parts.map((part) => part.body)).toEqual(['AB']);
  });

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

  it('reads the same parts wherever the body is cut, at one or two places', async () => {
    const body = Buffer.from(
      'pre\r\n--b0und \r\nX-A: 1\r\n\r\n\r\n-\r\n--b0und\r\n\r\n--b0un\r\n--b0und--\r\n',
      'latin1',
    );
    const expected = [
      { headers: { 'x-a': '1' }, contentType: undefined, body: '\r\n-' },
      { headers: {}, contentType: undefined, body: '--b0un' },
    ];
    for (let first = 0; first <= body.length; first++) {
      expect(await readAll(cutAt(body, first))).toEqual(expected);
      for (let second = first; second <= body.length; second++) {
        const pieces = [body.subarray(0, first), body.subarray(first, second), body.subarray(second)];
        expect(await readAll((async function* () { yield* pieces; })())).toEqual(expected); // prettier-ignore
      }
    }
  });

  it.each([
    ['no opening boundary', 'garbage without any boundary', 'multipart.malformed no_opening_boundary'],
    ['an empty body', '', 'multipart.malformed no_opening_boundary'],
    ['the wrong boundary', '--other\r\n\r\nA\r\n--other--', 'multipart.malformed no_opening_boundary'],
    ['a body cut inside a part', '--b0und\r\n\r\nABC', 'multipart.malformed truncated'],
    ['a body cut inside headers', '--b0und\r\nContent-Type: appl', 'multipart.malformed truncated'],
    ['a body cut after a delimiter', '--b0und\r\n\r\nA\r\n--b0und', 'multipart.malformed truncated'],
    ['a body cut inside the closing boundary', '--b0und\r\n\r\nA\r\n--b0und-', 'multipart.malformed truncated'],
    ['a body cut inside padding', '--b0und\r\n\r\nA\r\n--b0und   ', 'multipart.malformed truncated'],
    ['a body with no closing boundary', '--b0und\r\n\r\nA\r\n', 'multipart.malformed truncated'],
    ['a boundary that prefixes a line', '--b0und\r\n\r\nA\r\n--b0undary\r\n', 'multipart.malformed bad_boundary_line'],
    ['a boundary line holding more', '--b0und x\r\n\r\nA\r\n--b0und--', 'multipart.malformed bad_boundary_line'],
    [
      'a header line without a colon',
      '--b0und\r\nContent-Type\r\n\r\nA\r\n--b0und--',
      'multipart.malformed bad_header_line',
    ],
    ['a header line without a name', '--b0und\r\n: x\r\n\r\nA\r\n--b0und--', 'multipart.malformed bad_header_line'],
    ['a folded header line', '--b0und\r\nX-A: 1\r\n 2\r\n\r\nA\r\n--b0und--', 'multipart.malformed bad_header_line'],
    ['a space in a header name', '--b0und\r\nX A: 1\r\n\r\nA\r\n--b0und--', 'multipart.malformed bad_header_line'],
    [
      'a bare LF in a header value',
      '--b0und\r\nX-A: 1\nX-B: 2\r\n\r\nA\r\n--b0und--',
      'multipart.malformed bad_header_line',
    ],
  ])('refuses %s', async (_, body, expected) => {
    expect(await refusal(() => readAll(whole(body)))).toBe(expected);
    expect(await refusal(() => readAll(inChunksOf(Buffer.from(body, 'latin1'), 1)))).toBe(expected);
  });

  it.each([
    [undefined, 'request.unsupported_media_type '],
    ['application/dicom', 'request.unsupported_media_type '],
    ['multipart/form-data; boundary=b0und', 'request.unsupported_media_type '],
    ['multipart/related; type="application/dicom"', 'multipart.malformed missing_boundary'],
    ['multipart/related; boundary=""', 'multipart.malformed bad_boundary'],
    [`multipart/related; boundary=${'x'.repeat(201)}`, 'multipart.malformed bad_boundary'],
    ['multipart/related; boundary="ends in space "', 'multipart.malformed bad_boundary'],
    ['multipart/related; boundary="a\tb"', 'multipart.malformed bad_boundary'],
    ['multipart/related; boundary="\u00e9t\u00e9"', 'multipart.malformed bad_boundary'],
    [
      'multipart/related; boundary=',
      'request.malformed_media_type expected a parameter value at position 28, found the end',
    ],
  ])('refuses the Content-Type %j before reading a byte', async (contentType, expected) => {
    let pulled = false;
    const source = (async function* () {
      pulled = true;
      yield Buffer.from('--b0und--');
    })();
    expect(await refusal(async () => readMultipartRelated(source, contentType))).toBe(expected);
    expect(pulled).toBe(false);
  });

  it.each([
    [{ maxBodyBytes: 40 }, `--b0und\r\n\r\n${'A'.repeat(40)}\r\n--b0und--`, 'request.body_too_large bytes'],
    [{ maxBodyBytes: 40 }, `--b0und\r\n\r\nA\r\n--b0und--\r\n${'e'.repeat(40)}`, 'request.body_too_large bytes'],
    [
      { maxParts: 2 },
      '--b0und\r\n\r\nA\r\n--b0und\r\n\r\nB\r\n--b0und\r\n\r\nC\r\n--b0und--',
      'request.body_too_large parts',
    ],
    [
      { maxPartHeaderBytes: 20 },
      '--b0und\r\nX-Long: 0123456789012\r\n\r\nA\r\n--b0und--',
      'multipart.malformed header_section_too_long',
    ],
    [
      { maxPartHeaderBytes: 8 },
      `--b0und${' '.repeat(9)}\r\n\r\nA\r\n--b0und--`,
      'multipart.malformed header_section_too_long',
    ],
  ])('enforces %j', async (limits, body, expected) => {
    expect(await refusal(() => readAll(whole(body), TYPE, limits))).toBe(expected);
    expect(await refusal(() => readAll(inChunksOf(Buffer.from(body, 'latin1'), 3), TYPE, limits))).toBe(expected);
  });

  it('stays within its limits exactly at them', async () => {
    const body = '--b0und\r\nX-Long: 0123456789012\r\n\r\nA\r\n--b0und\r\n\r\nB\r\n--b0und--';
    const limits = { maxParts: 2, maxPartHeaderBytes: 'X-Long: 0123456789012'.length, maxBodyBytes: body.length };
    expect(await readAll(whole(body), TYPE, limits)).toHaveLength(2);
  });

  it('ends the source when the consumer stops early, and reads no further', async () => {
    let pulls = 0;
    let ended = false;
    const source = (async function* () {
      try {
        for (const piece of ['--b0und\r\n\r\nAB\r\n--b0und\r\n\r\nC', 'D\r\n--b0und', '--']) {
          pulls++;
          yield Buffer.from(piece);
        }
      } finally {
        ended = true;
      }
    })();
    for await (const part of readMultipartRelated(source, TYPE).parts) {
      for await (const chunk of part.body) expect(chunk.toString()).toBe('AB');
      break;
    }
    expect({ pulls, ended }).toEqual({ pulls: 1, ended: true });
  });

  it('reads a Node stream, and destroys one left unread so its producer is not left waiting', async () => {
    const request = new PassThrough({ highWaterMark: 16 });
    request.write('--b0und\r\nX-N: 1\r\n\r\nAB\r\n--b0und\r\n\r\n');
    const parts = readMultipartRelated(request, TYPE).parts;
    for await (const part of parts) {
      expect([part.headers.get('x-n'), (await collect(part.body)).toString()]).toEqual(['1', 'AB']);
      break;
    }
    expect(request.destroyed).toBe(true);
    const whole = new PassThrough();
    whole.end('--b0und\r\n\r\nAB\r\n--b0und--\r\n');
    expect((await readAll(whole)).map((part) => part.body)).toEqual(['AB']);
  });

  it('ends the source when a limit is crossed', async () => {
    let ended = false;
    const source = (async function* () {
      try {
        for (;;) yield Buffer.from('--b0und\r\n\r\nA\r\n');
      } finally {
        ended = true;
      }
    })();
    expect(await refusal(() => readAll(source, TYPE, { maxParts: 3, maxBodyBytes: 100_000 }))).toBe(
      'request.body_too_large parts',
    );
    expect(ended).toBe(true);
  });

  it('skips the bodies a consumer leaves unread, and refuses a late read of one', async () => {
    const body = '--b0und\r\nX-N: 1\r\n\r\nskipped\r\n--b0und\r\nX-N: 2\r\n\r\nread\r\n--b0und--';
    const parts = readMultipartRelated(inChunksOf(Buffer.from(body), 2), TYPE).parts;
    const seen: string[] = [];
    let first: AsyncIterable<Buffer> | undefined;
    for await (const part of parts) {
      seen.push(
        `${part.headers.get('x-n')}:${part.headers.get('x-n') === '1' ? '' : (await collect(part.body)).toString()}`,
      );
      first ??= part.body;
    }
    expect(seen).toEqual(['1:', '2:read']);
    await expect(collect(first as AsyncIterable<Buffer>)).rejects.toThrow(
      /read after the reader moved to the next part/,
    );
  });

  it('streams a 512 MiB body in bounded memory, at hundreds of MB/s', async () => {
    const partBytes = 64 * 1024 ** 2;
    // 64 KiB, the size of the chunks a Node request stream yields.
    const chunk = awkwardBytes(64 * 1024, 11);
    const boundary = 'strata-large-body-test-boundary-0123456789abcdef';
    const source = async function* () {
      for (let part = 0; part < 8; part++) {
        yield Buffer.from(`\r\n--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`);
        for (let sent = 0; sent < partBytes; sent += chunk.length) yield chunk;
      }
      yield Buffer.from(`\r\n--${boundary}--\r\n`);
    };
    const before = process.memoryUsage();
    let peakRss = before.rss;
    let peakHeap = before.heapUsed;
    const sizes: number[] = [];
    const started = process.hrtime.bigint();
    for await (const part of readMultipartRelated(source(), `multipart/related; boundary=${boundary}`).parts) {
      let size = 0;
      for await (const piece of part.body) size += piece.length;
      sizes.push(size);
      const now = process.memoryUsage();
      [peakRss, peakHeap] = [Math.max(peakRss, now.rss), Math.max(peakHeap, now.heapUsed)];
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const megabytesPerSecond = (8 * partBytes) / 1e6 / seconds;
    const [rssGrowth, heapGrowth] = [(peakRss - before.rss) / 1024 ** 2, (peakHeap - before.heapUsed) / 1024 ** 2];
    console.log(
      `multipart reader: 512 MiB in ${seconds.toFixed(2)} s = ${megabytesPerSecond.toFixed(0)} MB/s; ` +
        `peak growth rss ${rssGrowth.toFixed(1)} MiB, heap ${heapGrowth.toFixed(1)} MiB`,
    );
    expect(sizes).toEqual(Array(8).fill(partBytes));
    expect(rssGrowth).toBeLessThan(64);
    expect(heapGrowth).toBeLessThan(32);
    // A floor far under the measured rate, so a shared machine passes but a byte-by-byte scan does not.
    expect(megabytesPerSecond).toBeGreaterThan(150);
  });
});
