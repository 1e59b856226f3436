import { deflateRawSync } from 'node:zlib';
import { bufferSource } from './byte-source.js';
import type { BulkDataLocation } from './dicom-json-model.js';
import { formatDicomJson } from './dicom-json-text.js';
import { type InstanceMetadataOptions, readInstanceMetadata } from './instance-metadata.js';
import {
  BIG_ENDIAN,
  bytesRead,
  concat,
  countingSource,
  DEFLATED,
  element,
  encapsulatedPixelData,
  EXPLICIT,
  EXPLICIT_BE,
  EXPLICIT_LE,
  fileMeta,
  IMPLICIT,
  IMPLICIT_LE,
  item,
  JPEG_BASELINE,
  part10,
  sequence,
  text,
  us,
} from './testing/dicom-builder.js';

const locations: BulkDataLocation[] = [];
const bulkDataUri = (location: BulkDataLocation) => {
  locations.push(location);
  return `bulk:${location.path.join('/')}`;
};
beforeEach(() => {
  locations.length = 0;
});

const metadata = (file: Uint8Array, options: Partial<InstanceMetadataOptions> = {}) =>
  readInstanceMetadata(bufferSource(file), { bulkDataUri, availableTransferSyntax: false, ...options });

const bytes = (...values: number[]) => new Uint8Array(values);
const doubles = (...values: number[]) => new Uint8Array(new Float64Array(values).buffer);
const utf8 = (value: string) => new Uint8Array(Buffer.from(value, 'utf8'));

describe('readInstanceMetadata: structure', () => {
  it('reads sequences nested three deep, of defined and undefined length, items of both kinds', async () => {
    const innermost = sequence(
      0x00081199,
      [item([text(0x00081150, 'UI', '1.2.3')], true, true)],
      EXPLICIT_LE,
      'SQ',
      false,
    );
    const middle = sequence(0x00081115, [item([innermost]), item([], true, true)]);
    const outer = sequence(0x00081140, [item([middle], true, true)], EXPLICIT_LE, 'SQ', false);
    const json = await metadata(part10(EXPLICIT, [outer]));
    expect(json).toEqual({
      '00081140': {
        vr: 'SQ',
        Value: [
          {
            '00081115': {
              vr: 'SQ',
              Value: [{ '00081199': { vr: 'SQ', Value: [{ '00081150': { vr: 'UI', Value: ['1.2.3'] } }] } }, {}],
            },
          },
        ],
      },
    });
  });

  it('leaves out File Meta Information and Group Lengths (PS3.18 F.2.2), at every level', async () => {
    const groupLength = element(0x00080000, 'UL', bytes(8, 0, 0, 0));
    const nested = sequence(0x00081140, [
      item([element(0x00080000, 'UL', bytes(0, 0, 0, 0)), text(0x00080060, 'CS', 'MR')]),
    ]);
    const json = await metadata(part10(EXPLICIT, [groupLength, text(0x00080060, 'CS', 'CT'), nested]));
    expect(Object.keys(json)).toEqual(['00080060', '00081140']);
    expect(json['00081140']?.Value).toEqual([{ '00080060': { vr: 'CS', Value: ['MR'] } }]);
  });

  it('ends the data set at zero padding after it (group 0000), without stepping through the padding', async () => {
    const file = concat([
      part10(EXPLICIT, [element(0x7fe00010, 'OW', new Uint8Array(4))]),
      new Uint8Array(4 * 1024 * 1024),
    ]);
    const counted = countingSource(bufferSource(file));
    const json = await readInstanceMetadata(counted.source, { bulkDataUri, availableTransferSyntax: false });
    expect(json).toEqual({ '7FE00010': { vr: 'OW', BulkDataURI: 'bulk:7FE00010' } });
    expect(bytesRead(counted.reads)).toBeLessThan(70_000);
  });

  it('reads an implicit VR data set with PS3.6 VRs, and US or SS by the Pixel Representation in force', async () => {
    const file = part10(IMPLICIT, [
      text(0x00100010, 'PN', 'Doe^Jane', IMPLICIT_LE),
      us(0x00280103, 1, IMPLICIT_LE),
      element(0x00280106, 'SS', bytes(0xfe, 0xff), IMPLICIT_LE),
      sequence(
        0x00283010,
        [item([element(0x00283002, 'US', bytes(0x00, 0x01, 0x00, 0x80, 0x10, 0x00), IMPLICIT_LE)])],
        IMPLICIT_LE,
      ),
      element(0x7fe00010, 'OW', new Uint8Array(8), IMPLICIT_LE),
    ]);
    const json = await metadata(file);
    expect(json['00100010']).toEqual({ vr: 'PN', Value: [{ Alphabetic: 'Doe^Jane' }] });
    expect(json['00280106']).toEqual({ vr: 'SS', Value: [-2] });
    // LUT Descriptor is US or SS too; the item inherits Pixel Representation 1 from the top level.
    expect(json['00283010']?.Value).toEqual([{ '00283002': { vr: 'SS', Value: [256, -32768, 16] } }]);
    expect(json['7FE00010']).toEqual({ vr: 'OW', BulkDataURI: 'bulk:7FE00010' });
  });

  it('reads UN of undefined length as a sequence of implicit VR items (PS3.5 6.2.2)', async () => {
    const items = item([text(0x00080100, 'SH', 'T-A0100', IMPLICIT_LE)], true, true);
    const json = await metadata(part10(EXPLICIT, [sequence(0x00082218, [items], EXPLICIT_LE, 'UN')]));
    expect(json['00082218']).toEqual({ vr: 'SQ', Value: [{ '00080100': { vr: 'SH', Value: ['T-A0100'] } }] });
  });

  it('gives a public element written as UN its PS3.6 VR, as pydicom does', async () => {
    const json = await metadata(part10(EXPLICIT, [element(0x00280010, 'UN', bytes(0, 2))]));
    expect(json['00280010']).toEqual({ vr: 'US', Value: [512] });
  });

  it('keeps the VR a private element is written with; in implicit VR it is UN, its creator LO', async () => {
    const privateBlock = [text(0x00290010, 'LO', 'ACME 1.0'), text(0x00291001, 'DS', '1.5\\2')];
    const explicitJson = await metadata(part10(EXPLICIT, privateBlock));
    expect(explicitJson).toEqual({
      '00290010': { vr: 'LO', Value: ['ACME 1.0'] },
      '00291001': { vr: 'DS', Value: [1.5, 2] },
    });
    const implicit = [text(0x00290010, 'LO', 'ACME 1.0', IMPLICIT_LE), text(0x00291001, 'DS', '1.5\\2', IMPLICIT_LE)];
    const implicitJson = await metadata(part10(IMPLICIT, implicit));
    expect(implicitJson).toEqual({
      '00290010': { vr: 'LO', Value: ['ACME 1.0'] },
      '00291001': { vr: 'UN', BulkDataURI: 'bulk:00291001' },
    });
  });

  it('adds AvailableTransferSyntaxUID (0008,3002) with the stored syntax unless asked not to', async () => {
    const file = part10(JPEG_BASELINE, [text(0x00080060, 'CS', 'CT'), encapsulatedPixelData([bytes(1, 2)])]);
    const json = await readInstanceMetadata(bufferSource(file), { bulkDataUri });
    expect(json['00083002']).toEqual({ vr: 'UI', Value: [JPEG_BASELINE] });
    expect(await metadata(file)).not.toHaveProperty('00083002');
  });
});

describe('readInstanceMetadata: values', () => {
  it('decodes text with the Specific Character Set of the item, or of the nearest data set that has one', async () => {
    const utf8Item = item([
      text(0x00080005, 'CS', 'ISO_IR 192'),
      text(0x00100010, 'PN', utf8('Müller^Jürgen=山田^太郎')),
    ]);
    const nestedItem = item([
      text(0x00080005, 'CS', 'ISO_IR 192'),
      sequence(0x00081115, [item([text(0x00081030, 'LO', utf8('Ünterschrift'))])]),
    ]);
    const inheritingItem = item([text(0x00100010, 'PN', bytes(0x4a, 0xe9, 0x72, 0xf4, 0x6d, 0x65))]);
    const file = part10(EXPLICIT, [
      text(0x00080005, 'CS', 'ISO_IR 100'),
      text(0x00100010, 'PN', bytes(0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72)),
      sequence(0x00400275, [utf8Item, inheritingItem]),
      sequence(0x00400340, [nestedItem]),
    ]);
    const json = await metadata(file);
    expect(json['00100010']).toEqual({ vr: 'PN', Value: [{ Alphabetic: 'Müller' }] });
    expect(json['00400275']?.Value).toEqual([
      {
        '00080005': { vr: 'CS', Value: ['ISO_IR 192'] },
        '00100010': { vr: 'PN', Value: [{ Alphabetic: 'Müller^Jürgen', Ideographic: '山田^太郎' }] },
      },
      { '00100010': { vr: 'PN', Value: [{ Alphabetic: 'Jérôme' }] } },
    ]);
    expect(json['00400340']?.Value).toEqual([
      {
        '00080005': { vr: 'CS', Value: ['ISO_IR 192'] },
        '00081115': { vr: 'SQ', Value: [{ '00081030': { vr: 'LO', Value: ['Ünterschrift'] } }] },
      },
    ]);
  });

  it('writes empty attributes without Value, an empty value among several as null, an empty item as {}', async () => {
    const file = part10(EXPLICIT, [
      element(0x00080008, 'CS', new Uint8Array(0)),
      text(0x00080060, 'CS', '  '),
      text(0x00081090, 'LO', 'A\\\\B'),
      element(0x00081140, 'SQ', new Uint8Array(0)),
      sequence(0x00081150, []),
      sequence(0x00081155, [item([])]),
      element(0x00100010, 'PN', new Uint8Array(0)),
      text(0x00100020, 'LO', 'ID'),
      text(0x00101001, 'PN', '\\Doe^J'),
      element(0x00280010, 'US', new Uint8Array(0)),
      element(0x00283006, 'OW', new Uint8Array(0)),
    ]);
    expect(await metadata(file)).toEqual({
      '00080008': { vr: 'CS' },
      '00080060': { vr: 'CS' },
      '00081090': { vr: 'LO', Value: ['A', null, 'B'] },
      '00081140': { vr: 'SQ' },
      '00081150': { vr: 'SQ' },
      '00081155': { vr: 'SQ', Value: [{}] },
      '00100010': { vr: 'PN' },
      '00100020': { vr: 'LO', Value: ['ID'] },
      '00101001': { vr: 'PN', Value: [null, { Alphabetic: 'Doe^J' }] },
      '00280010': { vr: 'US' },
      '00283006': { vr: 'OW' },
    });
    expect(locations).toEqual([]);
  });

  it('writes numbers as numbers, several values each, and tags as eight hex digits', async () => {
    const unsafe = new Uint8Array(8);
    new DataView(unsafe.buffer).setBigUint64(0, 2n ** 63n + 1n, true);
    const safe = new Uint8Array(8);
    new DataView(safe.buffer).setBigInt64(0, -(2n ** 40n), true);
    const file = part10(EXPLICIT, [
      element(0x00209057, 'AT', bytes(0x20, 0x00, 0x32, 0x00, 0x18, 0x00, 0x50, 0x00)),
      text(0x00200032, 'DS', '-1.5\\2e2\\.25'),
      text(0x00201041, 'DS', '1,5'),
      text(0x00200013, 'IS', '+7\\-3'),
      element(0x00280010, 'US', bytes(1, 0, 2, 0, 0xff, 0xff)),
      element(0x00189087, 'FD', doubles(0.1, -2.5)),
      element(0x00189219, 'SS', bytes(0xff, 0xff, 0x01, 0x00)),
      element(0x00189803, 'FL', new Uint8Array(new Float32Array([0.5]).buffer)),
      element(0x00189804, 'SL', bytes(0xfe, 0xff, 0xff, 0xff)),
      element(0x0040a132, 'UL', bytes(0xff, 0xff, 0xff, 0xff)),
      element(0x0072007f, 'SV', safe),
      element(0x00720082, 'UV', concat([unsafe, bytes(7, 0, 0, 0, 0, 0, 0, 0)])),
    ]);
    expect(await metadata(file)).toEqual({
      '00189087': { vr: 'FD', Value: [0.1, -2.5] },
      '00189219': { vr: 'SS', Value: [-1, 1] },
      '00189803': { vr: 'FL', Value: [0.5] },
      '00189804': { vr: 'SL', Value: [-2] },
      '00200013': { vr: 'IS', Value: [7, -3] },
      '00200032': { vr: 'DS', Value: [-1.5, 200, 0.25] },
      '00201041': { vr: 'DS', Value: ['1,5'] },
      '00209057': { vr: 'AT', Value: ['00200032', '00180050'] },
      '00280010': { vr: 'US', Value: [1, 2, 65535] },
      '0040A132': { vr: 'UL', Value: [4294967295] },
      '0072007F': { vr: 'SV', Value: [-(2 ** 40)] },
      '00720082': { vr: 'UV', Value: ['9223372036854775809', 7] },
    });
  });

  it('decodes a big-endian file, and says its bulk data is big-endian', async () => {
    const file = part10(BIG_ENDIAN, [
      us(0x00280010, 512, EXPLICIT_BE),
      text(0x00280030, 'DS', '0.5\\0.5', EXPLICIT_BE),
      element(0x00283006, 'OW', bytes(0x01, 0x02, 0x03, 0x04), EXPLICIT_BE),
      element(0x7fe00010, 'OW', bytes(0, 1, 0, 2), EXPLICIT_BE),
    ]);
    const json = await metadata(file, { inlineBinaryThreshold: 4 });
    expect(json['00280010']).toEqual({ vr: 'US', Value: [512] });
    expect(json['00280030']).toEqual({ vr: 'DS', Value: [0.5, 0.5] });
    // InlineBinary is little endian whatever the file's byte order.
    expect(json['00283006']).toEqual({
      vr: 'OW',
      InlineBinary: Buffer.from([0x02, 0x01, 0x04, 0x03]).toString('base64'),
    });
    expect(locations).toEqual([
      expect.objectContaining({ path: ['7FE00010'], littleEndian: false, offset: file.length - 4 }),
    ]);
  });
});

describe('readInstanceMetadata: bulk data', () => {
  it('locates native Pixel Data, and every binary value, at any depth', async () => {
    const icon = sequence(0x00880200, [
      item([us(0x00280010, 2), element(0x7fe00010, 'OB', new Uint8Array(4).fill(1))]),
    ]);
    const header = part10(EXPLICIT, [
      icon,
      element(0x00420011, 'OB', new Uint8Array(6)),
      element(0x60003000, 'OW', new Uint8Array(2)),
    ]);
    const pixels = element(0x7fe00010, 'OW', new Uint8Array(32));
    const file = concat([header, pixels, element(0xfffcfffc, 'OB', new Uint8Array(2))]);
    const json = await metadata(file);
    expect(json['00880200']?.Value).toEqual([
      { '00280010': { vr: 'US', Value: [2] }, '7FE00010': { vr: 'OB', BulkDataURI: 'bulk:00880200/0/7FE00010' } },
    ]);
    expect(json['00420011']).toEqual({ vr: 'OB', BulkDataURI: 'bulk:00420011' });
    expect(json['60003000']).toEqual({ vr: 'OW', BulkDataURI: 'bulk:60003000' });
    expect(json['7FE00010']).toEqual({ vr: 'OW', BulkDataURI: 'bulk:7FE00010' });
    expect(json['FFFCFFFC']).toEqual({ vr: 'OB', BulkDataURI: 'bulk:FFFCFFFC' });
    const pixelData = locations.find((location) => location.path.join('/') === '7FE00010');
    expect(pixelData).toEqual({
      path: ['7FE00010'],
      vr: 'OW',
      offset: header.length + 12,
      length: 32,
      encapsulated: false,
      littleEndian: true,
      deflated: false,
    });
    for (const location of locations) {
      const [tagHex] = location.path.slice(-1) as string[];
      const tag = Number.parseInt(tagHex ?? '', 16);
      const lengthField = new DataView(file.buffer, file.byteOffset + location.offset - 4, 4).getUint32(0, true);
      expect([
        lengthField,
        new DataView(file.buffer, file.byteOffset + location.offset - 12, 2).getUint16(0, true),
      ]).toEqual([location.length, tag >>> 16]);
    }
  });

  it('locates encapsulated Pixel Data through its delimiter without reading a fragment', async () => {
    const fragment = new Uint8Array(1024 * 1024).fill(7);
    const header = part10(JPEG_BASELINE, [text(0x00080060, 'CS', 'CT')]);
    const pixels = encapsulatedPixelData([fragment, fragment], [0, fragment.length + 8]);
    const file = concat([header, pixels]);
    const counted = countingSource(bufferSource(file));
    const json = await readInstanceMetadata(counted.source, { bulkDataUri, availableTransferSyntax: false });
    expect(json['7FE00010']).toEqual({ vr: 'OB', BulkDataURI: 'bulk:7FE00010' });
    expect(locations).toEqual([
      {
        path: ['7FE00010'],
        vr: 'OB',
        offset: header.length + 12,
        length: pixels.length - 12,
        encapsulated: true,
        littleEndian: true,
        deflated: false,
      },
    ]);
    expect([...file.subarray(file.length - 8)]).toEqual([0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0]);
    expect(bytesRead(counted.reads)).toBeLessThan(70_000 + 3 * 8 + 8);
  });

  it('turns long values of the VRs F.2.2 allows into BulkDataURIs past bulkDataThreshold, and only those', async () => {
    const longText = 'x'.repeat(100);
    const file = part10(EXPLICIT, [
      text(0x00081030, 'LO', 'y'.repeat(64)),
      text(0x00204000, 'LT', longText),
      element(0x00209228, 'UL', new Uint8Array(128)),
    ]);
    const below = await metadata(file, { bulkDataThreshold: 100 });
    expect(below['00204000']).toEqual({ vr: 'LT', Value: [longText] });
    expect(below['00209228']).toEqual({ vr: 'UL', BulkDataURI: 'bulk:00209228' });
    const above = await metadata(file, { bulkDataThreshold: 50 });
    expect(above['00204000']).toEqual({ vr: 'LT', BulkDataURI: 'bulk:00204000' });
    expect(above['00081030']).toEqual({ vr: 'LO', Value: ['y'.repeat(64)] });
  });

  it('sends small binary values inline only when asked, and never Pixel Data', async () => {
    const file = part10(EXPLICIT, [
      element(0x00420011, 'OB', bytes(1, 2, 3, 4)),
      element(0x7fe00010, 'OB', bytes(9, 9)),
    ]);
    expect(await metadata(file)).toEqual({
      '00420011': { vr: 'OB', BulkDataURI: 'bulk:00420011' },
      '7FE00010': { vr: 'OB', BulkDataURI: 'bulk:7FE00010' },
    });
    expect(await metadata(file, { inlineBinaryThreshold: 4 })).toEqual({
      '00420011': { vr: 'OB', InlineBinary: 'AQIDBA==' },
      '7FE00010': { vr: 'OB', BulkDataURI: 'bulk:7FE00010' },
    });
    expect((await metadata(file, { inlineBinaryThreshold: 3 }))['00420011']).toEqual({
      vr: 'OB',
      BulkDataURI: 'bulk:00420011',
    });
  });

  it('locates bulk data of a deflated file in its inflated data set', async () => {
    const dataSet = concat([text(0x00080060, 'CS', 'OT'), element(0x00420011, 'OB', bytes(5, 6, 7, 8))]);
    const file = concat([
      new Uint8Array(128),
      new Uint8Array(Buffer.from('DICM')),
      fileMeta(DEFLATED),
      deflateRawSync(dataSet),
    ]);
    const json = await metadata(file);
    expect(json['00080060']).toEqual({ vr: 'CS', Value: ['OT'] });
    expect(locations).toEqual([
      expect.objectContaining({ path: ['00420011'], deflated: true, offset: dataSet.length - 4, length: 4 }),
    ]);
    const [location] = locations;
    expect([...dataSet.subarray(location?.offset, (location?.offset ?? 0) + (location?.length ?? 0))]).toEqual([
      5, 6, 7, 8,
    ]);
  });
});

describe('readInstanceMetadata: refused files', () => {
  it('refuses a value that runs past the end of the file, even a bulk one it would not read', async () => {
    const file = part10(EXPLICIT, [element(0x7fe00010, 'OW', new Uint8Array(16))]);
    await expect(metadata(file.subarray(0, file.length - 2))).rejects.toMatchObject({ code: 'dicom.truncated' });
  });

  it('refuses an item where a data element should be', async () => {
    const file = part10(EXPLICIT, [text(0x00080060, 'CS', 'CT'), item([text(0x00080060, 'CS', 'MR')])]);
    await expect(metadata(file)).rejects.toMatchObject({ code: 'dicom.malformed' });
  });

  it('refuses sequences nested deeper than any real data set, before the stack runs out', async () => {
    let nested = text(0x00080100, 'SH', 'X');
    for (let depth = 0; depth < 300; depth++) nested = sequence(0x0040a730, [item([nested], true, true)]);
    await expect(metadata(part10(EXPLICIT, [nested]))).rejects.toMatchObject({ code: 'dicom.malformed' });
  });
});

describe('formatDicomJson', () => {
  it('writes attributes in tag order, where JSON.stringify would put index-like keys first', async () => {
    const file = part10(EXPLICIT, [
      text(0x00080060, 'CS', 'RTSTRUCT'),
      sequence(0x30060020, [item([text(0x00080005, 'CS', 'ISO_IR 100'), text(0x30060026, 'LO', 'GTV')])]),
    ]);
    const json = await metadata(file);
    expect(JSON.stringify(json).indexOf('30060020')).toBeLessThan(JSON.stringify(json).indexOf('00080060'));
    const written = formatDicomJson([json]);
    expect(written).toBe(
      '[{"00080060":{"vr":"CS","Value":["RTSTRUCT"]},"30060020":{"vr":"SQ","Value":[' +
        '{"00080005":{"vr":"CS","Value":["ISO_IR 100"]},"30060026":{"vr":"LO","Value":["GTV"]}}]}}]',
    );
    expect(JSON.parse(written)).toEqual([json]);
  });

  it('writes FL and FD values JSON has no number for as strings', () => {
    expect(formatDicomJson({ '00189087': { vr: 'FD', Value: [Number.NaN, -Infinity, 1] } })).toBe(
      '{"00189087":{"vr":"FD","Value":["NaN","-Infinity",1]}}',
    );
  });
});
