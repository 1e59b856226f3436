import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bufferSource } from './byte-source.js';
import { bulkDataKey, decodeDicomJson, type ResolvedBulkData } from './dicom-json-decoder.js';
import type { BulkDataLocation, DicomJsonDataSet } from './dicom-json-model.js';
import { readInstanceMetadata } from './instance-metadata.js';
import { JsonNumber, parseDicomJsonText } from './json-number.js';
import { parseInstance } from './parse-instance.js';
import { differencesFromSent } from './part10-verification.js';
import { segmentLength, STRATA_IMPLEMENTATION_CLASS_UID, writePart10, type Part10Segment } from './part10-writer.js';
import { TEST_DATA_ROOTS, testDataAvailable } from './testing/test-data.js';
import { isValidUid } from './uid.js';

const PYDICOM = testDataAvailable('pydicom', process.env.CI === 'true');
const itPydicom = PYDICOM ? it : it.skip;

const IDENTITY: DicomJsonDataSet = {
  '00080016': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.7'] },
  '00080018': { vr: 'UI', Value: ['1.2.3.4.5'] },
  '0020000D': { vr: 'UI', Value: ['1.2.3'] },
  '0020000E': { vr: 'UI', Value: ['1.2.3.4'] },
};

/** The file's bytes after assembling its segments in memory. */
async function assemble(segments: readonly Part10Segment[]): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for (const segment of segments) {
    parts.push(segment instanceof Uint8Array ? segment : await segment.read(0, segmentLength(segment)));
  }
  return Buffer.concat(parts);
}

const noBulkData = (uri: string): ResolvedBulkData => {
  throw new Error(`no bulk data ${uri}`);
};

/** Decodes, writes and reads back a data set; returns the file, what it reads as, and the differences found. */
async function roundTrip(dataSet: unknown, resolveBulkData: (uri: string) => ResolvedBulkData = noBulkData) {
  const decoded = await decodeDicomJson(dataSet, { resolveBulkData });
  const file = await assemble(
    writePart10(decoded.elements, {
      sopClassUid: decoded.sopClassUid,
      sopInstanceUid: decoded.sopInstanceUid,
      transferSyntaxUid: decoded.transferSyntaxUid,
    }),
  );
  const differences = await differencesFromSent(bufferSource(file), decoded);
  const read = await readInstanceMetadata(bufferSource(file), {
    bulkDataUri: (location) => bulkDataKey(location.path),
    availableTransferSyntax: false,
  });
  return { decoded, file, differences, read };
}

const errorOf = async (dataSet: unknown) => {
  try {
    await roundTrip(dataSet);
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected an error');
};

describe('writePart10 from DICOM JSON', () => {
  it('writes File Meta Information and a data set the parser reads, padded to even lengths in tag order', async () => {
    const { file, differences, read } = await roundTrip({
      ...IDENTITY,
      '00100010': { vr: 'PN', Value: [{ Alphabetic: 'DOE^JO' }] },
      '00080060': { vr: 'CS', Value: ['OT'] },
      '00200013': { vr: 'IS', Value: [7] },
      '00081150': { vr: 'UI', Value: ['1.2'] },
    });
    expect(differences).toEqual([]);
    const parsed = await parseInstance(bufferSource(file));
    expect(parsed.transferSyntaxUid).toBe('1.2.840.10008.1.2.1');
    expect(parsed.sopInstanceUid).toBe('1.2.3.4.5');
    expect(Buffer.from(file.subarray(128, 132)).toString('latin1')).toBe('DICM');
    const text = Buffer.from(file).toString('latin1');
    expect(text).toContain(STRATA_IMPLEMENTATION_CLASS_UID);
    expect(isValidUid(STRATA_IMPLEMENTATION_CLASS_UID)).toBe(true);
    // "DOE^JO" is even; "7" is padded with a space, the UI "1.2" with a NUL.
    expect(text).toContain('IS\x02\x007 ');
    expect(text).toContain('UI\x04\x001.2\0');
    expect(read['00200013']).toEqual({ vr: 'IS', Value: [7] });
    const tags = Object.keys(read);
    expect(tags).toEqual([...tags].sort());
  });

  it('writes IS and DS from the JSON number text without losing a digit, within 12 and 16 bytes', async () => {
    const json = parseDicomJsonText(
      JSON.stringify({ ...IDENTITY, '00280030': { vr: 'DS', Value: [0] } }).replace(
        '"Value":[0]',
        '"Value":[1.23456789012345, 1.10, 1E-20, 1.5E300, -0.000001]',
      ),
    );
    const { file, differences, read } = await roundTrip(json);
    expect(differences).toEqual([]);
    const text = Buffer.from(file).toString('latin1');
    expect(text).toContain('1.23456789012345\\1.1\\1E-20\\1.5E300\\-0.000001');
    expect(read['00280030']?.Value).toEqual([1.23456789012345, 1.1, 1e-20, 1.5e300, -0.000001]);
    // 17 significant digits fit no 16-byte decimal string: refused rather than rounded.
    const tooPrecise = parseDicomJsonText(`{"00280030":{"vr":"DS","Value":[0.1234567890123456]}}`);
    await expect(roundTrip({ ...IDENTITY, ...(tooPrecise as DicomJsonDataSet) })).rejects.toMatchObject({
      code: 'dicom_json.unencodable_value',
    });
    expect((await errorOf({ ...IDENTITY, '00200013': { vr: 'IS', Value: [2 ** 31] } })).code).toBe(
      'dicom_json.unencodable_value',
    );
    expect((await errorOf({ ...IDENTITY, '00200013': { vr: 'IS', Value: [1.5] } })).code).toBe(
      'dicom_json.unencodable_value',
    );
  });

  it('keeps SV and UV beyond 2^53 exactly, and rounds FL to the 32-bit float it must be', async () => {
    const json = parseDicomJsonText(
      `{"00080016":{"vr":"UI","Value":["1.2"]},"00080018":{"vr":"UI","Value":["1.2.3"]},"0020000D":{"vr":"UI","Value":["1.3"]},` +
        `"0020000E":{"vr":"UI","Value":["1.4"]},"00091020":{"vr":"UV","Value":[18446744073709551615, 3]},` +
        `"0018605A":{"vr":"FL","Value":[0.3]}}`,
    );
    const { differences, read } = await roundTrip(json);
    expect(differences).toEqual([]);
    expect(read['00091020']?.Value).toEqual(['18446744073709551615', 3]);
    expect(read['0018605A']?.Value).toEqual([Math.fround(0.3)]);
    expect(
      (await errorOf({ ...IDENTITY, '00280010': { vr: 'US', Value: [new JsonNumber('70000', 70000)] } })).code,
    ).toBe('dicom_json.unencodable_value');
  });

  it('writes non-ASCII text in UTF-8 under ISO_IR 192, in items too, and keeps an ASCII data set’s character set', async () => {
    const { decoded, differences, read } = await roundTrip({
      ...IDENTITY,
      '00080005': { vr: 'CS', Value: ['ISO_IR 100'] },
      '00100010': {
        vr: 'PN',
        Value: [{ Alphabetic: 'Buc^Jérôme', Ideographic: '山田^太郎', Phonetic: 'やまだ^たろう' }],
      },
      '00400275': {
        vr: 'SQ',
        Value: [{ '00080005': { vr: 'CS', Value: ['ISO 2022 IR 87'] }, '00321060': { vr: 'LO', Value: ['Ärger'] } }],
      },
    });
    expect(differences).toEqual([]);
    expect(decoded.characterSetReplaced).toBe(true);
    expect(read['00080005']).toEqual({ vr: 'CS', Value: ['ISO_IR 192'] });
    expect(read['00100010']?.Value).toEqual([
      { Alphabetic: 'Buc^Jérôme', Ideographic: '山田^太郎', Phonetic: 'やまだ^たろう' },
    ]);
    expect((read['00400275']?.Value?.[0] as DicomJsonDataSet)['00321060']?.Value).toEqual(['Ärger']);

    const ascii = await roundTrip({ ...IDENTITY, '00080005': { vr: 'CS', Value: ['ISO_IR 100'] } });
    expect(ascii.decoded.characterSetReplaced).toBe(false);
    expect(ascii.read['00080005']).toEqual({ vr: 'CS', Value: ['ISO_IR 100'] });
    expect((await errorOf({ ...IDENTITY, '00080005': { vr: 'CS', Value: ['ISO_IR 999'] } })).code).toBe(
      'dicom_json.unknown_character_set',
    );
  });

  it('refuses unknown VRs, VRs PS3.6 does not allow, values outside their repertoire, and malformed attributes', async () => {
    expect((await errorOf({ ...IDENTITY, '00100010': { vr: 'XX', Value: ['A'] } })).code).toBe('dicom_json.unknown_vr');
    expect((await errorOf({ ...IDENTITY, '00100010': { vr: 'LO', Value: ['A'] } })).code).toBe(
      'dicom_json.vr_mismatch',
    );
    expect((await errorOf({ ...IDENTITY, '00080060': { vr: 'CS', Value: ['Ü'] } })).code).toBe(
      'dicom_json.unencodable_value',
    );
    expect((await errorOf({ ...IDENTITY, '00080060': { vr: 'CS', Value: ['A\\B'] } })).code).toBe(
      'dicom_json.unencodable_value',
    );
    expect((await errorOf({ ...IDENTITY, '00081030': { vr: 'LO', Value: ['x'.repeat(70_000)] } })).code).toBe(
      'dicom_json.unencodable_value',
    );
    expect((await errorOf({ ...IDENTITY, '0010': { vr: 'PN' } })).code).toBe('dicom_json.malformed_attribute');
    let deep: DicomJsonDataSet = {};
    for (let i = 0; i < 250; i++) deep = { '00400275': { vr: 'SQ', Value: [deep] } };
    expect((await errorOf({ ...IDENTITY, ...deep })).code).toBe('dicom_json.malformed_attribute');
    expect((await errorOf({ ...IDENTITY, '00100010': { vr: 'PN', Value: 'DOE' } })).code).toBe(
      'dicom_json.malformed_attribute',
    );
    const { '00080018': _sop, ...withoutSop } = IDENTITY;
    expect((await errorOf(withoutSop)).code).toBe('dicom.missing_attribute');
    expect((await errorOf({ ...IDENTITY, '0020000D': { vr: 'UI', Value: ['1.02'] } })).code).toBe('dicom.invalid_uid');
  });

  it('writes binary values from InlineBinary and bulk data, odd OB padded with NUL, words whole', async () => {
    const bulk = new Uint8Array([1, 2, 3]);
    const { differences, read, file } = await roundTrip(
      {
        ...IDENTITY,
        '00091010': { vr: 'LO', Value: ['ACME'] },
        '00091011': { vr: 'OB', BulkDataURI: 'http://host/b' },
        '00283006': { vr: 'OW', InlineBinary: Buffer.from([1, 0, 2, 0]).toString('base64') },
      },
      () => ({ encapsulated: false, value: bufferSource(bulk) }),
    );
    expect(differences).toEqual([]);
    expect(read['00091011']).toEqual({ vr: 'OB', BulkDataURI: '00091011' });
    expect(
      Buffer.from(file).includes(Buffer.from([0x09, 0, 0x11, 0x10, 0x4f, 0x42, 0, 0, 4, 0, 0, 0, 1, 2, 3, 0])),
    ).toBe(true);
    const oddWords = { ...IDENTITY, '00283006': { vr: 'OW', InlineBinary: Buffer.from([1, 2, 3]).toString('base64') } };
    expect((await errorOf(oddWords)).code).toBe('dicom_json.unencodable_value');
  });

  it('encapsulates compressed frames with a Basic Offset Table, one fragment per frame, in their transfer syntax', async () => {
    const frames = [new Uint8Array([0xff, 0xd8, 1, 0xff, 0xd9]), new Uint8Array([0xff, 0xd8, 2, 2, 0xff, 0xd9])];
    const { decoded, differences, file, read } = await roundTrip(
      {
        ...IDENTITY,
        '00280008': { vr: 'IS', Value: [2] },
        '7FE00010': { vr: 'OW', BulkDataURI: 'pixels' },
      },
      () => ({ encapsulated: true, transferSyntaxUid: '1.2.840.10008.1.2.4.50', frames: frames.map(bufferSource) }),
    );
    expect(differences).toEqual([]);
    expect(decoded.transferSyntaxUid).toBe('1.2.840.10008.1.2.4.50');
    expect(read['7FE00010']).toEqual({ vr: 'OB', BulkDataURI: '7FE00010' });
    const parsed = await parseInstance(bufferSource(file));
    expect(parsed.transferSyntaxUid).toBe('1.2.840.10008.1.2.4.50');
    const start = parsed.pixelData?.valueStart ?? 0;
    // Offset table [0, 14]: the first fragment is 5 bytes padded to 6, plus its 8-byte item header.
    expect([...file.subarray(start, start + 16)]).toEqual([
      0xfe, 0xff, 0x00, 0xe0, 8, 0, 0, 0, 0, 0, 0, 0, 14, 0, 0, 0,
    ]);
    await expect(
      roundTrip({ ...IDENTITY, '7FE00010': { vr: 'OB', BulkDataURI: 'pixels' } }, () => ({
        encapsulated: true,
        transferSyntaxUid: '1.2.840.10008.1.2.4.50',
        frames: frames.map(bufferSource),
      })),
    ).rejects.toMatchObject({ code: 'dicom_json.unencodable_value' });
  });

  it('finds a file that does not hold what was sent', async () => {
    const decoded = await decodeDicomJson(
      { ...IDENTITY, '00100020': { vr: 'LO', Value: ['P1'] } },
      { resolveBulkData: noBulkData },
    );
    const file = Buffer.from(await assemble(writePart10(decoded.elements, { ...decoded })));
    file.write('P2', file.indexOf('P1'), 'latin1');
    expect(await differencesFromSent(bufferSource(file), decoded)).toEqual([
      '00100020: sent {"Value":["P1"],"vr":"LO"}, written {"Value":["P2"],"vr":"LO"}',
    ]);
  });

  itPydicom('rewrites real files from their own metadata and reads back the same data set', async () => {
    const folders = ['test_files', 'charset_files'];
    const names: string[] = [];
    let rewritten = 0;
    for (const folder of folders) {
      for (const name of readdirSync(join(TEST_DATA_ROOTS.pydicom, folder)).filter((n) => n.endsWith('.dcm'))) {
        const bytes = await readFile(join(TEST_DATA_ROOTS.pydicom, folder, name));
        let parsed;
        try {
          parsed = await parseInstance(bufferSource(bytes));
        } catch {
          continue; // files the parser refuses are not ours to rewrite
        }
        if (!['1.2.840.10008.1.2', '1.2.840.10008.1.2.1'].includes(parsed.transferSyntaxUid)) continue;
        const locations = new Map<string, BulkDataLocation>();
        const original = await readInstanceMetadata(bufferSource(bytes), {
          availableTransferSyntax: false,
          bulkDataUri: (location) => {
            locations.set(bulkDataKey(location.path), location);
            return bulkDataKey(location.path);
          },
        });
        const resolve = (uri: string): ResolvedBulkData => {
          const location = locations.get(uri);
          if (location === undefined) throw new Error(`no ${uri}`);
          return {
            encapsulated: false,
            value: bufferSource(bytes.subarray(location.offset, location.offset + location.length)),
          };
        };
        let result;
        try {
          result = await roundTrip(original, resolve);
        } catch (error) {
          names.push(`${name}: ${(error as Error).message}`);
          continue;
        }
        expect({ name, differences: result.differences }).toEqual({ name, differences: [] });
        const { '00080005': sentCharset, ...sent } = original;
        const { '00080005': writtenCharset, ...written } = result.read;
        expect({ name, written }).toEqual({ name, written: sent });
        expect(writtenCharset).toEqual(
          result.decoded.characterSetReplaced ? { vr: 'CS', Value: ['ISO_IR 192'] } : sentCharset,
        );
        rewritten++;
      }
    }
    // pydicom's deliberately broken file: its Number of Frames is not an integer string.
    expect(names).toEqual(['badVR.dcm: 00280008 (IS): a string that is not an integer of at most 12 characters.']);
    expect(rewritten).toBe(32);
  });
});
