// `strata import` of the same real-size files (512×512 16-bit CT slices) side by side with Orthanc
// storing them through its REST API (issue #3; goal: faster than Orthanc). One command:
//   npm run bench:import [-- COUNT]        (default 1,000 files)
import { readFile, readdir, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FilesystemBlobStore } from '@strata/modules/blob';
import { openDatabase } from '@strata/models';
import { importDirectory } from '@strata/services/ingest';
import { createDataset } from '@strata/services/versioning';
import { startOrthanc, syntheticSlice } from '@strata/tests/support';

const count = Number(process.argv[2] ?? 1000);
/** Files in flight on each side: Strata's import reads this many at once, Orthanc gets as many POSTs at once. */
const inFlight = 16;
const author = { name: 'bench', email: 'bench@localhost' };
const root = await mkdtemp(join(tmpdir(), 'strata-bench-import-'));

try {
  const files = join(root, 'files');
  await mkdir(files);
  for (let i = 0; i < count; i++) {
    const series = Math.floor(i / 100);
    await writeFile(
      join(files, `slice-${String(i).padStart(5, '0')}.dcm`),
      syntheticSlice({
        studyUid: '1.2.826.0.1.3680043.10.1234.1',
        seriesUid: `1.2.826.0.1.3680043.10.1234.1.${series}`,
        sopUid: `1.2.826.0.1.3680043.10.1234.1.${series}.${i}`,
        patientName: 'BENCH^PATIENT',
        patientId: 'B001',
        studyDate: '20260101',
        instanceNumber: i + 1,
        size: 512,
        seed: i,
      }),
    );
  }
  const megabytes = (count * (512 * 512 * 2 + 600)) / 1e6;

  // Strata: the import service in-process, PGlite and the blob store on disk (fsync'd).
  const database = await openDatabase({ kind: 'pglite', dataDir: join(root, 'pg') }, { migrate: true });
  const deps = { database, blobStore: await FilesystemBlobStore.open(join(root, 'blobs')), now: () => new Date() };
  const dataset = await createDataset(deps, 'bench/import', author);
  let started = performance.now();
  const report = await importDirectory(deps, files, {
    dataset,
    branch: 'main',
    message: 'bench',
    author,
    onError: 'abort',
    concurrency: inFlight,
  });
  const strataSeconds = (performance.now() - started) / 1000;
  await deps.blobStore.close();
  await database.close();
  if (report.instances !== count) throw new Error(`imported ${report.instances} of ${count}`);

  // Orthanc: POST /instances, as many at a time as Strata's import reads at once.
  const orthanc = await startOrthanc();
  const names = (await readdir(files)).sort();
  let next = 0;
  started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < names.length) {
        const name = names[next++] ?? '';
        const response = await fetch(`${orthanc.url}/instances`, {
          method: 'POST',
          body: await readFile(join(files, name)),
        });
        if (!response.ok) throw new Error(`Orthanc refused ${name}: ${response.status}`);
        await response.arrayBuffer();
      }
    }),
  );
  const orthancSeconds = (performance.now() - started) / 1000;
  await orthanc.stop();

  const strataRate = count / strataSeconds;
  const orthancRate = count / orthancSeconds;
  console.log(
    `import of ${count} CT slices (512×512×16 bit, ${megabytes.toFixed(0)} MB), ${inFlight} files in flight each`,
  );
  console.log(
    `  strata import   ${strataRate.toFixed(0)} instances/s  (${(megabytes / strataSeconds).toFixed(0)} MB/s, ${strataSeconds.toFixed(2)} s)`,
  );
  console.log(
    `  Orthanc REST    ${orthancRate.toFixed(0)} instances/s  (${(megabytes / orthancSeconds).toFixed(0)} MB/s, ${orthancSeconds.toFixed(2)} s)`,
  );
  console.log(`  ratio strata/Orthanc: ${(strataRate / orthancRate).toFixed(2)} (goal > 1)`);
  console.log(
    `  machine limit (../shared/perf/limits.md): 512 KiB files written+fsync'd+renamed, 8 in flight: 564 files/s best; ` +
      `strata is at ${((strataRate / 564) * 100).toFixed(0)} % of it (it writes header and pixel parts, each fsync'd, ` +
      'and fsyncs their directories once before the commit)',
  );
} finally {
  await rm(root, { recursive: true, force: true });
}
