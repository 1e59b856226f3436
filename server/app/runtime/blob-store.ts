import { FilesystemBlobStore, type BlobStore } from '@strata/modules/blob';
import type { BlobStoreConfig } from '../config/index.js';

/** Opens the configured blob store and checks that it can be written. */
export async function openBlobStore(config: BlobStoreConfig): Promise<BlobStore> {
  switch (config.kind) {
    case 'file':
      return FilesystemBlobStore.open(config.root);
    case 's3':
      throw new Error('unreachable until the S3 driver lands');
  }
}
