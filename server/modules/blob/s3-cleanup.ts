import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  ListMultipartUploadsCommand,
  paginateListObjectsV2,
  type S3Client,
} from '@aws-sdk/client-s3';

/** Temporary objects and uploads older than this are leftovers of a crashed put. */
export const STALE_TEMP_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes the objects and aborts the multipart uploads under `tmpPrefix` that began before
 * `cutoff`: what puts interrupted by a crash or a lost connection left behind.
 */
export async function removeStaleTemps(
  client: S3Client,
  bucket: string,
  tmpPrefix: string,
  cutoff: Date,
): Promise<void> {
  for await (const page of paginateListObjectsV2({ client }, { Bucket: bucket, Prefix: tmpPrefix })) {
    for (const { Key, LastModified } of page.Contents ?? []) {
      if (Key !== undefined && LastModified !== undefined && LastModified < cutoff) {
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key }));
      }
    }
  }
  let markers: { KeyMarker?: string; UploadIdMarker?: string } = {};
  for (;;) {
    const page = await client.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: tmpPrefix, ...markers }));
    for (const { Key, UploadId, Initiated } of page.Uploads ?? []) {
      if (Key !== undefined && UploadId !== undefined && Initiated !== undefined && Initiated < cutoff) {
        await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key, UploadId }));
      }
    }
    if (page.IsTruncated !== true) return;
    markers = { KeyMarker: page.NextKeyMarker, UploadIdMarker: page.NextUploadIdMarker };
  }
}
