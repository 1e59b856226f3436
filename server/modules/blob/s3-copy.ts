import { CopyObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { isMissingKey, s3Status } from './s3-errors.js';
import { MultipartUpload } from './s3-multipart.js';

export interface CopyLimits {
  /** The largest object one CopyObject may copy (S3: 5 GiB). */
  maxSingleCopy: number;
  /** Bytes per UploadPartCopy part beyond that. */
  partSize: number;
}

const S3_COPY_LIMITS: CopyLimits = { maxSingleCopy: 5 * 1024 ** 3, partSize: 1024 ** 3 };

/**
 * Copies `from` to `to` within `bucket` unless `to` already exists; true if it copied.
 *
 * Only safe for content-addressed keys, where whatever is at `to` is the same bytes: checking
 * first and copying after can race with another put of the same bytes, and then both copy the
 * same content. The copy also says `If-None-Match: *` to close that race on servers that honour
 * it, but Ceph RGW 16 ignores it on CopyObject and CompleteMultipartUpload (it overwrites), so
 * the check comes first.
 */
export async function copyIfAbsent(
  client: S3Client,
  bucket: string,
  from: string,
  to: string,
  size: number,
  limits: CopyLimits = S3_COPY_LIMITS,
): Promise<boolean> {
  if (await exists(client, bucket, to)) return false;
  try {
    await copyObject(client, bucket, from, to, size, { ifNoneMatch: '*', limits });
    return true;
  } catch (error) {
    if (s3Status(error) === 412) return false;
    throw error;
  }
}

/**
 * Refreshes the LastModified of the object at `key` (of `size` bytes) by copying it onto itself;
 * false if there is no such object.
 */
export async function touchObject(
  client: S3Client,
  bucket: string,
  key: string,
  size: number,
  limits: CopyLimits = S3_COPY_LIMITS,
): Promise<boolean> {
  try {
    // S3 refuses a copy onto itself that changes nothing: REPLACE (with the same, empty, metadata) is the change.
    await copyObject(client, bucket, key, key, size, { metadataDirective: 'REPLACE', limits });
    return true;
  } catch (error) {
    if (isMissingKey(error)) return false;
    throw error;
  }
}

interface CopyOptions {
  ifNoneMatch?: string;
  metadataDirective?: 'REPLACE';
  limits?: CopyLimits;
}

/** Copies `from` to `to` within `bucket`, in one request or, past the single-copy limit, in parts. */
export async function copyObject(
  client: S3Client,
  bucket: string,
  from: string,
  to: string,
  size: number,
  options: CopyOptions = {},
): Promise<void> {
  const limits = options.limits ?? S3_COPY_LIMITS;
  const source = `${bucket}/${encodeKey(from)}`;
  if (size <= limits.maxSingleCopy) {
    await client.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: to,
        CopySource: source,
        IfNoneMatch: options.ifNoneMatch,
        MetadataDirective: options.metadataDirective,
      }),
    );
  } else {
    await copyInParts(client, bucket, source, to, size, limits.partSize, options.ifNoneMatch);
  }
}

async function copyInParts(
  client: S3Client,
  bucket: string,
  source: string,
  to: string,
  size: number,
  partSize: number,
  ifNoneMatch: string | undefined,
) {
  const upload = await MultipartUpload.start(client, bucket, to);
  try {
    for (let start = 0; start < size; start += partSize) {
      await upload.copyPart(source, `bytes=${start}-${Math.min(start + partSize, size) - 1}`);
    }
    await upload.complete({ ifNoneMatch });
  } catch (error) {
    await upload.abort();
    throw error;
  }
}

/** Whether an object is at `key`. */
export async function exists(client: S3Client, bucket: string, key: string): Promise<boolean> {
  try {
    await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (error) {
    if (isMissingKey(error)) return false;
    throw error;
  }
}

/** A key as the `x-amz-copy-source` header wants it: each segment URL-encoded, slashes kept. */
function encodeKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}
