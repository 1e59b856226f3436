import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestTarget, type TestDatabaseTarget } from '@strata/models/testing';
import { OPERATOR, createUser } from '@strata/services/access';
import { latestEvents } from '@strata/services/audit';
import { loadConfig } from '../config/index.js';
import { serve, type RunningServer } from '../runtime/serve.js';

let dir: string;
let database: TestDatabaseTarget;
let server: RunningServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'strata-session-'));
  database = await createTestTarget();
  server = await serve({ ...loadConfig({ DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'silent' }), database: database.target });
  const deps = { database: server.system.database, blobStore: server.system.blobStore, now: () => new Date() };
  await createUser(deps, OPERATOR, { login: 'ada', email: 'ada@example.org', password: 'correct horse battery' });
});

afterAll(async () => {
  await server.stop();
  await database.drop();
  await rm(dir, { recursive: true, force: true });
});

function signIn(body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/auth/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

async function viewer(cookie: string) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ query: '{ viewer { login } }' }),
  });
  return { status: response.status, body: await response.json() };
}

describe('password sign-in (the web app’s session cookie)', () => {
  it('refuses a wrong password and an unknown login alike', async () => {
    const wrong = await signIn({ login: 'ada', password: 'wrong' });
    const unknown = await signIn({ login: 'nobody', password: 'wrong' });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    const [a, b] = (await Promise.all([wrong.json(), unknown.json()])) as {
      error: { code: string; message: string };
    }[];
    expect(a?.error.code).toBe('auth.invalid_credentials');
    expect(a?.error.message).toBe(b?.error.message);
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('sets an HttpOnly, SameSite=Lax cookie that authenticates, until signed out', async () => {
    const response = await signIn({ login: 'ada', password: 'correct horse battery' });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ login: 'ada', siteAdmin: false });
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^strata_session=[^;]{20,}; Path=\/; HttpOnly; SameSite=Lax; Expires=/);
    expect(setCookie).not.toContain('Secure');
    const cookie = setCookie.split(';')[0] ?? '';
    expect(await viewer(cookie)).toEqual({ status: 200, body: { data: { viewer: { login: 'ada' } } } });
    const out = await fetch(`${server.url}/auth/session`, { method: 'DELETE', headers: { cookie } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^strata_session=; .*Expires=Thu, 01 Jan 1970/);
    expect((await viewer(cookie)).status).toBe(401);
    // Both ends are in the audit log, under ada's name (a socket made with the cookie re-checks on the second).
    const deps = { database: server.system.database, blobStore: server.system.blobStore, now: () => new Date() };
    const events = await latestEvents(deps, OPERATOR, 2);
    expect(events.map((event) => [event.action, event.actorLogin])).toEqual([
      ['session.ended', 'ada'],
      ['session.created', 'ada'],
    ]);
  });

  it('marks the cookie Secure behind an https proxy', async () => {
    const response = await signIn(
      { login: 'ada', password: 'correct horse battery' },
      { 'x-forwarded-proto': 'https' },
    );
    expect(response.headers.get('set-cookie')).toMatch(/; Secure$/);
  });

  it('answers bad requests with a 4xx, never a 500', async () => {
    const form = await fetch(`${server.url}/auth/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'login=ada&password=x',
    });
    expect(form.status).toBe(415);
    const missing = await signIn({ login: 'ada' });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: { code: 'auth.invalid_request' } });
    expect((await viewer('strata_session=%E0%A4%A')).status).toBe(401);
  });
});

describe('without OIDC configured', () => {
  it('offers passwords only, and answers the OIDC routes 404 oidc.not_configured', async () => {
    const providers = await fetch(`${server.url}/auth/providers`);
    expect(await providers.json()).toEqual({ password: true, oidc: null });
    for (const path of ['/auth/oidc/login?returnTo=/', '/auth/oidc/callback?code=x&state=y']) {
      const response = await fetch(`${server.url}${path}`, { redirect: 'manual' });
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: 'oidc.not_configured' } });
    }
  });
});
