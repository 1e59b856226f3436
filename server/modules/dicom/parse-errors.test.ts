import {
  concat,
  element,
  encapsulatedPixelData,
  EXPLICIT_LE,
  fileMetaElements,
  identity,
  IMPLICIT_LE,
  item,
  part10,
  sequence,
  text,
  us,
  EXPLICIT,
  JPEG_BASELINE,
  parseBytes,
} from './testing/dicom-builder.js';

const parse = parseBytes;
describe('parseInstance: refusals', () => {
  it.each([
    ['an empty file', new Uint8Array(0)],
    ['random bytes', new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251))],
    [
      'a JPEG file',
      new Uint8Array(Buffer.from('ffd8ffe000104a46494600010101004800480000ffdb004300' + '08'.repeat(200), 'hex')),
    ],
    ['a PNG file', new Uint8Array(Buffer.from('89504e470d0a1a0a0000000d49484452' + '00'.repeat(200), 'hex'))],
    ['a preamble without DICM', new Uint8Array(200)],
    ['a text file', new Uint8Array(Buffer.from('(0008,0016) UI 1.2.3 '.repeat(20)))],
  ])('%s is not DICOM', async (_name, bytes) => {
    await expect(parse(bytes)).rejects.toMatchObject({ code: 'dicom.not_dicom', kind: 'invalid', name: 'StrataError' });
  });

  it('names the attribute and the value of an illegal UID', async () => {
    const file = part10(EXPLICIT, identity(EXPLICIT_LE, '1.2.03'));
    const error = parse(file);
    await expect(error).rejects.toMatchObject({
      code: 'dicom.invalid_uid',
      details: { attribute: 'SOPInstanceUID', value: '1.2.03' },
      message: expect.stringMatching(/SOPInstanceUID "1\.2\.03"/),
    });
  });

  it('names the missing attribute', async () => {
    const file = part10(
      EXPLICIT,
      identity().filter((_, i) => i !== 1),
    );
    await expect(parse(file)).rejects.toMatchObject({
      code: 'dicom.missing_attribute',
      details: { attribute: 'SOPInstanceUID' },
      message: expect.stringMatching(/no SOPInstanceUID \(0008,0018\)/),
    });
  });

  it('refuses a private transfer syntax', async () => {
    await expect(parse(part10('1.2.840.113619.5.2', identity()))).rejects.toMatchObject({
      code: 'dicom.unsupported_transfer_syntax',
      details: { transferSyntaxUid: '1.2.840.113619.5.2' },
    });
  });

  it('gives up on a header larger than maxHeaderBytes', async () => {
    // 20,000 items of a functional-groups-like sequence must all be walked: ~640 KB of headers.
    const items = Array.from({ length: 20_000 }, () => item([us(0x00280010, 1)], true, true));
    const file = part10(EXPLICIT, [...identity().slice(0, 3), sequence(0x52009230, items), ...identity().slice(3)]);
    await expect(parse(file, 200_000)).rejects.toMatchObject({
      code: 'dicom.header_too_large',
      details: { maxHeaderBytes: 200_000 },
    });
    await expect(parse(file)).resolves.toMatchObject({ sopInstanceUid: '1.2.3.4' });
  });

  it('does not count read-ahead past a small header against maxHeaderBytes', async () => {
    const file = concat([part10(EXPLICIT, identity()), element(0x7fe00010, 'OW', new Uint8Array(100_000))]);
    await expect(parse(file, 1000)).resolves.toMatchObject({ sopInstanceUid: '1.2.3.4' });
  });

  it('skips large values it does not need without counting them as header', async () => {
    const blob = sequence(0x00091010, [item([element(0x00091011, 'OB', new Uint8Array(300_000))])]);
    const file = part10(EXPLICIT, [...identity().slice(0, 3), blob, ...identity().slice(3)]);
    await expect(parse(file, 200_000)).resolves.toMatchObject({ sopInstanceUid: '1.2.3.4' });
  });

  it('refuses an item outside any sequence', async () => {
    const stray = Uint8Array.of(0xfe, 0xff, 0x00, 0xe0, 0, 0, 0, 0);
    await expect(parse(part10(EXPLICIT, [...identity().slice(0, 3), stray]))).rejects.toMatchObject({
      code: 'dicom.malformed',
    });
  });
});

describe('parseInstance: truncated files', () => {
  // Every element of this file, with the offset it starts at: a cut strictly inside any of them
  // is detected and located; a cut between two elements before Pixel Data cannot be seen.
  const parts = [
    concat([new Uint8Array(128), new Uint8Array(Buffer.from('DICM'))]),
    ...fileMetaElements(JPEG_BASELINE),
    ...identity().slice(0, 3),
    sequence(0x00081110, [item([text(0x00081150, 'UI', '1.2.3')], true, true), item([us(0x00280010, 1)])]),
    element(0x00091010, 'UN', new Uint8Array(0), EXPLICIT_LE, 0xffffffff),
    concat([item([us(0x00280010, 1, IMPLICIT_LE)], true, true), Uint8Array.of(0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0)]),
    ...identity().slice(3),
    encapsulatedPixelData([new Uint8Array(12).fill(1), new Uint8Array(8).fill(2)], [0, 20]),
  ];
  const file = concat(parts);
  const starts = parts.map((_, i) => parts.slice(0, i).reduce((sum, part) => sum + part.length, 0));
  const unknownItems = parts.length - 5;
  const cuts = [
    ...parts.flatMap((part, i) =>
      i === 0 ? [] : Array.from({ length: part.length - 1 }, (_, k) => (starts[i] ?? 0) + k + 1),
    ),
    // Between the UN element's header and its items: the value is open, so this cut is inside it.
    starts[unknownItems] ?? 0,
  ];

  it('says dicom.truncated, with the offset, at every cut inside an element', async () => {
    const outcomes = await Promise.all(
      cuts.map(async (cut) => {
        try {
          await parse(file.subarray(0, cut));
          return `${cut}: parsed`;
        } catch (error) {
          const { code, message } = error as { code: string; message: string };
          return code === 'dicom.truncated' && /offset \d+/.test(message) ? 'truncated' : `${cut}: ${code} ${message}`;
        }
      }),
    );
    expect(cuts.length).toBeGreaterThan(300);
    expect(outcomes.filter((outcome) => outcome !== 'truncated')).toEqual([]);
  });

  it('cannot see a cut between elements before Pixel Data: the instance then has no pixels', async () => {
    const { pixelData, headerEnd } = await parse(file.subarray(0, starts.at(-1)));
    expect(pixelData).toBeUndefined();
    expect(headerEnd).toBe(starts.at(-1));
  });

  it('says where a cut Pixel Data value ends', async () => {
    const native = concat([part10(EXPLICIT, identity()), element(0x7fe00010, 'OW', new Uint8Array(1000))]);
    await expect(parse(native.subarray(0, native.length - 10))).rejects.toMatchObject({
      code: 'dicom.truncated',
      message: expect.stringMatching(/Pixel Data value at offset \d+ needs 1000 bytes, but the file ends at/),
    });
  });
});
