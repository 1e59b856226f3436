import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import { WebSocket } from 'ws';
import { createTestTarget, testPostgresUrl, type TestDatabaseTarget } from '@strata/models/testing';
import {
  OPERATOR,
  authenticate,
  createToken,
  createUser,
  grantRole,
  revokeRole,
  revokeToken,
  setVisibility,
} from '@strata/services/access';
import { recordEvent } from '@strata/services/audit';
import { createDataset, findDataset } from '@strata/services/versioning';
import { loadConfig } from '../config/index.js';
import { serve, type RunningServer } from '../runtime/serve.js';

interface Received {
  data: { seq: number; action: string; actor: string | null; dataset: string | null; data: Record<string, unknown> }[];
  errors: { message: string; extensions?: { code?: string } }[];
  closed?: { code: number; reason: string };
}

let dir: string;
let database: TestDatabaseTarget;
let server: RunningServer;
const tokens: Record<string, string> = {};
const clients: Client[] = [];

const depsOf = (running: RunningServer) => ({
  database: running.system.database,
  blobStore: running.system.blobStore,
  now: () => new Date(),
});

async function start(): Promise<RunningServer> {
  return serve({ ...loadConfig({ DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'silent' }), database: database.target });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'strata-graphql-ws-'));
  database = await createTestTarget();
  server = await start();
  const deps = depsOf(server);
  for (const login of ['ada', 'bob', 'eve']) {
    await createUser(deps, OPERATOR, { login, email: `${login}@example.org` });
    tokens[login] = (await createToken(deps, OPERATOR, { login, name: 'ws', scope: 'read' })).token;
  }
  await createUser(deps, OPERATOR, { login: 'root', email: 'root@example.org', siteAdmin: true });
  tokens['root'] = (await createToken(deps, OPERATOR, { login: 'root', name: 'ws', scope: 'admin' })).token;
  const author = { name: 'Ada', email: 'ada@example.org' };
  await createDataset(deps, 'lab/ct', author, { visibility: 'private' });
  await createDataset(deps, 'lab/mr', author, { visibility: 'private' });
  await grantRole(deps, OPERATOR, 'lab/ct', 'ada', 'admin');
});

afterAll(async () => {
  for (const client of clients) await client.dispose();
  await server.stop();
  await database.drop();
  await rm(dir, { recursive: true, force: true });
});

function connect(
  running: RunningServer,
  authorization?: string,
  headers?: Record<string, string>,
): { client: Client; closes: Received['closed'][] } {
  const closes: Received['closed'][] = [];
  // What a browser adds to the upgrade: its cookie, its page's origin.
  class BrowserWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: headers ?? {} });
    }
  }
  const client = createClient({
    url: `${running.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: BrowserWebSocket,
    retryAttempts: 0,
    ...(authorization !== undefined && { connectionParams: { authorization } }),
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        closes.push({ code, reason: String(reason) });
      },
    },
  });
  clients.push(client);
  return { client, closes };
}

/** Subscribes and waits until the server holds the subscription (or refused it). */
async function subscribe(
  running: RunningServer,
  client: Client,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Received> {
  const received: Received = { data: [], errors: [] };
  const before = running.events.subscriptionCount;
  let ended = false;
  client.subscribe<{ datasetEvents?: Received['data'][number]; auditEvents?: Received['data'][number] }>(
    { query, variables },
    {
      next: (result) => {
        const event = result.data?.datasetEvents ?? result.data?.auditEvents;
        if (event !== undefined) received.data.push(event);
        if (result.errors !== undefined) received.errors.push(...(result.errors as Received['errors']));
      },
      error: (error) => {
        ended = true;
        if (Array.isArray(error)) received.errors.push(...(error as Received['errors']));
        else {
          const { code, reason } = error as { code: number; reason: string };
          received.closed = { code, reason: String(reason) };
        }
      },
      complete: () => {
        ended = true;
      },
    },
  );
  await until(() => ended || received.errors.length > 0 || running.events.subscriptionCount > before);
  return received;
}

async function until(condition: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Gives anything still on its way (what must not arrive) time to arrive. */
async function quiet(): Promise<void> {
  await until(() => server.events.position >= 0);
  await new Promise((resolve) => setTimeout(resolve, 200));
}

const DATASET_EVENTS = `subscription($dataset: String!, $actions: [String!]) {
  datasetEvents(dataset: $dataset, actions: $actions) { seq action actor dataset data }
}`;

describe('GraphQL subscriptions over graphql-ws', () => {
  it('delivers an event committed elsewhere, and nothing of a transaction that rolled back', async () => {
    const { client } = connect(server, `Bearer ${tokens['ada']}`);
    const ada = await subscribe(server, client, DATASET_EVENTS, { dataset: 'lab/ct' });
    const deps = depsOf(server);
    const dataset = await findDataset(deps, 'lab/ct');
    const head = (await server.system.database.read().audit.head()).seq;
    await expect(
      deps.database.transaction(async (repositories) => {
        await recordEvent(repositories, deps, OPERATOR, 'test.rolled_back', { datasetId: dataset.id });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await grantRole(deps, OPERATOR, 'lab/ct', 'bob', 'read');
    await until(() => ada.data.length === 1);
    await quiet();
    expect(ada.data).toEqual([
      {
        seq: head + 1,
        action: 'dataset.role_granted',
        actor: null,
        dataset: 'lab/ct',
        data: { grantee: 'bob', role: 'read' },
      },
    ]);
    expect(ada.errors).toEqual([]);
  });

  it('keeps only the actions asked for, by name or prefix', async () => {
    const { client } = connect(server, `Bearer ${tokens['ada']}`);
    const visibility = await subscribe(server, client, DATASET_EVENTS, {
      dataset: 'lab/ct',
      actions: ['dataset.visibility_set'],
    });
    const roles = await subscribe(server, client, DATASET_EVENTS, {
      dataset: 'lab/ct',
      actions: ['dataset.role_granted', 'dataset.role_revoked'],
    });
    const prefix = await subscribe(server, client, DATASET_EVENTS, { dataset: 'lab/ct', actions: ['dataset.'] });
    const deps = depsOf(server);
    await grantRole(deps, OPERATOR, 'lab/ct', 'eve', 'read');
    await setVisibility(deps, OPERATOR, 'lab/ct', 'internal');
    await setVisibility(deps, OPERATOR, 'lab/ct', 'private');
    await revokeRole(deps, OPERATOR, 'lab/ct', 'eve');
    await until(() => prefix.data.length === 4 && visibility.data.length === 2 && roles.data.length === 2);
    await quiet();
    expect(visibility.data.map((event) => event.data)).toEqual([
      { from: 'private', to: 'internal' },
      { from: 'internal', to: 'private' },
    ]);
    expect(roles.data.map((event) => event.action)).toEqual(['dataset.role_granted', 'dataset.role_revoked']);
    expect(prefix.data).toHaveLength(4);
  });

  it('never sends a private dataset’s events to someone who cannot read it', async () => {
    const eve = await subscribe(server, connect(server, `Bearer ${tokens['eve']}`).client, DATASET_EVENTS, {
      dataset: 'lab/mr',
    });
    expect(eve.errors.map((error) => error.extensions?.code)).toEqual(['dataset.not_found']);
    const anonymous = await subscribe(server, connect(server).client, DATASET_EVENTS, { dataset: 'lab/mr' });
    expect(anonymous.errors.map((error) => error.extensions?.code)).toEqual(['auth.required']);
    const audit = await subscribe(
      server,
      connect(server, `Bearer ${tokens['eve']}`).client,
      'subscription { auditEvents { seq } }',
    );
    expect(audit.errors.map((error) => error.extensions?.code)).toEqual(['auth.forbidden']);
    // Site admins see every event, also those of no dataset.
    const root = await subscribe(
      server,
      connect(server, `Bearer ${tokens['root']}`).client,
      'subscription { auditEvents { seq action dataset actor data } }',
    );
    await setVisibility(depsOf(server), OPERATOR, 'lab/mr', 'internal');
    await createToken(depsOf(server), OPERATOR, { login: 'eve', name: 'other', scope: 'read' });
    await until(() => root.data.length === 2);
    expect(root.data.map((event) => [event.action, event.dataset])).toEqual([
      ['dataset.visibility_set', 'lab/mr'],
      ['token.created', null],
    ]);
    await setVisibility(depsOf(server), OPERATOR, 'lab/mr', 'private');
  });

  it('stops delivering when access is revoked, and closes the socket of a revoked token', async () => {
    const deps = depsOf(server);
    const { token, record } = await createToken(deps, OPERATOR, { login: 'bob', name: 'short', scope: 'read' });
    const { client, closes } = connect(server, `Bearer ${token}`);
    const bob = await subscribe(server, client, DATASET_EVENTS, { dataset: 'lab/ct' });
    const ada = await subscribe(server, connect(server, `Bearer ${tokens['ada']}`).client, DATASET_EVENTS, {
      dataset: 'lab/ct',
    });
    await grantRole(deps, OPERATOR, 'lab/ct', 'eve', 'write');
    await until(() => bob.data.length === 1);
    await revokeRole(deps, OPERATOR, 'lab/ct', 'bob');
    await grantRole(deps, OPERATOR, 'lab/ct', 'eve', 'read');
    await until(() => ada.data.length === 3);
    await quiet();
    expect(ada.data.map((event) => event.action)).toEqual([
      'dataset.role_granted',
      'dataset.role_revoked',
      'dataset.role_granted',
    ]);
    expect(bob.data.map((event) => event.data)).toEqual([{ grantee: 'eve', role: 'write' }]);
    // Granted again, then the token is revoked: the socket is closed with 4403.
    await grantRole(deps, OPERATOR, 'lab/ct', 'bob', 'read');
    await until(() => bob.data.length === 2);
    await revokeToken(deps, OPERATOR, record.id, 'bob');
    await grantRole(deps, OPERATOR, 'lab/ct', 'eve', 'admin');
    await until(() => closes.length > 0 && ada.data.length === 5);
    await quiet();
    expect(closes[0]?.code).toBe(4403);
    expect(bob.data).toHaveLength(2);
  });

  it('sends nothing on a token past its expiry, and closes its socket', async () => {
    const deps = depsOf(server);
    const expiresAt = new Date(Date.now() + 1500);
    const { token } = await createToken(deps, OPERATOR, { login: 'ada', name: 'brief', scope: 'read', expiresAt });
    const { client, closes } = connect(server, `Bearer ${token}`);
    const brief = await subscribe(server, client, DATASET_EVENTS, { dataset: 'lab/ct' });
    const control = await subscribe(server, connect(server, `Bearer ${tokens['ada']}`).client, DATASET_EVENTS, {
      dataset: 'lab/ct',
    });
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt.getTime() - Date.now() + 50)));
    await grantRole(deps, OPERATOR, 'lab/ct', 'eve', 'read');
    await until(() => control.data.length === 1 && closes.length > 0);
    expect(closes[0]?.code).toBe(4403);
    expect(brief.data).toEqual([]);
  });

  it('closes a connection with bad credentials with 4403, and a reason', async () => {
    const { client, closes } = connect(server, 'Bearer strata_nope');
    const refused = await subscribe(server, client, DATASET_EVENTS, { dataset: 'lab/ct' });
    expect(refused.closed?.code).toBe(4403);
    expect(refused.closed?.reason).toMatch(/credentials are not valid/);
    expect(closes[0]?.code).toBe(4403);
  });

  it('authenticates with the upgrade’s session cookie, from this origin only', async () => {
    const deps = depsOf(server);
    await createUser(deps, OPERATOR, { login: 'cleo', email: 'cleo@example.org', password: 'correct horse battery' });
    await grantRole(deps, OPERATOR, 'lab/ct', 'cleo', 'read');
    const signedIn = await fetch(`${server.url}/auth/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'cleo', password: 'correct horse battery' }),
    });
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const origin = server.url;
    const cleo = await subscribe(server, connect(server, undefined, { cookie, origin }).client, DATASET_EVENTS, {
      dataset: 'lab/ct',
    });
    expect(cleo.errors).toEqual([]);
    await grantRole(deps, OPERATOR, 'lab/ct', 'eve', 'write');
    await until(() => cleo.data.length === 1);
    const elsewhere = await subscribe(
      server,
      connect(server, undefined, { cookie, origin: 'https://evil.example' }).client,
      DATASET_EVENTS,
      { dataset: 'lab/ct' },
    );
    expect(elsewhere.closed?.code).toBe(4403);
    expect(elsewhere.closed?.reason).toMatch(/another origin/);
  });

  it('applies the HTTP endpoint’s limits and codes to operations over the socket', async () => {
    const { client } = connect(server, `Bearer ${tokens['ada']}`);
    const nested = Array.from({ length: 12 }).reduce<string>((inner) => `parents { ${inner} }`, 'id');
    const deep = await subscribe(
      server,
      client,
      `{ dataset(owner: "lab", name: "ct") { history(first: 1) { nodes { ${nested} } } } }`,
    );
    expect(deep.errors.map((error) => error.extensions?.code)).toEqual(['graphql.too_deep']);
    const costly = await subscribe(
      server,
      client,
      '{ datasets(first: 100) { nodes { history(first: 100) { nodes { parents { id message } } } } } }',
    );
    expect(costly.errors.map((error) => error.extensions?.code)).toEqual(['graphql.too_costly']);
    const unknown = await subscribe(server, client, DATASET_EVENTS, { dataset: 'lab/none' });
    expect(unknown.errors.map((error) => error.extensions?.code)).toEqual(['dataset.not_found']);
    // One socket runs at most 20 operations at once.
    const { client: busy } = connect(server, `Bearer ${tokens['ada']}`);
    for (let i = 0; i < 20; i++) {
      expect((await subscribe(server, busy, DATASET_EVENTS, { dataset: 'lab/ct' })).errors).toEqual([]);
    }
    const over = await subscribe(server, busy, DATASET_EVENTS, { dataset: 'lab/ct' });
    expect(over.errors.map((error) => error.extensions?.code)).toEqual(['graphql.too_many_subscriptions']);
  });

  it('lists the audit log with filters and cursors, for site admins', async () => {
    const post = (query: string, login: string) =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[login]}` },
        body: JSON.stringify({ query }),
      }).then(
        (response) =>
          response.json() as Promise<{
            data?: {
              auditLog: {
                nodes: { seq: number; action: string; actor: string | null }[];
                pageInfo: { endCursor: string | null; hasNextPage: boolean };
              };
            };
            errors?: { extensions: { code: string } }[];
          }>,
      );
    const deps = depsOf(server);
    await createDataset(deps, 'lab/log', { name: 'Ada', email: 'ada@example.org' }, { visibility: 'private' });
    const root = await authenticate(deps, { kind: 'token', token: tokens['root'] ?? '' });
    await setVisibility(deps, OPERATOR, 'lab/log', 'internal');
    await grantRole(deps, root, 'lab/log', 'eve', 'read');
    await setVisibility(deps, root, 'lab/log', 'private');
    await grantRole(deps, OPERATOR, 'lab/log', 'bob', 'read');
    const log = async (args: string) =>
      (await post(`{ auditLog(${args}) { nodes { seq action actor } pageInfo { hasNextPage endCursor } } }`, 'root'))
        .data?.auditLog;
    const first = await log('dataset: "lab/log", action: "dataset.", first: 3');
    expect(first?.nodes.map((event) => event.action)).toEqual([
      'dataset.role_granted',
      'dataset.visibility_set',
      'dataset.role_granted',
    ]);
    expect(first?.pageInfo.hasNextPage).toBe(true);
    const next = await log(`dataset: "lab/log", action: "dataset.", first: 3, after: "${first?.pageInfo.endCursor}"`);
    expect(next?.nodes.map((event) => event.action)).toEqual(['dataset.visibility_set']);
    expect(next?.pageInfo).toEqual({ hasNextPage: false, endCursor: null });
    const seqs = [...(first?.nodes ?? []), ...(next?.nodes ?? [])].map((event) => event.seq);
    expect(seqs).toEqual([seqs[0], (seqs[0] ?? 0) - 1, (seqs[0] ?? 0) - 2, (seqs[0] ?? 0) - 3]);
    const byRoot = await log('dataset: "lab/log", actor: "ROOT"');
    expect(byRoot?.nodes.map((event) => [event.action, event.actor])).toEqual([
      ['dataset.visibility_set', 'root'],
      ['dataset.role_granted', 'root'],
    ]);
    const granted = await log('dataset: "lab/log", action: "dataset.role_granted", first: 1');
    expect(granted?.nodes.map((event) => event.seq)).toEqual([seqs[0]]);
    const overHttp = await post('subscription { auditEvents { seq } }', 'root');
    expect(overHttp.errors?.[0]?.extensions.code).toBe('graphql.subscription_over_http');
    const badCursor = await post('{ auditLog(after: "x") { nodes { seq } } }', 'root');
    expect(badCursor.errors?.[0]?.extensions.code).toBe('audit.invalid_cursor');
    const refused = await post('{ auditLog { nodes { seq } } }', 'ada');
    expect(refused.errors?.[0]?.extensions.code).toBe('auth.forbidden');
  });

  // Two server processes on one database need PostgreSQL (PGlite is one process's): this runs in
  // CI's PostgreSQL pass and is skipped on PGlite.
  (testPostgresUrl() === undefined ? it.skip : it)(
    'on PostgreSQL, reaches a subscriber of another instance, and catches up after its listener is killed',
    async () => {
      const other = await start();
      try {
        const { client } = connect(other, `Bearer ${tokens['ada']}`);
        const ada = await subscribe(other, client, DATASET_EVENTS, { dataset: 'lab/ct' });
        const deps = depsOf(server);
        await grantRole(deps, OPERATOR, 'lab/ct', 'eve', 'write');
        await until(() => ada.data.length === 1);
        // Both instances listen on this database, each with its event hub and its webhook
        // dispatcher: all four lose their listening connection (pg-boss's own LISTEN is left be).
        const killed = await other.system.database.orm.em
          .getConnection()
          .execute<{ killed: boolean }[]>(
            "select pg_terminate_backend(pid) as killed from pg_stat_activity where query = 'LISTEN strata_events' and datname = current_database()",
          );
        expect(killed.map((row) => row.killed)).toEqual([true, true, true, true]);
        for (const role of ['read', 'admin', 'write'] as const) await grantRole(deps, OPERATOR, 'lab/ct', 'eve', role);
        await until(() => ada.data.length === 4);
        const seqs = ada.data.map((event) => event.seq);
        expect(seqs).toEqual([seqs[0], (seqs[0] ?? 0) + 1, (seqs[0] ?? 0) + 2, (seqs[0] ?? 0) + 3]);
        expect(ada.data.map((event) => event.data['role'])).toEqual(['write', 'read', 'admin', 'write']);
      } finally {
        await other.stop();
      }
    },
  );

  it('closes its sockets cleanly when the server stops', async () => {
    const { client, closes } = connect(server, `Bearer ${tokens['ada']}`);
    await subscribe(server, client, DATASET_EVENTS, { dataset: 'lab/ct' });
    await server.stop();
    await until(() => closes.length > 0);
    expect(closes[0]?.code).toBe(1001);
  });
});
