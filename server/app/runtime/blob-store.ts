import { FilesystemBlobStore, S3BlobStore, parseS3Url, type BlobStore } from '@strata/modules/blob';
import type { BlobStoreConfig } from '../config/index.js';

/** Opens the configured blob store and checks that it can be written. */
export async function openBlobStore(config: BlobStoreConfig): Promise<BlobStore> {
  switch (config.kind) {
    case 'file':
      return FilesystemBlobStore.open(config.root);
    case 's3': {
      const { url, kind: _kind, ...connection } = config;
      return S3BlobStore.open({ ...parseS3Url(url), ...connection });
    }
  }
}
