import {
  boolean,
  byteSize,
  corsOrigins,
  httpUrl,
  integer,
  oneOf,
  person,
  postgresUrl,
  text,
  type Parser,
} from './parsers.js';

export interface Setting<T> {
  /** The environment variable; it wins over the config file. */
  env: string;
  /** The key in the JSON config file named by STRATA_CONFIG. */
  key: string;
  description: string;
  /** Shown in the README; `undefined` means unset unless given. */
  defaultText: string;
  parse: Parser<T>;
}

function setting<T>(env: string, key: string, parse: Parser<T>, defaultText: string, description: string): Setting<T> {
  return { env, key, parse, defaultText, description };
}

/** Every setting Strata reads. The README's configuration table lists exactly these. */
export const settings = {
  host: setting('HOST', 'host', text, '127.0.0.1', 'Address the HTTP server listens on.'),
  port: setting('PORT', 'port', integer(0, 65535), '8080', 'TCP port of the HTTP server (0 picks a free one).'),
  dataDir: setting(
    'DATA_DIR',
    'dataDir',
    text,
    './data',
    'Directory of the embedded database and the filesystem blob store.',
  ),
  databaseUrl: setting(
    'DATABASE_URL',
    'databaseUrl',
    postgresUrl,
    '(unset: PGlite in DATA_DIR/pg)',
    'PostgreSQL server to use instead of the embedded PGlite.',
  ),
  blobStore: setting(
    'BLOB_STORE',
    'blobStore',
    text,
    '(unset: DATA_DIR/blobs)',
    'Where blobs live: a directory path, file:///path, or s3://bucket/prefix.',
  ),
  s3Endpoint: setting('S3_ENDPOINT', 's3Endpoint', text, '(AWS)', 'S3-compatible endpoint URL (MinIO, Ceph RGW, …).'),
  s3Region: setting('S3_REGION', 's3Region', text, 'us-east-1', 'S3 region.'),
  s3AccessKeyId: setting('S3_ACCESS_KEY_ID', 's3AccessKeyId', text, '(SDK default chain)', 'S3 access key id.'),
  s3SecretAccessKey: setting(
    'S3_SECRET_ACCESS_KEY',
    's3SecretAccessKey',
    text,
    '(SDK default chain)',
    'S3 secret key.',
  ),
  s3ForcePathStyle: setting(
    'S3_FORCE_PATH_STYLE',
    's3ForcePathStyle',
    boolean,
    'true when S3_ENDPOINT is set',
    'Path-style bucket addressing.',
  ),
  logLevel: setting(
    'LOG_LEVEL',
    'logLevel',
    oneOf('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'),
    'info',
    'Level of the JSON logs on standard output.',
  ),
  corsOrigins: setting(
    'CORS_ORIGINS',
    'corsOrigins',
    corsOrigins,
    '*',
    "Origins allowed by CORS: '*', 'off', or a comma-separated list.",
  ),
  bodyLimit: setting(
    'BODY_LIMIT',
    'bodyLimit',
    byteSize,
    '1MiB',
    'Largest JSON request body (uploads stream and have their own limits).',
  ),
  dicomwebDataset: setting(
    'DICOMWEB_DATASET',
    'dicomwebDataset',
    text,
    '(unset: no alias)',
    'Dataset (owner/name) whose default branch the bare /dicomweb base serves, for PACS that take one URL.',
  ),
  stowBodyLimit: setting(
    'STOW_BODY_LIMIT',
    'stowBodyLimit',
    byteSize,
    '4GiB',
    'Largest STOW-RS request body; it streams to disk part by part, never into memory.',
  ),
  qidoMaxLimit: setting(
    'QIDO_MAX_LIMIT',
    'qidoMaxLimit',
    integer(1, 100_000),
    '1000',
    'Most results one QIDO-RS response holds; a larger limit is cut to it (with a Warning header).',
  ),
  qidoDefaultLimit: setting(
    'QIDO_DEFAULT_LIMIT',
    'qidoDefaultLimit',
    integer(1, 100_000),
    '1000',
    'Results of a QIDO-RS query that gives no limit.',
  ),
  auditReads: setting(
    'AUDIT_READS',
    'auditReads',
    boolean,
    'true',
    'Record every DICOMweb read of data in the audit log (one data.read event per reader, dataset and commit every few seconds).',
  ),
  jobsConsume: setting(
    'JOBS_CONSUME',
    'jobsConsume',
    boolean,
    'true',
    'Run the job consumers (webhook dispatch and delivery) inside `strata serve`; false leaves them to `strata worker` processes.',
  ),
  jobsPollInterval: setting(
    'JOBS_POLL_INTERVAL',
    'jobsPollInterval',
    integer(1, 300),
    '2',
    'Seconds between an idle job consumer’s looks for work besides being woken when a job commits; also how soon a due retry starts.',
  ),
  webhookTimeout: setting(
    'WEBHOOK_TIMEOUT',
    'webhookTimeout',
    integer(1, 120),
    '10',
    'Seconds a webhook receiver has to answer a delivery before the attempt counts as failed.',
  ),
  webhookRetryLimit: setting(
    'WEBHOOK_RETRY_LIMIT',
    'webhookRetryLimit',
    integer(0, 50),
    '8',
    'Retries of a failed webhook delivery before it is dead-lettered (failed, retried by hand).',
  ),
  webhookRetryDelay: setting(
    'WEBHOOK_RETRY_DELAY',
    'webhookRetryDelay',
    integer(0, 3600),
    '10',
    'Seconds before the first retry of a webhook delivery, doubling (with jitter) for each next one up to an hour; 0 retries at once.',
  ),
  publicUrl: setting(
    'PUBLIC_URL',
    'publicUrl',
    httpUrl,
    '(unset)',
    'The URL browsers reach Strata at (behind a proxy: the proxy’s), e.g. https://strata.example.org; needed for OIDC.',
  ),
  oidcIssuer: setting(
    'OIDC_ISSUER',
    'oidcIssuer',
    httpUrl,
    '(unset: no OIDC sign-in)',
    'OpenID provider to sign users in with (its issuer URL, where /.well-known/openid-configuration is).',
  ),
  oidcClientId: setting('OIDC_CLIENT_ID', 'oidcClientId', text, '(unset)', 'Client id registered at the provider.'),
  oidcClientSecret: setting(
    'OIDC_CLIENT_SECRET',
    'oidcClientSecret',
    text,
    '(unset: public client)',
    'Client secret registered at the provider (sent as client_secret_basic).',
  ),
  oidcScopes: setting(
    'OIDC_SCOPES',
    'oidcScopes',
    text,
    'openid profile email',
    'Scopes asked for at sign-in (space-separated; must include openid).',
  ),
  oidcUsernameClaim: setting(
    'OIDC_USERNAME_CLAIM',
    'oidcUsernameClaim',
    text,
    'preferred_username',
    'ID token claim a new user’s login is made from (made valid and unique).',
  ),
  oidcAllowSignup: setting(
    'OIDC_ALLOW_SIGNUP',
    'oidcAllowSignup',
    boolean,
    'true',
    'Create a user at the first OIDC sign-in of an unknown identity (false: only identities already linked).',
  ),
  oidcAllowInsecure: setting(
    'OIDC_ALLOW_INSECURE',
    'oidcAllowInsecure',
    boolean,
    'false',
    'Allow an http:// OIDC_ISSUER: for development and tests only, never in production.',
  ),
  shutdownTimeout: setting(
    'SHUTDOWN_TIMEOUT',
    'shutdownTimeout',
    integer(1, 3600),
    '25',
    'Seconds to let in-flight requests finish after SIGTERM before closing connections.',
  ),
  author: setting(
    'AUTHOR',
    'author',
    person,
    'user <user@host> of the process',
    'Author of commits made by CLI commands (over HTTP, the signed-in user is), as Name <email>.',
  ),
  otel: setting(
    'OTEL_SDK_DISABLED',
    'otelSdkDisabled',
    boolean,
    'true unless an OTEL_*_EXPORTER or OTEL_EXPORTER_OTLP_ENDPOINT is set',
    'OpenTelemetry: the SDK reads the standard OTEL_* variables itself.',
  ),
} satisfies Record<string, Setting<unknown>>;

export type SettingName = keyof typeof settings;
