// Test support: each test file gets its own database (PGlite in memory, or a fresh database on
// DATABASE_URL's server), its own blob store in a temporary directory, and a clock that moves
// one millisecond per reading, so commit order is never a tie.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FilesystemBlobStore } from '@strata/modules/blob';
import type { Database } from '@strata/models';
import { openTestDatabase } from '@strata/models/testing';
import type { VersioningDeps } from '../versioning/versioning-deps.js';

export interface VersioningFixture {
  database: Database;
  deps: VersioningDeps;
  /** A temporary directory of the test file's own (the blob store is in `blobs/` under it). */
  dir: string;
}

/** Registers the hooks that set up and tear down a test file's fixture, filled in before the tests run. */
export function useVersioningFixture(
  name: string,
  options: { onQuery?: (message: string) => void } = {},
): VersioningFixture {
  const fixture = {} as VersioningFixture;
  let drop: () => Promise<void> = async () => undefined;
  beforeAll(async () => {
    const database = await openTestDatabase(options);
    drop = () => database.drop();
    const dir = await mkdtemp(join(tmpdir(), `strata-${name}-`));
    let tick = 0;
    const start = Date.UTC(2026, 10, 23, 2, 0, 0);
    Object.assign(fixture, {
      database,
      dir,
      deps: {
        database,
        blobStore: await FilesystemBlobStore.open(join(dir, 'blobs')),
        now: () => new Date(start + tick++),
      },
    });
  });
  afterAll(async () => {
    // Undefined if beforeAll failed before filling it in.
    await (fixture.deps as VersioningDeps | undefined)?.blobStore.close();
    await drop();
    if (fixture.dir !== undefined) await rm(fixture.dir, { recursive: true, force: true });
  });
  return fixture;
}
