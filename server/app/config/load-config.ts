import { readFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseS3Url } from '@strata/modules/blob';
import { StrataError } from '@strata/modules/errors';
import type { OidcSettings } from '@strata/services/access';
import type { BlobStoreConfig, Config } from './config.js';
import { settings, type Setting, type SettingName } from './settings.js';

type Values = { [K in SettingName]: (typeof settings)[K] extends Setting<infer T> ? T | undefined : never };

export interface LoadConfigOptions {
  /** The working directory relative paths resolve against. */
  cwd?: string;
  version?: string;
}

/**
 * Reads the configuration from the environment and the optional JSON file named by
 * STRATA_CONFIG (the environment wins), and validates every value. A bad value fails with one
 * line naming the variable, what it expected and what it got.
 */
export function loadConfig(env: NodeJS.ProcessEnv, options: LoadConfigOptions = {}): Config {
  const cwd = options.cwd ?? process.cwd();
  const file = readConfigFile(env['STRATA_CONFIG'], cwd);
  const values = {} as Record<SettingName, unknown>;
  const problems: string[] = [];
  for (const [name, setting] of Object.entries(settings) as [SettingName, Setting<unknown>][]) {
    const fromEnv = env[setting.env];
    const raw = fromEnv !== undefined && fromEnv !== '' ? fromEnv : file[setting.key];
    if (raw === undefined) continue;
    const parsed = setting.parse(raw);
    if (parsed.ok) values[name] = parsed.value;
    else {
      const source =
        fromEnv !== undefined && fromEnv !== '' ? setting.env : `"${setting.key}" in ${env['STRATA_CONFIG']}`;
      problems.push(`${source} must be ${parsed.expected}, got ${JSON.stringify(raw)}`);
    }
  }
  const unknown = Object.keys(file).filter((key) => !Object.values(settings).some((setting) => setting.key === key));
  if (unknown.length > 0) problems.push(`unknown key(s) ${unknown.join(', ')} in ${env['STRATA_CONFIG']}`);
  if (problems.length > 0) {
    throw new StrataError('config.invalid', 'invalid', `Invalid configuration: ${problems.join('; ')}.`);
  }
  return build(values as Values, env, cwd, options.version ?? '0.0.0');
}

function build(values: Values, env: NodeJS.ProcessEnv, cwd: string, version: string): Config {
  const dataDir = resolve(cwd, values.dataDir ?? './data');
  const hasExporter = Object.keys(env).some(
    (name) => /^OTEL_(TRACES|METRICS|LOGS)_EXPORTER$/.test(name) || name === 'OTEL_EXPORTER_OTLP_ENDPOINT',
  );
  return {
    host: values.host ?? '127.0.0.1',
    port: values.port ?? 8080,
    dataDir,
    database:
      values.databaseUrl !== undefined
        ? { kind: 'postgresql', url: values.databaseUrl }
        : { kind: 'pglite', dataDir: resolve(dataDir, 'pg') },
    blobStore: blobStoreConfig(values, dataDir, cwd),
    logLevel: values.logLevel ?? 'info',
    corsOrigins: values.corsOrigins ?? '*',
    bodyLimit: values.bodyLimit ?? 2 ** 20,
    dicomweb: {
      aliasDataset: values.dicomwebDataset,
      qidoMaxLimit: values.qidoMaxLimit ?? 1000,
      qidoDefaultLimit: Math.min(values.qidoDefaultLimit ?? 1000, values.qidoMaxLimit ?? 1000),
      stowBodyLimit: values.stowBodyLimit ?? 4 * 1024 ** 3,
    },
    publicUrl: values.publicUrl,
    oidc: oidcSettings(values),
    auditReads: values.auditReads ?? true,
    jobs: { consume: values.jobsConsume ?? true, pollSeconds: values.jobsPollInterval ?? 2 },
    webhooks: {
      timeoutMs: (values.webhookTimeout ?? 10) * 1000,
      retryLimit: values.webhookRetryLimit ?? 8,
      retryDelaySeconds: values.webhookRetryDelay ?? 10,
    },
    shutdownTimeoutMs: (values.shutdownTimeout ?? 25) * 1000,
    telemetry: values.otel === undefined ? hasExporter : !values.otel,
    author: values.author ?? defaultAuthor(),
    version,
  };
}

/** The path of the OIDC callback, below PUBLIC_URL: the redirect URI to register at the provider. */
export const OIDC_CALLBACK_PATH = '/auth/oidc/callback';

function oidcSettings(values: Values): OidcSettings | undefined {
  const { oidcIssuer: issuer, oidcClientId: clientId, publicUrl } = values;
  const invalid = (problem: string) =>
    new StrataError('config.invalid', 'invalid', `Invalid configuration: ${problem}.`);
  if (issuer === undefined) {
    const stray = (['oidcClientId', 'oidcClientSecret', 'oidcScopes', 'oidcUsernameClaim'] as const).filter(
      (name) => values[name] !== undefined,
    );
    if (stray.length > 0) {
      throw invalid(`${stray.map((name) => settings[name].env).join(', ')} set without OIDC_ISSUER`);
    }
    return undefined;
  }
  if (clientId === undefined) throw invalid('OIDC_ISSUER needs OIDC_CLIENT_ID');
  if (publicUrl === undefined) throw invalid('OIDC_ISSUER needs PUBLIC_URL (the redirect URI is built from it)');
  const allowInsecure = values.oidcAllowInsecure ?? false;
  if (issuer.protocol === 'http:' && !allowInsecure) {
    throw invalid('OIDC_ISSUER must be https:// (set OIDC_ALLOW_INSECURE=true only for a development provider)');
  }
  const scopes = (values.oidcScopes ?? 'openid profile email').split(/\s+/).filter((scope) => scope !== '');
  if (!scopes.includes('openid')) throw invalid(`OIDC_SCOPES must include openid, got ${scopes.join(' ')}`);
  return {
    issuer,
    clientId,
    clientSecret: values.oidcClientSecret,
    scopes: scopes.join(' '),
    redirectUri: `${publicUrl.href.replace(/\/+$/, '')}${OIDC_CALLBACK_PATH}`,
    usernameClaim: values.oidcUsernameClaim ?? 'preferred_username',
    allowSignup: values.oidcAllowSignup ?? true,
    allowInsecure,
  };
}

function defaultAuthor(): { name: string; email: string } {
  const user = userInfo().username;
  return { name: user, email: `${user}@${hostname()}` };
}

function blobStoreConfig(values: Values, dataDir: string, cwd: string): BlobStoreConfig {
  const location = values.blobStore;
  if (location === undefined) return { kind: 'file', root: resolve(dataDir, 'blobs') };
  if (location.startsWith('s3://')) {
    parseS3Url(location); // fails now, naming the problem, rather than at the first put
    const endpoint = values.s3Endpoint;
    return {
      kind: 's3',
      url: location,
      region: values.s3Region ?? 'us-east-1',
      forcePathStyle: values.s3ForcePathStyle ?? endpoint !== undefined,
      ...(endpoint !== undefined ? { endpoint } : {}),
      ...(values.s3AccessKeyId !== undefined ? { accessKeyId: values.s3AccessKeyId } : {}),
      ...(values.s3SecretAccessKey !== undefined ? { secretAccessKey: values.s3SecretAccessKey } : {}),
    };
  }
  if (location.startsWith('file://')) return { kind: 'file', root: fileURLToPath(location) };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    throw new StrataError(
      'config.invalid',
      'invalid',
      `Invalid configuration: BLOB_STORE must be a directory, file:///path or s3://bucket/prefix, got ${JSON.stringify(location)}.`,
    );
  }
  return { kind: 'file', root: isAbsolute(location) ? location : resolve(cwd, location) };
}

function readConfigFile(path: string | undefined, cwd: string): Record<string, unknown> {
  if (path === undefined || path === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(resolve(cwd, path), 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new StrataError('config.invalid', 'invalid', `Cannot read STRATA_CONFIG ${resolve(cwd, path)}: ${reason}.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new StrataError('config.invalid', 'invalid', `STRATA_CONFIG ${path} must hold a JSON object.`);
  }
  return parsed as Record<string, unknown>;
}
