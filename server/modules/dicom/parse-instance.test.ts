import { deflateRawSync, deflateSync } from 'node:zlib';
import {
  concat,
  element,
  encapsulatedPixelData,
  EXPLICIT_BE,
  EXPLICIT_LE,
  fileMeta,
  identity,
  IMPLICIT_LE,
  item,
  part10,
  sequence,
  text,
  us,
  EXPLICIT,
  IMPLICIT,
  BIG_ENDIAN,
  JPEG_BASELINE,
  DEFLATED,
  parseBytes,
} from './testing/dicom-builder.js';

const parse = parseBytes;
describe('parseInstance: native syntaxes', () => {
  it.each([
    ['explicit VR little endian', EXPLICIT, EXPLICIT_LE, 12],
    ['implicit VR little endian', IMPLICIT, IMPLICIT_LE, 8],
    ['explicit VR big endian', BIG_ENDIAN, EXPLICIT_BE, 12],
  ])('%s: attributes, UIDs and the Pixel Data value', async (_name, syntax, encoding, headerLength) => {
    const header = part10(syntax, [...identity(encoding), us(0x00280010, 4, encoding), us(0x00280011, 2, encoding)]);
    const pixels = new Uint8Array(16).fill(9);
    const trailer = element(0xfffcfffc, 'OB', new Uint8Array(6), encoding);
    const file = concat([header, element(0x7fe00010, 'OW', pixels, encoding), trailer]);

    const parsed = await parse(file);

    expect(parsed).toEqual({
      transferSyntaxUid: syntax,
      sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
      sopInstanceUid: '1.2.3.4',
      studyInstanceUid: '1.2.3',
      seriesInstanceUid: '1.2.3.1',
      attributes: {
        '00080016': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.2'] },
        '00080018': { vr: 'UI', Value: ['1.2.3.4'] },
        '00080060': { vr: 'CS', Value: ['CT'] },
        '00100010': { vr: 'PN', Value: [{ Alphabetic: 'Doe^Jane' }] },
        '0020000D': { vr: 'UI', Value: ['1.2.3'] },
        '0020000E': { vr: 'UI', Value: ['1.2.3.1'] },
        '00280010': { vr: 'US', Value: [4] },
        '00280011': { vr: 'US', Value: [2] },
      },
      numberOfFrames: 1,
      pixelData: {
        elementStart: header.length,
        valueStart: header.length + headerLength,
        valueEnd: header.length + headerLength + 16,
        encapsulated: false,
      },
      headerEnd: header.length + headerLength,
    });
  });

  it('takes a data set without preamble or meta information when it starts with group 0008', async () => {
    const parsed = await parse(concat(identity(IMPLICIT_LE)));
    expect(parsed).toMatchObject({ transferSyntaxUid: IMPLICIT, sopInstanceUid: '1.2.3.4', numberOfFrames: 0 });
    expect(parsed.pixelData).toBeUndefined();
    expect(parsed.headerEnd).toBe(concat(identity(IMPLICIT_LE)).length);
  });

  it('reads the data set as it is encoded when the meta information has no transfer syntax', async () => {
    const meta = element(0x00020002, 'UI', new Uint8Array(Buffer.from('1.2\0')));
    const file = concat([new Uint8Array(128), new Uint8Array(Buffer.from('DICM')), meta, ...identity(EXPLICIT_LE)]);
    await expect(parse(file)).resolves.toMatchObject({ transferSyntaxUid: EXPLICIT, sopInstanceUid: '1.2.3.4' });
  });
});

describe('parseInstance: values', () => {
  it('decodes character sets, multiple values, numbers and empty values into the DICOM JSON model', async () => {
    const file = part10(EXPLICIT, [
      text(0x00080005, 'CS', 'ISO_IR 192'),
      text(0x00080008, 'CS', 'ORIGINAL\\\\AXIAL'),
      ...identity().slice(0, 3),
      text(0x00080090, 'PN', ''),
      text(0x00081030, 'LO', new Uint8Array(Buffer.from('  Crâne ', 'utf8'))),
      text(0x00100010, 'PN', new Uint8Array(Buffer.from('Wang^XiaoDong=王^小東', 'utf8'))),
      ...identity().slice(4),
      text(0x00200011, 'IS', ' 12 '),
      element(0x00200013, 'US', Uint8Array.of(7, 0)), // a writer's binary InstanceNumber
      text(0x00280008, 'IS', '1A'),
    ]);
    const { attributes, numberOfFrames } = await parse(file);
    expect(attributes).toMatchObject({
      '00080005': { vr: 'CS', Value: ['ISO_IR 192'] },
      '00080008': { vr: 'CS', Value: ['ORIGINAL', null, 'AXIAL'] },
      '00080090': { vr: 'PN' },
      '00081030': { vr: 'LO', Value: ['Crâne'] },
      '00100010': { vr: 'PN', Value: [{ Alphabetic: 'Wang^XiaoDong', Ideographic: '王^小東' }] },
      '00200011': { vr: 'IS', Value: [12] },
      '00200013': { vr: 'IS', Value: [7] },
      '00280008': { vr: 'IS', Value: ['1A'] },
    });
    expect(attributes['00080090']).toEqual({ vr: 'PN' });
    expect(numberOfFrames).toBe(0);
  });

  it('steps over sequences of every shape without taking attributes from inside them', async () => {
    const nestedName = text(0x00100010, 'PN', 'Inner^Name');
    const icon = sequence(0x00880200, [
      item([us(0x00280010, 1), encapsulatedPixelData([Uint8Array.of(1, 2)])], true, true),
    ]);
    const unknown = concat([
      element(0x00091010, 'UN', new Uint8Array(0), EXPLICIT_LE, 0xffffffff),
      item([text(0x00100010, 'PN', 'Hidden^Name', IMPLICIT_LE)], true, true),
      Uint8Array.of(0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0),
    ]);
    const implicitItem = item([text(0x00100010, 'PN', 'Implicit^Item', IMPLICIT_LE)], true, true);
    const file = part10(EXPLICIT, [
      ...identity().slice(0, 3),
      sequence(0x00081110, [item([nestedName, sequence(0x00081199, [item([nestedName])])], true, true), item([])]),
      sequence(0x00081111, [item([nestedName])], EXPLICIT_LE, 'SQ', false),
      unknown,
      sequence(0x00081115, [implicitItem]),
      icon,
      ...identity().slice(3),
    ]);
    const { attributes } = await parse(file);
    expect(attributes['00100010']).toEqual({ vr: 'PN', Value: [{ Alphabetic: 'Doe^Jane' }] });
  });

  it('reads the items of an undefined-length UN in implicit VR little endian, whatever the syntax (PS3.5 6.2.2)', async () => {
    const unknown = concat([
      element(0x00091010, 'UN', new Uint8Array(0), EXPLICIT_BE, 0xffffffff),
      item([text(0x00100010, 'PN', 'Hidden^Name', IMPLICIT_LE)], true, true),
      Uint8Array.of(0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0),
    ]);
    const file = part10(BIG_ENDIAN, [...identity(EXPLICIT_BE).slice(0, 3), unknown, ...identity(EXPLICIT_BE).slice(3)]);
    await expect(parse(file)).resolves.toMatchObject({
      attributes: { '00100010': { Value: [{ Alphabetic: 'Doe^Jane' }] } },
    });
  });

  it.each([
    ['explicit VR under an implicit transfer syntax', IMPLICIT, EXPLICIT_LE],
    ['implicit VR under an explicit transfer syntax', EXPLICIT, IMPLICIT_LE],
  ])('reads %s, as the first element shows, like pydicom', async (_name, syntax, encoding) => {
    await expect(parse(part10(syntax, identity(encoding)))).resolves.toMatchObject({
      transferSyntaxUid: syntax,
      attributes: { '00100010': { Value: [{ Alphabetic: 'Doe^Jane' }] } },
    });
  });

  it('reads one element written in implicit VR inside an explicit data set, as pydicom does', async () => {
    const implicitPrivate = element(0x00091010, 'LO', new Uint8Array(Buffer.from('ab')), IMPLICIT_LE);
    const file = part10(EXPLICIT, [...identity().slice(0, 3), implicitPrivate, ...identity().slice(3)]);
    await expect(parse(file)).resolves.toMatchObject({
      attributes: { '00100010': { Value: [{ Alphabetic: 'Doe^Jane' }] } },
    });
  });

  it('steps over undefined-length sequences in implicit VR', async () => {
    const file = part10(IMPLICIT, [
      ...identity(IMPLICIT_LE).slice(0, 3),
      sequence(0x00081110, [item([text(0x00100010, 'PN', 'Inner', IMPLICIT_LE)], true, true)], IMPLICIT_LE),
      ...identity(IMPLICIT_LE).slice(3),
    ]);
    await expect(parse(file)).resolves.toMatchObject({
      attributes: { '00100010': { Value: [{ Alphabetic: 'Doe^Jane' }] } },
    });
  });
});

describe('parseInstance: encapsulated Pixel Data', () => {
  it('lists the fragments and the Basic Offset Table by walking item headers', async () => {
    const header = part10(JPEG_BASELINE, [...identity(), text(0x00280008, 'IS', '2')]);
    const fragments = [new Uint8Array(10).fill(1), new Uint8Array(6).fill(2), new Uint8Array(4).fill(3)];
    const file = concat([header, encapsulatedPixelData(fragments, [0, 34])]);
    const valueStart = header.length + 12;
    const first = valueStart + 8 + 8 + 8;
    expect(await parse(file)).toMatchObject({
      numberOfFrames: 2,
      headerEnd: valueStart,
      pixelData: {
        elementStart: header.length,
        valueStart,
        valueEnd: file.length,
        encapsulated: true,
        basicOffsetTable: [0, 34],
        fragments: [
          { offset: first, length: 10 },
          { offset: first + 18, length: 6 },
          { offset: first + 32, length: 4 },
        ],
      },
    });
  });

  it('leaves out an empty Basic Offset Table', async () => {
    const file = concat([part10(JPEG_BASELINE, identity()), encapsulatedPixelData([Uint8Array.of(1, 2)])]);
    const { pixelData } = await parse(file);
    expect(pixelData).not.toHaveProperty('basicOffsetTable');
    expect(pixelData?.fragments).toHaveLength(1);
  });
});

describe('parseInstance: deflated files are one part', () => {
  const dataSet = concat([...identity(), element(0x7fe00010, 'OB', new Uint8Array(64))]);
  const deflatedFile = (body: Uint8Array) =>
    concat([new Uint8Array(128), new Uint8Array(Buffer.from('DICM')), fileMeta(DEFLATED), body]);

  it('inflates the data set, and reports no pixel location and the whole file as header', async () => {
    const file = deflatedFile(new Uint8Array(deflateRawSync(dataSet)));
    const parsed = await parse(file);
    expect(parsed).toMatchObject({
      transferSyntaxUid: DEFLATED,
      sopInstanceUid: '1.2.3.4',
      numberOfFrames: 1,
      headerEnd: file.length,
    });
    expect(parsed.pixelData).toBeUndefined();
  });

  it('accepts a zlib-wrapped stream, which some writers produce', async () => {
    await expect(parse(deflatedFile(new Uint8Array(deflateSync(dataSet))))).resolves.toMatchObject({
      sopInstanceUid: '1.2.3.4',
    });
  });

  it('refuses a cut stream and an inflated data set over the limit', async () => {
    const compressed = new Uint8Array(deflateRawSync(dataSet));
    await expect(parse(deflatedFile(compressed.subarray(0, 20)))).rejects.toMatchObject({ code: 'dicom.truncated' });
    const big = concat([...identity(), element(0x00091010, 'OB', new Uint8Array(100_000))]);
    await expect(parse(deflatedFile(new Uint8Array(deflateRawSync(big))), 50_000)).rejects.toMatchObject({
      code: 'dicom.header_too_large',
    });
  });
});
