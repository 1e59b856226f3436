import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bufferSource } from './byte-source.js';
import type { BulkDataLocation } from './dicom-json-model.js';
import { readInstanceMetadata } from './instance-metadata.js';
import { countingSource } from './testing/dicom-builder.js';
import { type Difference, differences, type JsonDataSetLike } from './testing/dicom-json-diff.js';
import { KNOWN_DIFFERENCES } from './testing/pydicom-json-differences.js';
import { TEST_DATA_ROOTS, testDataAvailable, type TestDataSource } from './testing/test-data.js';

// readInstanceMetadata over every file of the corpus that corpus.test.ts parses, compared with
// pydicom's Dataset.to_json_dict of the same file, run once for all files by testing/pydicom-json.py.
// Bulk data URIs name the value's tag, offset and length on both sides, so locations are compared too.

interface FileCase {
  source: TestDataSource;
  path: string;
  transferSyntaxUid?: string;
  error?: string;
}

const corpus = JSON.parse(readFileSync(join(import.meta.dirname, 'testing/corpus-expectations.json'), 'utf8')) as {
  files: FileCase[];
};
const onCi = process.env.CI === 'true';
const available = (file: FileCase) => testDataAvailable(file.source, onCi);
const files = corpus.files.filter(available);
const ok = files.filter((file) => file.error === undefined);
const failing = files.filter((file) => file.error !== undefined);
const pathOf = (file: FileCase) => join(TEST_DATA_ROOTS[file.source], file.path);
// parseInstance refuses these for a missing or invalid UID; the metadata reader reads everything,
// and meets what parseInstance steps over by length: this DICOMDIR's last record runs 24 bytes
// past the end of the file (pydicom reads the bytes that are there).
const METADATA_ERRORS: Readonly<Record<string, string>> = {
  'pydicom/test_files/dicomdirtests/DICOMDIR-nooffset': 'dicom.truncated',
};
const bulkDataUri = (location: BulkDataLocation) =>
  `${String(location.path.at(-1))}@${location.offset}+${location.length}`;

const pydicom = (): Record<string, JsonDataSetLike | { error: string }> =>
  JSON.parse(
    execFileSync('/usr/bin/python3', [join(import.meta.dirname, 'testing/pydicom-json.py')], {
      input: JSON.stringify(ok.map(pathOf)),
      maxBuffer: 256 * 1024 * 1024,
    }).toString('utf8'),
  ) as Record<string, JsonDataSetLike | { error: string }>;

describe('readInstanceMetadata compared with pydicom over the test corpus', () => {
  if (ok.length === 0) {
    it.skip('compares each file (test data not installed)', () => undefined);
    return;
  }
  let theirs: ReturnType<typeof pydicom>;
  const used = new Set<string>();
  beforeAll(() => {
    theirs = pydicom();
  }, 60_000);

  it.each(ok.map((file) => [`${file.source}/${file.path}`, file] as const))(
    '%s differs from pydicom only as the README explains',
    async (_name, file) => {
      const ours = await readInstanceMetadata(bufferSource(new Uint8Array(readFileSync(pathOf(file)))), {
        bulkDataUri,
      });
      expect(ours['00083002']).toEqual({ vr: 'UI', Value: [file.transferSyntaxUid] });
      delete ours['00083002'];
      const reference = theirs[pathOf(file)];
      if (reference === undefined || 'error' in reference)
        throw new Error(`pydicom failed: ${JSON.stringify(reference)}`);
      const unexplained: Difference[] = [];
      for (const difference of differences(ours as JsonDataSetLike, reference)) {
        const known = KNOWN_DIFFERENCES.find((rule) => rule.explains(difference));
        if (known === undefined) unexplained.push(difference);
        else used.add(known.name);
      }
      expect(unexplained).toEqual([]);
    },
  );

  it.each(ok.map((file) => [`${file.source}/${file.path}`, file] as const))(
    '%s: no read starts inside a bulk value',
    async (_name, file) => {
      const counted = countingSource(bufferSource(new Uint8Array(readFileSync(pathOf(file)))));
      const located: BulkDataLocation[] = [];
      await readInstanceMetadata(counted.source, { bulkDataUri: (location) => String(located.push(location)) });
      // Encapsulated values are walked by their item headers; deflated files are read whole.
      const skipped = located.filter((location) => !location.encapsulated && !location.deflated);
      const inside = counted.reads.filter((read) =>
        skipped.some((location) => read.offset >= location.offset && read.offset < location.offset + location.length),
      );
      expect(inside).toEqual([]);
    },
  );

  it('meets every known difference somewhere (none is stale)', () => {
    expect([...used].sort()).toEqual(KNOWN_DIFFERENCES.map((rule) => rule.name).sort());
  });

  it.each(failing.map((file) => [`${file.source}/${file.path}`, file] as const))(
    '%s: refused only for its structure',
    async (_name, file) => {
      const read = readInstanceMetadata(bufferSource(new Uint8Array(readFileSync(pathOf(file)))), { bulkDataUri });
      const code = METADATA_ERRORS[`${file.source}/${file.path}`] ?? file.error;
      // A missing or invalid UID does not stop the metadata: only the file's structure can.
      if (code === 'dicom.missing_attribute' || code === 'dicom.invalid_uid') await expect(read).resolves.toBeDefined();
      else await expect(read).rejects.toMatchObject({ code, kind: 'invalid' });
    },
  );
});
