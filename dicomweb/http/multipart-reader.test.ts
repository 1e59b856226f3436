import { readMultipartRelated } from './multipart-reader.js';
import { cutAt, inChunksOf, seededRandom } from './testing/chunks.js';
import { outcome, readAll, refusal, TYPE, whole } from './testing/multipart-reading.js';

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

  it('reads garbage made of multipart pieces the same way in one chunk or byte by byte, refusing it cleanly', async () => {
    const pieces = ['--b0und', '--b0und--', '\r\n', '\r', '\n', '--', ' ', 'X-A: 1', ':', 'A', '\r\n\r\n'];
    const random = seededRandom(2046);
    const outcomes = new Set<string>();
    for (let run = 0; run < 400; run++) {
      const body = Array.from(
        { length: 2 + Math.floor(random() * 14) },
        () => pieces[Math.floor(random() * pieces.length)],
      );
      const bytes = Buffer.from(body.join(''), 'latin1');
      const [inOne, byteByByte] = [await outcome(whole(bytes)), await outcome(inChunksOf(bytes, 1))];
      expect(byteByByte).toEqual(inOne);
      outcomes.add(typeof inOne === 'string' ? inOne : 'parts');
    }
    // The generator reaches every outcome, so the comparison above covers each path.
    expect([...outcomes].sort()).toEqual([
      'multipart.malformed bad_boundary_line',
      'multipart.malformed bad_header_line',
      'multipart.malformed no_opening_boundary',
      'multipart.malformed truncated',
      'parts',
    ]);
  });

  it('stays within its limits exactly at them', async () => {
    const body = '--b0und\r\nX-Long: 0123456789012\r\n\r\nA\r\n--b0und\r\n\r\nB\r\n--b0und--';
    const limits = { maxParts: 2, maxPartHeaderBytes: 'X-Long: 0123456789012'.length, maxBodyBytes: body.length };
    expect(await readAll(whole(body), TYPE, limits)).toHaveLength(2);
  });
});
