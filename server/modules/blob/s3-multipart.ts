import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  UploadPartCommand,
  UploadPartCopyCommand,
  type CompletedPart,
  type S3Client,
} from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { StrataError } from '../errors/index.js';

/** S3 refuses more parts than this in one upload. */
const MAX_PARTS = 10_000;

/**
 * One multipart upload. Parts go up one at a time with at most one in flight while the caller
 * prepares the next, which keeps memory at two parts whatever the object's size.
 */
export class MultipartUpload {
  private readonly parts: CompletedPart[] = [];
  private inFlight: Promise<void> | undefined;

  private constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly key: string,
    private readonly uploadId: string,
  ) {}

  /** Starts an upload to `key`. */
  static async start(client: S3Client, bucket: string, key: string): Promise<MultipartUpload> {
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
    if (UploadId === undefined) throw new Error(`The S3 server returned no upload id for ${key}.`);
    return new MultipartUpload(client, bucket, key, UploadId);
  }

  /** Sends `body` as the next part, with its Content-MD5; returns once the previous part is stored. */
  async uploadPart(body: Buffer): Promise<void> {
    await this.inFlight;
    const PartNumber = this.nextPartNumber();
    const sending = this.client
      .send(new UploadPartCommand({ ...this.target(), PartNumber, Body: body, ContentMD5: md5(body) }))
      .then(({ ETag }) => void this.parts.push({ PartNumber, ETag }));
    // Awaited by the next call, complete() or abort(); until then a failure must not count as unhandled.
    sending.catch(() => {});
    this.inFlight = sending;
  }

  /** Copies bytes `range` (`bytes=a-b`) of the object at `source` (`bucket/key`, encoded) as the next part. */
  async copyPart(source: string, range: string): Promise<void> {
    await this.inFlight;
    const PartNumber = this.nextPartNumber();
    const { CopyPartResult } = await this.client.send(
      new UploadPartCopyCommand({ ...this.target(), PartNumber, CopySource: source, CopySourceRange: range }),
    );
    this.parts.push({ PartNumber, ETag: CopyPartResult?.ETag });
  }

  /** Assembles the parts into the object; `ifNoneMatch: '*'` asks the server not to replace one. */
  async complete(options: { ifNoneMatch?: string } = {}): Promise<void> {
    await this.inFlight;
    await this.client.send(
      new CompleteMultipartUploadCommand({
        ...this.target(),
        IfNoneMatch: options.ifNoneMatch,
        MultipartUpload: { Parts: this.parts },
      }),
    );
  }

  /** Discards the parts. Best effort: a failure here must not hide the error that led to it. */
  async abort(): Promise<void> {
    await this.inFlight?.catch(() => {});
    await this.client.send(new AbortMultipartUploadCommand(this.target())).catch(() => {});
  }

  private target() {
    return { Bucket: this.bucket, Key: this.key, UploadId: this.uploadId };
  }

  private nextPartNumber(): number {
    const next = this.parts.length + 1;
    if (next > MAX_PARTS) {
      throw new StrataError(
        'blob.too_large',
        'too_large',
        `The blob is larger than the S3 store can take: S3 allows at most ${MAX_PARTS} parts in an upload.`,
      );
    }
    return next;
  }
}

/** Base64 MD5, as the Content-MD5 header wants it. */
export function md5(body: Uint8Array): string {
  return createHash('md5').update(body).digest('base64');
}
