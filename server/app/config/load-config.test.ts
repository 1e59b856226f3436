import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './load-config.js';

const cwd = '/srv/strata';

describe('loadConfig', () => {
  it('defaults to the embedded database and filesystem blobs under ./data', () => {
    expect(loadConfig({}, { cwd })).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      dataDir: '/srv/strata/data',
      database: { kind: 'pglite', dataDir: '/srv/strata/data/pg' },
      blobStore: { kind: 'file', root: '/srv/strata/data/blobs' },
      logLevel: 'info',
      corsOrigins: '*',
      bodyLimit: 1048576,
      dicomweb: { aliasDataset: undefined, qidoMaxLimit: 1000, qidoDefaultLimit: 1000, stowBodyLimit: 4 * 1024 ** 3 },
      auditReads: true,
      shutdownTimeoutMs: 25000,
      telemetry: false,
    });
  });

  it('takes PostgreSQL, S3 and the rest from the environment', () => {
    const config = loadConfig(
      {
        HOST: '0.0.0.0',
        PORT: '9000',
        DATA_DIR: '/var/lib/strata',
        DATABASE_URL: 'postgres://strata:secret@db:5432/strata',
        BLOB_STORE: 's3://imaging/strata/',
        S3_ENDPOINT: 'http://127.0.0.1:7480',
        LOG_LEVEL: 'DEBUG',
        CORS_ORIGINS: 'https://viewer.example.org, http://localhost:3000',
        BODY_LIMIT: '2MiB',
        SHUTDOWN_TIMEOUT: '5',
        OTEL_TRACES_EXPORTER: 'otlp',
      },
      { cwd },
    );
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 9000,
      dataDir: '/var/lib/strata',
      database: { kind: 'postgresql', url: 'postgres://strata:secret@db:5432/strata' },
      blobStore: { kind: 's3', url: 's3://imaging/strata/', endpoint: 'http://127.0.0.1:7480', forcePathStyle: true },
      logLevel: 'debug',
      corsOrigins: ['https://viewer.example.org', 'http://localhost:3000'],
      bodyLimit: 2 * 1024 * 1024,
      shutdownTimeoutMs: 5000,
      telemetry: true,
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be an integer from 0 to 65535, got "eighty"'],
    [{ PORT: '70000' }, 'PORT must be an integer from 0 to 65535, got "70000"'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL must be a URL such as postgres://user:password@host:5432/database'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"'],
    [{ BODY_LIMIT: '12 parsecs' }, 'BODY_LIMIT must be a size in bytes'],
    [{ CORS_ORIGINS: 'example.org' }, "CORS_ORIGINS must be '*', 'off', or origins"],
    [{ BLOB_STORE: 'ftp://host/x' }, 'BLOB_STORE must be a directory, file:///path or s3://bucket/prefix'],
    [{ AUTHOR: 'nobody' }, 'AUTHOR must be Name <email@example.org>, got "nobody"'],
  ])('names the variable and the expected form for %j', (env, message) => {
    expect(() => loadConfig(env, { cwd })).toThrow(expect.objectContaining({ code: 'config.invalid' }));
    expect(() => loadConfig(env, { cwd })).toThrow(message);
  });

  it('builds OIDC sign-in from OIDC_* and the redirect URI from PUBLIC_URL', () => {
    const env = { PUBLIC_URL: 'https://strata.example.org/', OIDC_ISSUER: 'https://idp.example.org/realms/lab' };
    expect(loadConfig({ ...env, OIDC_CLIENT_ID: 'strata' }, { cwd }).oidc).toEqual({
      issuer: new URL('https://idp.example.org/realms/lab'),
      clientId: 'strata',
      clientSecret: undefined,
      scopes: 'openid profile email',
      redirectUri: 'https://strata.example.org/auth/oidc/callback',
      usernameClaim: 'preferred_username',
      allowSignup: true,
      allowInsecure: false,
    });
    expect(loadConfig({}, { cwd }).oidc).toBeUndefined();
  });

  it.each([
    [
      { OIDC_ISSUER: 'https://idp.example.org', PUBLIC_URL: 'https://s.example.org' },
      'OIDC_ISSUER needs OIDC_CLIENT_ID',
    ],
    [{ OIDC_ISSUER: 'https://idp.example.org', OIDC_CLIENT_ID: 'strata' }, 'OIDC_ISSUER needs PUBLIC_URL'],
    [
      { OIDC_ISSUER: 'http://idp.example.org', OIDC_CLIENT_ID: 'strata', PUBLIC_URL: 'https://s.example.org' },
      'OIDC_ISSUER must be https://',
    ],
    [
      { OIDC_ISSUER: 'https://idp.example.org', OIDC_CLIENT_ID: 'c', PUBLIC_URL: 'https://s', OIDC_SCOPES: 'email' },
      'OIDC_SCOPES must include openid',
    ],
    [
      { OIDC_CLIENT_ID: 'strata', OIDC_CLIENT_SECRET: 's' },
      'OIDC_CLIENT_ID, OIDC_CLIENT_SECRET set without OIDC_ISSUER',
    ],
    [{ PUBLIC_URL: 'strata.example.org' }, 'PUBLIC_URL must be an http(s) URL'],
  ])('refuses the OIDC settings %j', (env, message) => {
    expect(() => loadConfig(env, { cwd })).toThrow(expect.objectContaining({ code: 'config.invalid' }));
    expect(() => loadConfig(env, { cwd })).toThrow(message);
  });

  it('reports every bad value at once, in one line', () => {
    expect(() => loadConfig({ PORT: 'x', SHUTDOWN_TIMEOUT: '0' }, { cwd })).toThrow(
      /^Invalid configuration: PORT must be .*; SHUTDOWN_TIMEOUT must be an integer from 1 to 3600, got "0"\.$/,
    );
  });

  describe('with a config file', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'strata-config-'));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('reads it, with the environment winning', async () => {
      await writeFile(join(dir, 'strata.json'), JSON.stringify({ port: 7000, host: '::1', blobStore: 'blobs' }));
      const config = loadConfig({ STRATA_CONFIG: 'strata.json', HOST: '127.0.0.2' }, { cwd: dir });
      expect(config).toMatchObject({
        port: 7000,
        host: '127.0.0.2',
        blobStore: { kind: 'file', root: join(dir, 'blobs') },
      });
    });

    it('refuses unknown keys, wrong types and unreadable files', async () => {
      await writeFile(join(dir, 'typo.json'), JSON.stringify({ prot: 7000, port: '80a' }));
      expect(() => loadConfig({ STRATA_CONFIG: 'typo.json' }, { cwd: dir })).toThrow(
        'Invalid configuration: "port" in typo.json must be an integer from 0 to 65535, got "80a"; unknown key(s) prot in typo.json.',
      );
      await writeFile(join(dir, 'broken.json'), '{ "port": ');
      expect(() => loadConfig({ STRATA_CONFIG: 'broken.json' }, { cwd: dir })).toThrow(
        /Cannot read STRATA_CONFIG .*broken\.json/,
      );
      expect(() => loadConfig({ STRATA_CONFIG: 'missing.json' }, { cwd: dir })).toThrow(
        /Cannot read STRATA_CONFIG .*ENOENT/,
      );
    });
  });
});
