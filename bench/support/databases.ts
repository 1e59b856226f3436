// Runs a benchmark body on PGlite (on disk) and, when DATABASE_URL is set, on a fresh database of
// that PostgreSQL server; each run gets its own blob store and is cleaned up afterwards.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FilesystemBlobStore } from '@strata/modules/blob';
import { openDatabase, type Database, type DatabaseTarget } from '@strata/models';
import { createTestTarget } from '@strata/models/testing';
import type { VersioningDeps } from '@strata/services/versioning';

export interface BenchDatabase {
  label: string;
  kind: 'pglite' | 'postgresql';
  database: Database;
  deps: VersioningDeps;
}

export async function forEachDatabase(body: (run: BenchDatabase) => Promise<void>): Promise<void> {
  const pgliteDir = await mkdtemp(join(tmpdir(), 'strata-bench-pg-'));
  await runOn('PGlite (on disk)', 'pglite', { kind: 'pglite', dataDir: pgliteDir }, body, () =>
    rm(pgliteDir, { recursive: true, force: true }),
  );
  if (process.env['DATABASE_URL'] !== undefined) {
    const { target, drop } = await createTestTarget();
    await runOn(`PostgreSQL (${new URL(process.env['DATABASE_URL']).host})`, 'postgresql', target, body, drop);
  }
}

async function runOn(
  label: string,
  kind: BenchDatabase['kind'],
  target: DatabaseTarget,
  body: (run: BenchDatabase) => Promise<void>,
  cleanup: () => Promise<void>,
): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'strata-bench-'));
  let database: Database | undefined;
  let blobStore: FilesystemBlobStore | undefined;
  try {
    database = await openDatabase(target, { migrate: true });
    blobStore = await FilesystemBlobStore.open(join(dir, 'blobs'));
    const deps: VersioningDeps = { database, blobStore, now: () => new Date() };
    await body({ label, kind, database, deps });
  } finally {
    await blobStore?.close();
    await database?.close();
    await cleanup();
    await rm(dir, { recursive: true, force: true });
  }
}
