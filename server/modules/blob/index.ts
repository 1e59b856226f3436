export type {
  BlobBatch,
  BlobReader,
  BlobStat,
  BlobStore,
  StoredBlob,
  StoredPack,
  BlobWriter,
  ByteRange,
  PutOptions,
  PutResult,
} from './blob-store.js';
export { resolveRange } from './byte-range.js';
export { isDigest, parseDigest, sha256, type Digest } from './digest.js';
export { blobNotFound } from './blob-errors.js';
export { sha256Shared, sharedBuffer } from './shared-sha256.js';
export { FilesystemBlobStore } from './filesystem-store.js';
export { S3BlobStore } from './s3-store.js';
export { parseS3Url, type S3BlobStoreConfig } from './s3-location.js';
