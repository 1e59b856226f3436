import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Provider from 'oidc-provider';
import { createTestTarget, type TestDatabaseTarget } from '@strata/models/testing';
import { OPERATOR, createUser, listUsers, setUserDisabled } from '@strata/services/access';
import { latestEvents } from '@strata/services/audit';
import { loadConfig } from '../config/index.js';
import { serve, type RunningServer } from '../runtime/serve.js';

// Strata runs "behind a proxy" at PUBLIC_URL: the redirect URI registered at the provider is
// under it, and the test, playing the browser and the proxy, forwards it to the real port.
const PUBLIC_URL = 'http://strata.test';
const CLIENT = { id: 'strata', secret: 'strata-test-secret' };

/** The people the provider knows, by subject. */
const PEOPLE: Record<string, Record<string, unknown>> = {
  'alice-sub': { preferred_username: 'alice', email: 'alice@example.org', email_verified: true, name: 'Alice Liddell' },
  'bob-sub': { preferred_username: 'bob the builder', email: 'bob@example.org', email_verified: false, name: 'Bob' },
};

/** Whether the provider answers at all (it starts down), and what its login page decides next. */
let providerUp = false;
let nextAnswer: { accountId: string } | 'deny' = { accountId: 'alice-sub' };

let dir: string;
let database: TestDatabaseTarget;
let providerServer: Server;
let server: RunningServer;

beforeAll(async () => {
  providerServer = createServer();
  await new Promise<void>((resolve) => providerServer.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(providerServer.address() as AddressInfo).port}`;
  const provider = openIdProvider(issuer);
  const handle = provider.callback();
  providerServer.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (!providerUp) {
      response.writeHead(503).end();
    } else if (request.url?.startsWith('/interaction/')) {
      // The provider's login page, answered at once: this person signs in, or declines.
      void provider.interactionFinished(
        request,
        response,
        nextAnswer === 'deny'
          ? { error: 'access_denied', error_description: 'The user declined.' }
          : { login: { accountId: nextAnswer.accountId } },
        { mergeWithLastSubmission: false },
      );
    } else {
      void handle(request, response);
    }
  });
  dir = await mkdtemp(join(tmpdir(), 'strata-oidc-'));
  database = await createTestTarget();
  const env = {
    DATA_DIR: dir,
    PORT: '0',
    LOG_LEVEL: 'silent',
    PUBLIC_URL,
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: CLIENT.id,
    OIDC_CLIENT_SECRET: CLIENT.secret,
    OIDC_ALLOW_INSECURE: 'true',
  };
  server = await serve({ ...loadConfig(env), database: database.target });
  // A password user who already has Alice's login and email: an OIDC sign-in must not take it over.
  await createUser(deps(), OPERATOR, { login: 'alice', email: 'alice@example.org', password: 'correct horse battery' });
});

afterAll(async () => {
  await server.stop();
  await database.drop();
  await new Promise((resolve) => providerServer.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

function deps() {
  return { database: server.system.database, blobStore: server.system.blobStore, now: () => new Date() };
}

/** panva's oidc-provider with one confidential client (client_secret_basic) and no consent page. */
function openIdProvider(issuer: string): Provider {
  return new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT.id,
        client_secret: CLIENT.secret,
        redirect_uris: [`${PUBLIC_URL}/auth/oidc/callback`],
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email', 'email_verified'] },
    conformIdTokenClaims: false,
    findAccount: (_ctx, sub) => {
      const claims = PEOPLE[sub];
      return claims === undefined ? undefined : { accountId: sub, claims: () => ({ sub, ...claims }) };
    },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // First-party client: every scope is granted without a consent page.
    loadExistingGrant: async (ctx) => {
      const accountId = ctx.oidc.session?.accountId;
      if (accountId === undefined || ctx.oidc.client === undefined) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId });
      grant.addOIDCScope('openid profile email');
      await grant.save();
      return grant;
    },
    cookies: { keys: ['oidc-provider-test-key'] },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
  });
}

/** The cookies a browser keeps for one site. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const expires = attributes.find((a) => a.trim().toLowerCase().startsWith('expires='))?.split('=')[1];
      const gone = pair.slice(at + 1) === '' || (expires !== undefined && new Date(expires) <= new Date());
      if (gone) this.cookies.delete(pair.slice(0, at).trim());
      else this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1));
    }
  }
}

async function get(url: string, jar: CookieJar): Promise<Response> {
  const response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
  jar.take(response);
  return response;
}

/** The redirect to the provider that `/auth/oidc/login` answers. */
async function startSignIn(strata: CookieJar, returnTo?: string): Promise<Response> {
  const query = returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`;
  return get(`${server.url}/auth/oidc/login${query}`, strata);
}

/**
 * A browser signing in: Strata's login route, the provider's redirects (through its login page)
 * until it sends the browser back to PUBLIC_URL's callback; `alter` may change that URL (an
 * attacker's tampering) before Strata gets it. Answers Strata's response to the callback.
 */
async function signIn(
  options: { returnTo?: string; strata?: CookieJar; alter?: (callback: URL) => void } = {},
): Promise<{ response: Response; strata: CookieJar; callback: URL }> {
  const strata = options.strata ?? new CookieJar();
  const provider = new CookieJar();
  let response = await startSignIn(strata, options.returnTo);
  for (let hop = 0; hop < 10; hop++) {
    expect([302, 303]).toContain(response.status);
    const location = new URL(response.headers.get('location') ?? '', response.url);
    if (location.href.startsWith(`${PUBLIC_URL}/`)) {
      const callback = new URL(`${location.pathname}${location.search}`, server.url);
      options.alter?.(callback);
      return { response: await get(callback.href, strata), strata, callback };
    }
    response = await get(location.href, provider);
  }
  throw new Error('the provider never sent the browser back');
}

async function viewer(strata: CookieJar) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: strata.header() },
    body: JSON.stringify({ query: '{ viewer { login } }' }),
  });
  return { status: response.status, body: await response.json() };
}

async function errorOf(response: Response): Promise<{ status: number; code: string }> {
  const body = (await response.json()) as { error: { code: string } };
  return { status: response.status, code: body.error.code };
}

describe('OIDC sign-in against a real OpenID provider', () => {
  it('answers 502 oidc.unavailable while the provider is down, and discovers it once it is up', async () => {
    providerUp = false;
    const down = await startSignIn(new CookieJar());
    expect(await errorOf(down)).toEqual({ status: 502, code: 'oidc.unavailable' });
    expect(down.headers.get('set-cookie')).toBeNull();
    providerUp = true;
    expect((await startSignIn(new CookieJar())).status).toBe(302);
  });

  it('says SSO is available, and sends the browser to the provider with PKCE S256, state and nonce', async () => {
    const providers = await fetch(`${server.url}/auth/providers`);
    expect(await providers.json()).toEqual({ password: true, oidc: { loginUrl: '/auth/oidc/login' } });
    const response = await startSignIn(new CookieJar());
    const location = new URL(response.headers.get('location') ?? '');
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      client_id: CLIENT.id,
      redirect_uri: `${PUBLIC_URL}/auth/oidc/callback`,
      response_type: 'code',
      scope: 'openid profile email',
      code_challenge_method: 'S256',
    });
    for (const name of ['state', 'nonce', 'code_challenge'])
      expect(location.searchParams.get(name)).toMatch(/^.{20,}$/);
    expect(response.headers.get('set-cookie')).toMatch(
      /^strata_oidc_flow=[^;]{20,}; Path=\/auth\/oidc; HttpOnly; SameSite=Lax; Expires=[^;]+$/,
    );
    const behindHttps = await fetch(`${server.url}/auth/oidc/login`, {
      redirect: 'manual',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(behindHttps.headers.get('set-cookie')).toMatch(/; Secure$/);
  });

  it('creates a user at the first sign-in, never taking over the password account with the same email', async () => {
    nextAnswer = { accountId: 'alice-sub' };
    const { response, strata } = await signIn({ returnTo: '/datasets/x?tab=history' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/datasets/x?tab=history');
    expect(response.headers.getSetCookie().join('\n')).toMatch(
      /^strata_session=[^;]{20,}; Path=\/; HttpOnly; SameSite=Lax/m,
    );
    expect(await viewer(strata)).toEqual({ status: 200, body: { data: { viewer: { login: 'alice-2' } } } });
    const users = await listUsers(deps(), OPERATOR);
    expect(users.map((user) => [user.login, user.email, user.displayName])).toEqual([
      ['alice', 'alice@example.org', null],
      ['alice-2', null, 'Alice Liddell'],
    ]);
    const events = await latestEvents(deps(), OPERATOR, 2);
    expect(events.map((event) => [event.action, event.actorLogin, JSON.parse(event.data) as unknown])).toEqual([
      ['session.created', 'alice-2', { method: 'oidc' }],
      ['user.created', 'alice-2', expect.objectContaining({ password: false, oidc: expect.stringMatching(/^http:/) })],
    ]);
  });

  it('signs the same identity into the same user the next time, even with a stale session cookie', async () => {
    const strata = new CookieJar();
    strata.take(new Response(null, { headers: { 'set-cookie': 'strata_session=stale' } }));
    const { response } = await signIn({ strata });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/');
    expect(await viewer(strata)).toEqual({ status: 200, body: { data: { viewer: { login: 'alice-2' } } } });
    expect((await listUsers(deps(), OPERATOR)).length).toBe(2);
  });

  it('makes a valid login of an odd username, and keeps an unverified email out', async () => {
    nextAnswer = { accountId: 'bob-sub' };
    const { strata } = await signIn();
    expect(await viewer(strata)).toEqual({ status: 200, body: { data: { viewer: { login: 'bob-the-builder' } } } });
    const bob = (await listUsers(deps(), OPERATOR)).find((user) => user.login === 'bob-the-builder');
    expect(bob?.email).toBeNull();
  });

  it('refuses a tampered state with 400 oidc.invalid_state, and the same callback twice', async () => {
    nextAnswer = { accountId: 'alice-sub' };
    const tampered = await signIn({ alter: (callback) => callback.searchParams.set('state', 'forged') });
    expect(await errorOf(tampered.response)).toEqual({ status: 400, code: 'oidc.invalid_state' });
    expect(tampered.response.headers.getSetCookie().join('\n')).not.toContain('strata_session');
    // The flow was used up: the genuine callback cannot be played afterwards either.
    const replay = new URL(tampered.callback);
    const first = await signIn({ strata: tampered.strata });
    expect(first.response.status).toBe(302);
    replay.search = first.callback.search;
    expect(await errorOf(await get(replay.href, first.strata))).toEqual({ status: 400, code: 'oidc.invalid_state' });
  });

  it('refuses a callback from a browser that started no sign-in', async () => {
    const { callback } = await signIn();
    const stranger = await get(callback.href, new CookieJar());
    expect(await errorOf(stranger)).toEqual({ status: 400, code: 'oidc.invalid_state' });
  });

  it('never returns the browser to another site', async () => {
    for (const returnTo of ['https://evil.example/', '//evil.example/x', '/\\evil.example']) {
      const { response } = await signIn({ returnTo });
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe('/');
    }
  });

  it('answers 403 oidc.access_denied when the user declines at the provider', async () => {
    nextAnswer = 'deny';
    const { response } = await signIn();
    expect(await errorOf(response)).toEqual({ status: 403, code: 'oidc.access_denied' });
  });

  it('does not sign a disabled user in', async () => {
    nextAnswer = { accountId: 'alice-sub' };
    await setUserDisabled(deps(), OPERATOR, 'alice-2', true);
    const { response } = await signIn();
    expect(await errorOf(response)).toEqual({ status: 401, code: 'auth.invalid_credentials' });
    await setUserDisabled(deps(), OPERATOR, 'alice-2', false);
  });
});
