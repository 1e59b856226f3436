export type { BlobStat, BlobStore, ByteRange, PutOptions, PutResult } from './blob-store.js';
export { resolveRange } from './byte-range.js';
export { isDigest, parseDigest, sha256, type Digest } from './digest.js';
export { FilesystemBlobStore, blobNotFound } from './filesystem-store.js';
