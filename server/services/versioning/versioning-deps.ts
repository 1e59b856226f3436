import type { BlobStore } from '@strata/modules/blob';
import type { Database, JobQueue } from '@strata/models';

/** What the versioning use cases need: the database, the blob store, and a clock (tests fix it). */
export interface VersioningDeps {
  database: Database;
  blobStore: BlobStore;
  now: () => Date;
  /** The job system, where the process runs one (a manual webhook redelivery enqueues through it). */
  jobs?: JobQueue;
}

/** Who made a change, as recorded in commits. */
export interface Author {
  name: string;
  email: string;
}
