import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestTarget, type TestDatabaseTarget } from '@strata/models/testing';
import { OPERATOR, createToken, createUser, grantRole, revokeToken } from '@strata/services/access';
import { createDataset } from '@strata/services/versioning';
import { loadConfig } from '../config/index.js';
import { serve, type RunningServer } from '../runtime/serve.js';

let dir: string;
let database: TestDatabaseTarget;
let server: RunningServer;
let token: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'strata-graphql-'));
  database = await createTestTarget();
  server = await serve({ ...loadConfig({ DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'silent' }), database: database.target });
  const deps = { database: server.system.database, blobStore: server.system.blobStore, now: () => new Date() };
  await createUser(deps, OPERATOR, { login: 'ada', email: 'ada@example.org' });
  token = (await createToken(deps, OPERATOR, { login: 'ada', name: 'test', scope: 'write' })).token;
  await createDataset(deps, 'lab/ct', { name: 'Ada', email: 'ada@example.org' }, { visibility: 'private' });
});

afterAll(async () => {
  await server.stop();
  await database.drop();
  await rm(dir, { recursive: true, force: true });
});

function post(body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('GraphQL over HTTP', () => {
  it('answers as the actor the request authenticates as', async () => {
    const anonymous = await post({ query: '{ viewer { signedIn login } }' });
    expect(anonymous.status).toBe(200);
    expect(await anonymous.json()).toEqual({ data: { viewer: { signedIn: false, login: null } } });
    const ada = await post({ query: '{ viewer { signedIn login } }' }, { authorization: `Bearer ${token}` });
    expect(await ada.json()).toEqual({ data: { viewer: { signedIn: true, login: 'ada' } } });
    const get = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ viewer { signedIn } }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(await get.json()).toEqual({ data: { viewer: { signedIn: false } } });
  });

  it('refuses bad credentials with the same 401 as every protocol', async () => {
    const response = await post({ query: '{ viewer { signedIn } }' }, { authorization: 'Bearer strata_nope' });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('Bearer');
    expect(await response.json()).toMatchObject({ error: { code: 'auth.invalid_credentials' } });
  });

  it('keeps a private dataset private, and shows it to a collaborator', async () => {
    const query = { query: '{ dataset(owner: "lab", name: "ct") { fullName viewerRole } }' };
    expect(
      ((await (await post(query)).json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code,
    ).toBe('auth.required');
    const asAda = (await (await post(query, { authorization: `Bearer ${token}` })).json()) as {
      errors: { extensions: { code: string } }[];
    };
    expect(asAda.errors[0]?.extensions.code).toBe('dataset.not_found');
    const deps = { database: server.system.database, blobStore: server.system.blobStore, now: () => new Date() };
    await grantRole(deps, OPERATOR, 'lab/ct', 'ada', 'write');
    expect(await (await post(query, { authorization: `Bearer ${token}` })).json()).toEqual({
      data: { dataset: { fullName: 'lab/ct', viewerRole: 'WRITE' } },
    });
  });

  it('refuses what it must not run: cross-site simple requests, malformed bodies, costly operations, mutations over GET', async () => {
    const csrf = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ viewer { signedIn } }')}`);
    expect(csrf.status).toBe(400);
    const malformed = await post('{"query":');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: 'request.malformed_json' } });
    const costly = await post({
      query: '{ datasets(first: 100) { nodes { history(first: 100) { nodes { parents { id message } } } } } }',
    });
    expect(((await costly.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
      'graphql.too_costly',
    );
    const mutation = await fetch(
      `${server.url}/graphql?query=${encodeURIComponent('mutation { createBranch(dataset: "lab/ct", name: "x") { name } }')}`,
      { headers: { 'apollo-require-preflight': 'true' } },
    );
    expect(mutation.status).toBe(405);
  });

  it('stops answering for a token once it is revoked', async () => {
    const deps = { database: server.system.database, blobStore: server.system.blobStore, now: () => new Date() };
    const { token: short, record } = await createToken(deps, OPERATOR, { login: 'ada', name: 'short', scope: 'read' });
    expect((await post({ query: '{ viewer { login } }' }, { authorization: `Bearer ${short}` })).status).toBe(200);
    await revokeToken(deps, OPERATOR, record.id, 'ada');
    expect((await post({ query: '{ viewer { login } }' }, { authorization: `Bearer ${short}` })).status).toBe(401);
  });
});
