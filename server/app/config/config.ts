import type { DatabaseTarget } from '@strata/models';
import type { OidcSettings } from '@strata/services/access';

export type BlobStoreConfig =
  | { kind: 'file'; root: string }
  | {
      kind: 's3';
      url: string;
      endpoint?: string;
      region: string;
      forcePathStyle: boolean;
      accessKeyId?: string;
      secretAccessKey?: string;
    };

/** The whole, validated configuration of a Strata process. */
export interface Config {
  host: string;
  port: number;
  /** Absolute path. */
  dataDir: string;
  database: DatabaseTarget;
  blobStore: BlobStoreConfig;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  corsOrigins: '*' | false | string[];
  bodyLimit: number;
  /** DICOMweb: the dataset the bare `/dicomweb` base serves, and QIDO-RS paging. */
  dicomweb: {
    aliasDataset: string | undefined;
    qidoMaxLimit: number;
    qidoDefaultLimit: number;
    stowBodyLimit: number;
  };
  /** The URL browsers reach Strata at (PUBLIC_URL), if configured. */
  publicUrl: URL | undefined;
  /** OIDC sign-in, when OIDC_ISSUER is set. */
  oidc: OidcSettings | undefined;
  /** Record DICOMweb reads of data in the audit log. */
  auditReads: boolean;
  /** The job system: run its consumers in `serve`, and how often idle ones poll. */
  jobs: { consume: boolean; pollSeconds: number };
  /** Webhook deliveries: the receiver's time to answer, and retries before the dead letter. */
  webhooks: { timeoutMs: number; retryLimit: number; retryDelaySeconds: number };
  shutdownTimeoutMs: number;
  /** Start the OpenTelemetry SDK (its exporters are configured by the standard OTEL_* variables). */
  telemetry: boolean;
  version: string;
  /** Author of commits made from the command line. */
  author: { name: string; email: string };
}
