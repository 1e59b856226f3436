import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import { StrataError } from '@strata/modules/errors';
import { createTestTarget, type TestDatabaseTarget } from '@strata/models/testing';
import { loadConfig, type Config } from '../config/index.js';
import { serve, type RunningServer } from './serve.js';

let dir: string;
let database: TestDatabaseTarget;
let config: Config;
let server: RunningServer;
let releaseSlow: () => void = () => undefined;

// Routes that exercise the shared error handling and shutdown; the real protocols register the same way.
const probeRoutes: FastifyPluginAsync = async (app) => {
  app.get('/probe/strata-error', async () => {
    throw new StrataError('probe.conflict', 'conflict', 'The probe conflicts.', { details: { ref: 'main' } });
  });
  app.get('/probe/crash', async () => {
    throw new Error('secret internal detail at /srv/db');
  });
  app.post('/probe/json', async (request) => ({ received: request.body }));
  app.get('/probe/echo/:value', async (request) => request.params);
  app.get('/probe/slow', async () => {
    await new Promise<void>((resolve) => (releaseSlow = resolve));
    return { finished: true };
  });
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'strata-serve-'));
  database = await createTestTarget();
  config = {
    ...loadConfig({ DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'silent', BODY_LIMIT: '1kb' }),
    database: database.target,
  };
  server = await serve(config, { plugins: [probeRoutes] });
});

afterAll(async () => {
  await server.stop();
  await database.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('strata serve', () => {
  it('is alive and ready, reporting each dependency', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      checks: { database: { ok: true }, blobStore: { ok: true } },
    });
  });

  it('answers unknown API routes with a JSON 404 carrying a stable code and the request id', async () => {
    const response = await fetch(`${server.url}/api/nowhere`, { headers: { 'x-request-id': 'trace-me-42' } });
    expect(response.status).toBe(404);
    expect(response.headers.get('x-request-id')).toBe('trace-me-42');
    expect(await response.json()).toEqual({
      error: { code: 'route.not_found', message: 'No route for GET /api/nowhere.', requestId: 'trace-me-42' },
    });
  });

  it('hands other GET paths to the web app (built before these tests), which answers a 404 page', async () => {
    const response = await fetch(`${server.url}/nowhere/at/all`, {
      headers: { 'x-request-id': 'trace-me-44', accept: 'text/html' },
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('x-request-id')).toBe('trace-me-44');
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('Nothing is at this address');
  });

  it("tells the web app where the API is itself: a client's x-strata-api header is overwritten", async () => {
    // Were the client's value used, the page's server would fetch from a closed port and say so.
    const response = await fetch(`${server.url}/`, { headers: { 'x-strata-api': 'http://127.0.0.1:9' } });
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('<h1>Datasets</h1>');
    expect(page).not.toContain('could not be listed');
  });

  it.each([
    ['a path parameter that does not decode', `/probe/echo/%E0%A4%A`, 400, 'request.bad_url'],
    ['a path parameter over 4096 characters', `/probe/echo/${'x'.repeat(4097)}`, 414, 'request.uri_too_long'],
  ])('refuses %s before routing, in the same envelope', async (_what, path, status, code) => {
    const response = await fetch(`${server.url}${path}`, { headers: { 'x-request-id': 'trace-me-43' } });
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ error: { code, requestId: 'trace-me-43' } });
    expect((await fetch(`${server.url}/probe/echo/${'x'.repeat(4096)}`)).status).toBe(200);
  });

  it('replaces an unsafe request id with its own', async () => {
    const response = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'bad id <script>' } });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('maps a StrataError to its status with code, message and details', async () => {
    const response = await fetch(`${server.url}/probe/strata-error`);
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({
      error: { code: 'probe.conflict', message: 'The probe conflicts.', details: { ref: 'main' } },
    });
  });

  it('turns an unexpected error into a 500 that leaks nothing', async () => {
    const response = await fetch(`${server.url}/probe/crash`);
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: { code: string; message: string; requestId: string } };
    expect(body.error.code).toBe('internal');
    expect(body.error.message).toContain(body.error.requestId);
    expect(JSON.stringify(body)).not.toMatch(/secret|\/srv\/db|stack/);
  });

  it.each([
    ['malformed JSON', 'application/json', '{"a":', 400, 'request.malformed_json'],
    ['an unsupported media type', 'application/x-unknown', 'x', 415, 'request.unsupported_media_type'],
    [
      'a body over the limit',
      'application/json',
      JSON.stringify({ pad: 'x'.repeat(2000) }),
      413,
      'request.body_too_large',
    ],
  ])('refuses %s with a 4xx and a stable code', async (_what, type, body, status, code) => {
    const response = await fetch(`${server.url}/probe/json`, {
      method: 'POST',
      headers: { 'content-type': type },
      body,
    });
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ error: { code } });
  });

  it('sends CORS and Cross-Origin-Resource-Policy headers, and answers preflights', async () => {
    const response = await fetch(`${server.url}/healthz`, { headers: { origin: 'https://viewer.example.org' } });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const preflight = await fetch(`${server.url}/probe/json`, {
      method: 'OPTIONS',
      headers: { origin: 'https://viewer.example.org', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('exposes Prometheus metrics by route template', async () => {
    await fetch(`${server.url}/healthz`);
    const response = await fetch(`${server.url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(
      /strata_http_request_duration_seconds_count\{method="GET",route="\/healthz",status_code="200"\} \d+/,
    );
    expect(text).toContain('process_cpu_user_seconds_total');
  });
});

describe('strata serve at start', () => {
  it('refuses a port that is in use, with one line saying what to do', async () => {
    const port = Number(new URL(server.url).port);
    const other = await mkdtemp(join(tmpdir(), 'strata-serve-'));
    try {
      const attempt = serve({ ...config, dataDir: other, database: { kind: 'pglite-memory' }, port });
      await expect(attempt).rejects.toMatchObject({
        code: 'http.port_in_use',
        message: `Port ${port} on 127.0.0.1 is already in use: stop the other process or set PORT to a free port.`,
      });
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});

describe('strata serve shutdown', () => {
  it('finishes in-flight requests, takes no new ones meanwhile, then closes the database', async () => {
    const slow = fetch(`${server.url}/probe/slow`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stopping = server.stop();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const during = await fetch(`${server.url}/readyz`).then(
      (response) => response.status,
      () => 'refused',
    );
    expect([503, 'refused']).toContain(during);
    releaseSlow();
    const response = await slow;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ finished: true });
    await stopping;
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    expect(await server.system.database.orm.isConnected()).toBe(false);
  });
});
