import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestTarget, type TestDatabaseTarget } from '@strata/models/testing';
import { OPERATOR, createToken, createUser, grantRole } from '@strata/services/access';
import { createDataset, type VersioningDeps } from '@strata/services/versioning';
import { signatureOf } from '@strata/services/webhooks';
import { loadConfig } from '../config/index.js';
import { serve, type RunningServer } from '../runtime/serve.js';

let dir: string;
let database: TestDatabaseTarget;
let server: RunningServer;
let receiver: Server;
let hookUrl: string;
const received: { headers: Record<string, unknown>; body: string }[] = [];
const tokens: Record<string, string> = {};

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions: { code: string } }[];
}

async function gql(login: string, query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[login]}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Answer;
}

const codeOf = (answer: Answer) => answer.errors?.[0]?.extensions.code;

beforeAll(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.end('thanks');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/strata`;
  dir = await mkdtemp(join(tmpdir(), 'strata-webhooks-'));
  database = await createTestTarget();
  server = await serve({
    ...loadConfig({
      DATA_DIR: dir,
      PORT: '0',
      LOG_LEVEL: 'silent',
      JOBS_POLL_INTERVAL: '1',
      WEBHOOK_RETRY_DELAY: '0',
    }),
    database: database.target,
  });
  const deps: VersioningDeps = {
    database: server.system.database,
    blobStore: server.system.blobStore,
    now: () => new Date(),
  };
  await createDataset(deps, 'lab/ct', { name: 'Ada', email: 'ada@example.org' });
  for (const [login, role] of [
    ['alice', 'admin'],
    ['walt', 'write'],
  ] as const) {
    await createUser(deps, OPERATOR, { login, email: `${login}@example.org` });
    tokens[login] = (await createToken(deps, OPERATOR, { login, name: 'test', scope: 'admin' })).token;
    await grantRole(deps, OPERATOR, 'lab/ct', login, role);
  }
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await database?.drop();
  await new Promise((resolve) => receiver?.close(resolve));
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

const CREATE = `mutation($url: String!, $actions: [String!]!) {
  createWebhook(dataset: "lab/ct", url: $url, actions: $actions) { secret webhook { id url actions active } }
}`;
const LIST =
  '{ webhooks(dataset: "lab/ct") { id deliveries { id action state attempts responseStatus responseBody } } }';

describe('webhooks over GraphQL, delivered by `strata serve`', () => {
  it('registers a webhook, delivers a signed event to it, lists the delivery and redelivers it', async () => {
    const created = await gql('alice', CREATE, { url: hookUrl, actions: ['issue.opened'] });
    const { secret, webhook } = (created.data?.['createWebhook'] ?? {}) as { secret: string; webhook: { id: string } };
    expect(created.data?.['createWebhook']).toMatchObject({
      webhook: { url: hookUrl, actions: ['issue.opened'], active: true },
    });

    await gql('walt', 'mutation { openIssue(dataset: "lab/ct", title: "Slice 12 flipped") { number } }');
    const deadline = Date.now() + 30_000;
    let deliveries: { id: string; state: string }[] = [];
    while (Date.now() < deadline) {
      const listed = (await gql('alice', LIST)).data?.['webhooks'] as { deliveries: typeof deliveries }[];
      deliveries = listed[0]?.deliveries ?? [];
      if (deliveries[0]?.state === 'DONE') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(deliveries).toMatchObject([
      { action: 'issue.opened', state: 'DONE', attempts: 1, responseStatus: 200, responseBody: 'thanks' },
    ]);
    expect(received).toHaveLength(1);
    expect(received[0]?.headers['strata-signature-256']).toBe(signatureOf(secret, received[0]?.body ?? ''));
    expect(received[0]?.headers['user-agent']).toMatch(/^Strata-Hookshot\//);

    const again = await gql('alice', 'mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { state } }', {
      id: deliveries[0]?.id,
    });
    expect(again).toEqual({ data: { redeliverWebhook: { state: 'QUEUED' } } });
    while (received.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received[1]?.headers['strata-delivery']).toBe(deliveries[0]?.id);

    expect(codeOf(await gql('walt', LIST))).toBe('auth.forbidden');
    expect(codeOf(await gql('walt', CREATE, { url: hookUrl, actions: ['*'] }))).toBe('auth.forbidden');
    expect(codeOf(await gql('alice', CREATE, { url: 'file:///etc/passwd', actions: ['*'] }))).toBe(
      'webhook.invalid_url',
    );
    expect(codeOf(await gql('alice', CREATE, { url: hookUrl, actions: ['nothing.happened'] }))).toBe(
      'webhook.invalid_action',
    );
    expect(codeOf(await gql('alice', 'mutation { deleteWebhook(id: "00000000-0000-4000-8000-000000000000") }'))).toBe(
      'webhook.not_found',
    );
    expect(await gql('alice', 'mutation($id: ID!) { deleteWebhook(id: $id) }', { id: webhook.id })).toEqual({
      data: { deleteWebhook: true },
    });
    expect(await gql('alice', LIST)).toEqual({ data: { webhooks: [] } });
  }, 60_000);
});
