import { StrataError } from '../errors/index.js';

/** Where an S3 blob store lives and how to reach it. */
export interface S3BlobStoreConfig {
  bucket: string;
  /** Prepended to every key, e.g. `strata/`; a missing trailing slash is added. */
  prefix?: string;
  /** An S3-compatible server (MinIO, Ceph RGW, …); AWS S3 when absent. */
  endpoint?: string;
  region: string;
  /** Both or neither; when neither, the SDK's default chain (environment, profile, instance role). */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** `bucket` in the path rather than the host name; defaults to true when `endpoint` is set. */
  forcePathStyle?: boolean;
}

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Parses `s3://bucket/prefix` (as in BLOB_STORE) into a bucket and a key prefix. */
export function parseS3Url(url: string): { bucket: string; prefix: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalidUrl(url, 'it is not a URL');
  }
  if (parsed.protocol !== 's3:') throw invalidUrl(url, 'it does not start with s3://');
  if (parsed.username !== '' || parsed.password !== '') {
    // Said without echoing the URL: it holds a secret.
    throw new StrataError(
      'blob.invalid_s3_url',
      'invalid',
      'The S3 URL must not contain credentials: set S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY (or use the AWS SDK default chain) instead.',
    );
  }
  if (parsed.search !== '' || parsed.hash !== '' || parsed.port !== '') {
    throw invalidUrl(url, 'only s3://bucket/prefix is understood (no port, query or fragment)');
  }
  if (!BUCKET.test(parsed.hostname)) {
    throw invalidUrl(
      url,
      `'${parsed.hostname}' is not a valid bucket name (3–63 lowercase letters, digits, dots, hyphens)`,
    );
  }
  return { bucket: parsed.hostname, prefix: normalizePrefix(decodeURIComponent(parsed.pathname)) };
}

/** `a/b` and `/a/b/` become `a/b/`; an empty prefix stays empty. */
export function normalizePrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? '').replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '' : `${trimmed}/`;
}

/** `s3://bucket/prefix`, plus where the server is, safe to log. */
export function describeLocation(config: S3BlobStoreConfig): string {
  return `s3://${config.bucket}/${normalizePrefix(config.prefix)} ${describeServer(config)}`;
}

/** `at <endpoint>` without any user info in it, or `in AWS region <region>`. */
export function describeServer(config: S3BlobStoreConfig): string {
  if (config.endpoint === undefined) return `in AWS region ${config.region}`;
  try {
    const parsed = new URL(config.endpoint);
    parsed.username = '';
    parsed.password = '';
    return `at ${parsed.href.replace(/\/$/, '')}`;
  } catch {
    return 'at an endpoint that is not a URL';
  }
}

function invalidUrl(url: string, why: string): StrataError {
  return new StrataError('blob.invalid_s3_url', 'invalid', `Invalid S3 URL '${url.slice(0, 200)}': ${why}.`);
}
