import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import type { Digest } from './digest.js';
import { md5, MultipartUpload } from './s3-multipart.js';

/** Bytes per multipart part: S3's minimum is 5 MiB; two parts are held in memory per put. */
export const PART_SIZE = 8 * 1024 * 1024;

/**
 * Streams `data` to `key` and returns the SHA-256 of what was sent. A body that fits in one part
 * goes up as a single PutObject; anything longer as a multipart upload, started once the first
 * part is full, so no more than two parts are ever buffered. On any failure, the source's
 * included, the multipart upload is aborted and the error rethrown.
 */
export async function uploadStream(
  client: S3Client,
  bucket: string,
  key: string,
  data: AsyncIterable<Uint8Array> | Uint8Array,
): Promise<{ digest: Digest; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  let part = Buffer.allocUnsafe(PART_SIZE);
  let filled = 0;
  let multipart: MultipartUpload | undefined;
  try {
    for await (const chunk of data instanceof Uint8Array ? [data] : data) {
      hash.update(chunk);
      size += chunk.byteLength;
      for (let offset = 0; offset < chunk.byteLength;) {
        const taken = Math.min(PART_SIZE - filled, chunk.byteLength - offset);
        part.set(chunk.subarray(offset, offset + taken), filled);
        filled += taken;
        offset += taken;
        if (filled === PART_SIZE) {
          multipart ??= await MultipartUpload.start(client, bucket, key);
          await multipart.uploadPart(part);
          // A fresh buffer: the one just handed over is still being sent.
          part = Buffer.allocUnsafe(PART_SIZE);
          filled = 0;
        }
      }
    }
    const last = part.subarray(0, filled);
    if (multipart === undefined) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: last, ContentMD5: md5(last) }));
    } else {
      if (filled > 0) await multipart.uploadPart(last);
      await multipart.complete();
    }
  } catch (error) {
    await multipart?.abort();
    throw error;
  }
  return { digest: hash.digest('hex') as Digest, size };
}
