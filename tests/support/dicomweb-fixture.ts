// A running Strata server (in-process, real HTTP) with one dataset, `lab/ct`, seeded with three
// synthetic CT studies (two series of two slices each) and dicomweb-client's palette-colour US,
// with a tag `v1` and a branch `feature/ct` at the seed commit. DICOMWEB_DATASET is `lab/ct`.
// The dataset is public (these suites are not about access): anyone reads it; writing (STOW,
// DELETE, reject) takes the write token of `writer`, a write collaborator.
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadConfig, serve, type RunningServer } from '@strata/app';
import { createTestTarget } from '@strata/models/testing';
import { createToken, createUser, grantRole, OPERATOR } from '@strata/services/access';
import { importDirectory } from '@strata/services/ingest';
import { createBranch, createDataset, createTag, type VersioningDeps } from '@strata/services/versioning';
import { syntheticSlice } from './synthetic-dicom.js';

const require = createRequire(import.meta.url);
export const US_PALETTE = join(
  dirname(require.resolve('dicomweb-client/package.json')),
  'testData/US-PAL-8-10x-echo.dcm',
);
export const US_STUDY = '999.999.3859744';

/** The synthetic patients, one study each. */
export const PATIENTS = [
  { name: 'DOE^JANE', id: 'P1', date: '20190312' },
  { name: 'GARCIA^ANA', id: 'P2', date: '20200501' },
  { name: 'GARCIA^LUIS', id: 'P3', date: '20210704' },
];
export const studyUid = (p: number) => `1.2.826.0.1.3680043.10.77.${p + 1}`;
export const seriesUid = (p: number, s: number) => `${studyUid(p)}.${s + 1}`;
export const sopUid = (p: number, s: number, i: number) => `${seriesUid(p, s)}.${i + 1}`;

export interface DicomwebFixture {
  server: RunningServer;
  deps: VersioningDeps;
  /** The DICOMweb base of `lab/ct` at `main`. */
  base: string;
  /** The seed commit (main, v1 and feature/ct). */
  head: string;
  /** The bytes of every seeded file, by SOP Instance UID. */
  files: Map<string, Buffer>;
  /** A write token on `lab/ct`, and the headers that send it. */
  writeToken: string;
  writer: { authorization: string };
  stop(): Promise<void>;
}

/** Starts the server; `settings` add to (or override) its environment, e.g. STOW_BODY_LIMIT. */
export async function startDicomwebFixture(settings: Record<string, string> = {}): Promise<DicomwebFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'strata-dicomweb-'));
  const database = await createTestTarget();
  const config = loadConfig({
    DATA_DIR: join(dir, 'data'),
    PORT: '0',
    LOG_LEVEL: 'silent',
    DICOMWEB_DATASET: 'lab/ct',
    // Tests that check only headers leave response bodies unread; their connections are cut at
    // stop instead of being waited for.
    SHUTDOWN_TIMEOUT: '1',
    ...settings,
  });
  const server = await serve({ ...config, database: database.target });
  const deps: VersioningDeps = {
    database: server.system.database,
    blobStore: server.system.blobStore,
    now: () => new Date(),
  };
  const folder = join(dir, 'files');
  await mkdir(folder);
  const files = new Map<string, Buffer>();
  for (const [p, patient] of PATIENTS.entries()) {
    for (let s = 0; s < 2; s++) {
      for (let i = 0; i < 2; i++) {
        const bytes = syntheticSlice({
          studyUid: studyUid(p),
          seriesUid: seriesUid(p, s),
          sopUid: sopUid(p, s, i),
          patientName: patient.name,
          patientId: patient.id,
          studyDate: patient.date,
          instanceNumber: i + 1,
          size: 8,
          seed: p * 10 + s * 2 + i,
        });
        files.set(sopUid(p, s, i), bytes);
        await writeFile(join(folder, `${p}-${s}-${i}.dcm`), bytes);
      }
    }
  }
  await copyFile(US_PALETTE, join(folder, 'us.dcm'));
  const author = { name: 'Ada', email: 'ada@example.org' };
  const dataset = await createDataset(deps, 'lab/ct', author, { visibility: 'public' });
  const report = await importDirectory(deps, folder, {
    dataset,
    branch: 'main',
    message: 'seed',
    author,
    onError: 'abort',
  });
  await createTag(deps, dataset, 'v1', 'main');
  await createBranch(deps, dataset, 'feature/ct', 'main');
  const writer = await writeTokenFor(deps, 'lab/ct');
  return {
    writeToken: writer,
    writer: { authorization: `Bearer ${writer}` },
    server,
    deps,
    base: `${server.url}/dicomweb/lab/ct/@main`,
    head: report.commit,
    files,
    stop: async () => {
      await server.stop();
      await database.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A user with the write role on a dataset, and a write token of theirs. */
export async function writeTokenFor(deps: VersioningDeps, dataset: string): Promise<string> {
  const login = `writer-${dataset.replace(/[^A-Za-z0-9]/g, '-')}`;
  await createUser(deps, OPERATOR, { login, email: `${login}@example.org` });
  await grantRole(deps, OPERATOR, dataset, login, 'write');
  return (await createToken(deps, OPERATOR, { login, name: 'writer', scope: 'write' })).token;
}
