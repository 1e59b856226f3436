import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  paginateListObjectsV2,
} from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { StrataError } from '../errors/index.js';
import type {
  BlobBatch,
  BlobReader,
  BlobStat,
  BlobStore,
  ByteRange,
  PutOptions,
  PutResult,
  StoredBlob,
  StoredPack,
} from './blob-store.js';
import { resolveRange } from './byte-range.js';
import { isDigest, type Digest } from './digest.js';
import { blobNotFound, digestMismatch, ofDeclaredSize } from './blob-errors.js';
import { removeStaleTemps, STALE_TEMP_MS } from './s3-cleanup.js';
import { copyIfAbsent, copyObject, exists, touchObject } from './s3-copy.js';
import { describeS3Error, isMissingKey, s3Status } from './s3-errors.js';
import { describeLocation, describeServer, normalizePrefix, type S3BlobStoreConfig } from './s3-location.js';
import { md5 } from './s3-multipart.js';
import { s3Reader } from './s3-reader.js';
import { uploadStream } from './s3-upload.js';

/**
 * Blobs as objects at `<prefix>objects/ab/cd/<digest>` in an S3 bucket. A put streams to a
 * temporary key (its digest is only known at the end), then copies it to its digest key and
 * deletes the temporary one, so an object under a digest key is always complete. gc's trash is
 * `<prefix>trash/ab/cd/<digest>`.
 */
export class S3BlobStore implements BlobStore {
  readonly kind = 's3';
  readonly location: string;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  private constructor(private readonly config: S3BlobStoreConfig) {
    this.location = describeLocation(config);
    this.bucket = config.bucket;
    this.prefix = normalizePrefix(config.prefix);
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.forcePathStyle ?? config.endpoint !== undefined,
      credentials: staticCredentials(config),
      // Servers without flexible checksums (Ceph RGW 16 and others) refuse the SDK's default
      // aws-chunked uploads; integrity in transit comes from Content-MD5 instead.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: { connectionTimeout: 10_000 },
    });
  }

  /** Opens a store in an existing bucket; fails with `blob.unavailable` if it cannot be written. */
  static async open(config: S3BlobStoreConfig): Promise<S3BlobStore> {
    const store = new S3BlobStore(config);
    await store.checkWritable();
    await removeStaleTemps(store.client, store.bucket, store.tmpPrefix, new Date(Date.now() - STALE_TEMP_MS));
    return store;
  }

  async put(data: AsyncIterable<Uint8Array> | Uint8Array, options: PutOptions = {}): Promise<PutResult> {
    const tempKey = `${this.tmpPrefix}${randomUUID()}`;
    try {
      const { digest, size } = await uploadStream(
        this.client,
        this.bucket,
        tempKey,
        ofDeclaredSize(data, options.size),
      );
      if (options.expectedDigest !== undefined && options.expectedDigest !== digest) {
        throw digestMismatch(digest, options.expectedDigest);
      }
      const key = this.keyOf(digest);
      // The touch is the existence check: a blob gc took away since is copied again from the
      // temporary key, which is only deleted once the stored blob is known to be there.
      if (await touchObject(this.client, this.bucket, key, size)) return { digest, size, created: false };
      const created = await copyIfAbsent(this.client, this.bucket, tempKey, key, size);
      return { digest, size, created };
    } finally {
      // Best effort: a leftover is removed at a later open, and must not turn a stored blob into
      // a failed put.
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: tempKey })).catch(() => {});
    }
  }

  /** S3 acknowledges a PUT (and so the copy to the digest key) once it is durable: sync only waits for the puts. */
  batch(): BlobBatch {
    const running = new Set<Promise<unknown>>();
    let closed = false;
    return {
      put: (data, options) => {
        if (closed) return Promise.reject(new Error('This blob batch is closed.'));
        const put = this.put(data, options);
        running.add(put);
        const forget = () => running.delete(put);
        put.then(forget, forget);
        return put;
      },
      sync: async () => {
        while (running.size > 0) await Promise.allSettled([...running]);
      },
      // Every put is already stored on its own: nothing to discard.
      close: async () => {
        closed = true;
        while (running.size > 0) await Promise.allSettled([...running]);
      },
    };
  }

  /** Packs are the filesystem store's: every S3 blob is an object of its own. */
  async *listPacks(): AsyncIterable<StoredPack> {}

  async rewritePack(): Promise<boolean> {
    return false;
  }

  async *listTrashedPacks(): AsyncIterable<StoredPack> {}

  async restorePack(): Promise<boolean> {
    return false;
  }

  async deleteTrashedPack(): Promise<boolean> {
    return false;
  }

  damagedPacks(): readonly { id: Digest; reason: string }[] {
    return [];
  }

  async close(): Promise<void> {
    this.client.destroy();
  }

  async get(digest: Digest, range?: ByteRange): Promise<Readable> {
    // S3 ignores a malformed Range header and sends the whole object, so bad ranges are refused
    // here; no blob is near Number.MAX_SAFE_INTEGER bytes, so only the form is checked.
    if (range !== undefined) resolveRange(range, Number.MAX_SAFE_INTEGER);
    try {
      const { Body } = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.keyOf(digest), Range: rangeHeader(range) }),
      );
      if (!(Body instanceof Readable)) throw new Error(`The S3 client returned no Node.js stream for ${digest}.`);
      return Body;
    } catch (error) {
      if (isMissingKey(error)) throw blobNotFound(digest);
      if (s3Status(error) === 416 && range !== undefined) throw await this.rangeError(digest, range);
      throw error;
    }
  }

  async open(digest: Digest): Promise<BlobReader> {
    try {
      const { Body, ContentLength } = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.keyOf(digest) }),
      );
      if (!(Body instanceof Readable)) throw new Error(`The S3 client returned no Node.js stream for ${digest}.`);
      return s3Reader(ContentLength ?? 0, Body, (start) => this.get(digest, { start }));
    } catch (error) {
      if (isMissingKey(error)) throw blobNotFound(digest);
      throw error;
    }
  }

  async stat(digest: Digest): Promise<BlobStat | undefined> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.keyOf(digest) }));
      return { size: head.ContentLength ?? 0 };
    } catch (error) {
      if (isMissingKey(error)) return undefined;
      throw error;
    }
  }

  async delete(digest: Digest): Promise<boolean> {
    const key = this.keyOf(digest);
    // DeleteObject succeeds whether or not the key existed, so ask first.
    if (!(await exists(this.client, this.bucket, key))) return false;
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    return true;
  }

  async *list(): AsyncIterable<Digest> {
    for await (const blob of this.listArea('objects')) yield blob.digest;
  }

  listStored(): AsyncIterable<StoredBlob> {
    return this.listArea('objects');
  }

  /**
   * S3 has no rename: the blob is copied to the trash, then deleted. Its LastModified is read
   * between the two, after the copy, so a put that refreshed it before then shows; a refresh in
   * the instant between that read and the delete is the one S3 cannot order (no conditional
   * delete), and gc's next run restores a trashed blob that a file has come to refer to.
   */
  async trash(digest: Digest): Promise<Date | undefined> {
    const key = this.keyOf(digest);
    const before = await this.head(key);
    if (before === undefined) return undefined;
    try {
      await copyObject(this.client, this.bucket, key, this.keyOf(digest, 'trash'), before.size);
    } catch (error) {
      if (isMissingKey(error)) return undefined;
      throw error;
    }
    const now = await this.head(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    return (now ?? before).modifiedAt;
  }

  async restore(digest: Digest): Promise<boolean> {
    const trashed = this.keyOf(digest, 'trash');
    const found = await this.head(trashed);
    if (found === undefined) return false;
    // Not over a copy a put has written again meanwhile: the bytes are the same.
    await copyIfAbsent(this.client, this.bucket, trashed, this.keyOf(digest), found.size);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: trashed }));
    return true;
  }

  listTrash(): AsyncIterable<StoredBlob> {
    return this.listArea('trash');
  }

  async deleteTrashed(digest: Digest): Promise<boolean> {
    const key = this.keyOf(digest, 'trash');
    if (!(await exists(this.client, this.bucket, key))) return false;
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    return true;
  }

  /** The well-placed blobs under `objects/` or `trash/`, a page (up to 1,000) at a time. */
  private async *listArea(area: 'objects' | 'trash'): AsyncIterable<StoredBlob> {
    const prefix = `${this.prefix}${area}/`;
    for await (const page of paginateListObjectsV2({ client: this.client }, { Bucket: this.bucket, Prefix: prefix })) {
      for (const { Key, Size, LastModified } of page.Contents ?? []) {
        const name = Key?.slice(Key.lastIndexOf('/') + 1) ?? '';
        if (isDigest(name) && Key === this.keyOf(name, area) && LastModified !== undefined) {
          yield { digest: name, size: Size ?? 0, modifiedAt: LastModified };
        }
      }
    }
  }

  private async head(key: string): Promise<{ size: number; modifiedAt: Date } | undefined> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: head.ContentLength ?? 0, modifiedAt: head.LastModified ?? new Date() };
    } catch (error) {
      if (isMissingKey(error)) return undefined;
      throw error;
    }
  }

  async checkWritable(): Promise<void> {
    const probe = `${this.tmpPrefix}.probe-${randomUUID()}`;
    const body = Buffer.from('strata write probe\n');
    try {
      await this.client.send(
        new PutObjectCommand({ Bucket: this.bucket, Key: probe, Body: body, ContentMD5: md5(body) }),
      );
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: probe }));
    } catch (error) {
      throw new StrataError(
        'blob.unavailable',
        'unavailable',
        `The S3 bucket '${this.bucket}' ${describeServer(this.config)} is not writable (${describeS3Error(error)}): ` +
          'check that the endpoint is reachable, the bucket exists and the credentials may write to it, or point BLOB_STORE elsewhere.',
        { cause: error },
      );
    }
  }

  private get tmpPrefix(): string {
    return `${this.prefix}tmp/`;
  }

  private keyOf(digest: Digest, area: 'objects' | 'trash' = 'objects'): string {
    return `${this.prefix}${area}/${digest.slice(0, 2)}/${digest.slice(2, 4)}/${digest}`;
  }

  /** The error for a range the server refused: not satisfiable against the blob's size, or not found. */
  private async rangeError(digest: Digest, range: ByteRange): Promise<unknown> {
    const found = await this.stat(digest);
    if (found === undefined) return blobNotFound(digest);
    try {
      resolveRange(range, found.size);
    } catch (error) {
      return error;
    }
    return new StrataError(
      'blob.range_not_satisfiable',
      'range_not_satisfiable',
      `The S3 server refused byte range ${rangeHeader(range)}.`,
    );
  }
}

function rangeHeader(range: ByteRange | undefined): string | undefined {
  return range === undefined ? undefined : `bytes=${range.start}-${range.end ?? ''}`;
}

function staticCredentials(config: S3BlobStoreConfig): { accessKeyId: string; secretAccessKey: string } | undefined {
  const { accessKeyId, secretAccessKey } = config;
  if (accessKeyId === undefined && secretAccessKey === undefined) return undefined;
  if (accessKeyId === undefined || secretAccessKey === undefined) {
    throw new StrataError(
      'blob.invalid_config',
      'invalid',
      'Give both accessKeyId and secretAccessKey for S3, or neither.',
    );
  }
  return { accessKeyId, secretAccessKey };
}
