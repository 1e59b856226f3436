import type { BlobStore } from '@strata/modules/blob';
import type { Database } from '@strata/models';

/** What the versioning use cases need: the database, the blob store, and a clock (tests fix it). */
export interface VersioningDeps {
  database: Database;
  blobStore: BlobStore;
  now: () => Date;
}

/** Who made a change, as recorded in commits. */
export interface Author {
  name: string;
  email: string;
}
