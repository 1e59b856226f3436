import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDatabase, startJobQueue, type JobQueue } from '@strata/models';
import { testPostgresUrl } from '@strata/models/testing';
import { OPERATOR, grantRole, revokeRole, type Actor } from '../access/index.js';
import { createLabel, openIssue } from '../collaboration/index.js';
import { errorCode, signedInUser } from '../testing/test-actors.js';
import { useVersioningFixture } from '../testing/versioning-fixture.js';
import { createDataset } from '../versioning/index.js';
import type { VersioningDeps } from '../versioning/versioning-deps.js';
import {
  createWebhook,
  deleteWebhook,
  listWebhooks,
  recentDeliveries,
  redeliverWebhook,
  signatureOf,
  startWebhookConsumers,
  updateWebhook,
  WebhookDispatcher,
  type DeliveryView,
  type WebhookConsumers,
} from './index.js';

const fixture = useVersioningFixture('webhooks');
const ada = { name: 'Ada', email: 'ada@example.org' };
/** Deliveries go through pg-boss's polling and real HTTP: seconds, not milliseconds. */
const SLOW = 60_000;

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real HTTP receiver on 127.0.0.1: answers each request with the status `answer` gives. */
class Receiver {
  readonly requests: Received[] = [];
  answer: (n: number) => number = () => 200;
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.requests.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        response.statusCode = this.answer(this.requests.length);
        response.end(`answer ${this.requests.length}`);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, seen: () => string): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last seen ${seen()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('webhooks', () => {
  let jobs: JobQueue;
  let deps: VersioningDeps;
  let consumers: WebhookConsumers;
  let admin: Actor;
  let writer: Actor;
  const receivers: Receiver[] = [];

  const receiver = async () => {
    const made = new Receiver();
    receivers.push(made);
    return { receiver: made, url: await made.start() };
  };

  /** The webhook's deliveries, oldest first. */
  const deliveriesOf = async (webhookId: string): Promise<DeliveryView[]> =>
    ((await recentDeliveries(deps, [webhookId])).get(webhookId) ?? []).reverse();

  const settled = (webhookId: string, count: number) => {
    let last: DeliveryView[] = [];
    return until(
      `${count} settled deliveries`,
      async () => {
        last = await deliveriesOf(webhookId);
        return last.length === count && last.every((d) => d.state === 'done' || d.state === 'failed')
          ? last
          : undefined;
      },
      () => JSON.stringify(last.map(({ state, attempts, lastError }) => ({ state, attempts, lastError }))),
    );
  };

  beforeAll(async () => {
    jobs = await startJobQueue(fixture.database, { pollSeconds: 0.5 });
    deps = { ...fixture.deps, jobs };
    consumers = await startWebhookConsumers(deps, jobs, {
      version: '9.9.9',
      timeoutMs: 2000,
      // Immediate retries: the tests check the count of attempts, not the waits between them.
      retry: { retryLimit: 2, retryDelaySeconds: 0 },
      dispatcher: { pollMs: 200 },
    });
    await createDataset(fixture.deps, 'lab/ct', ada);
    await createDataset(fixture.deps, 'lab/mr', ada);
    admin = await signedInUser(fixture.deps, 'alice');
    writer = await signedInUser(fixture.deps, 'walt');
    for (const dataset of ['lab/ct', 'lab/mr']) {
      await grantRole(fixture.deps, OPERATOR, dataset, 'alice', 'admin');
      await grantRole(fixture.deps, OPERATOR, dataset, 'walt', 'write');
    }
  }, 60_000);

  afterAll(async () => {
    await consumers?.close();
    await jobs?.stop();
    for (const made of receivers) await made.close();
  });

  it(
    'POSTs the event, signed with the secret, and records the answer',
    async () => {
      const { receiver: hooked, url } = await receiver();
      const { webhook, secret } = await createWebhook(deps, admin, 'lab/ct', { url, actions: ['issue.opened'] });
      expect(secret).toMatch(/^[0-9a-f]{64}$/);
      await openIssue(deps, writer, 'lab/ct', { title: 'Slice 40 is blank' });

      const [delivery] = await settled(webhook.id, 1);
      expect(delivery).toMatchObject({ state: 'done', attempts: 1, responseStatus: 200, responseBody: 'answer 1' });
      expect(hooked.requests).toHaveLength(1);
      const [request] = hooked.requests;
      expect(request?.headers).toMatchObject({
        'content-type': 'application/json',
        'user-agent': 'Strata-Hookshot/9.9.9',
        'strata-event': 'issue.opened',
        'strata-delivery': delivery?.id,
      });
      // The receiver's check: the HMAC of the exact bytes received, with the secret it was given.
      expect(request?.headers['strata-signature-256']).toBe(signatureOf(secret, request?.body ?? ''));
      expect(signatureOf('another secret of the right length', request?.body ?? '')).not.toBe(
        request?.headers['strata-signature-256'],
      );
      expect(JSON.parse(request?.body ?? '{}')).toMatchObject({
        id: delivery?.id,
        action: 'issue.opened',
        dataset: { owner: 'lab', name: 'ct' },
        actor: { login: 'walt' },
        subject: 'lab/ct#1',
      });
      // The secret is shown once, at creation.
      const [listed] = await listWebhooks(deps, admin, 'lab/ct');
      expect(listed).toMatchObject({ id: webhook.id, url, actions: ['issue.opened'], active: true });
      expect(listed).not.toHaveProperty('secret');
    },
    SLOW,
  );

  it(
    'retries a failing receiver with backoff until it answers 2xx',
    async () => {
      const { receiver: flaky, url } = await receiver();
      flaky.answer = (n) => (n <= 2 ? 503 : 204);
      const { webhook } = await createWebhook(deps, admin, 'lab/ct', { url, actions: ['label.'] });
      await createLabel(deps, writer, 'lab/ct', { name: 'artifact', color: '#d73a4a' });

      const [delivery] = await settled(webhook.id, 1);
      expect(delivery).toMatchObject({ state: 'done', attempts: 3, responseStatus: 204, lastError: null });
      expect(flaky.requests).toHaveLength(3);
      // Every attempt is the same delivery, signed the same way.
      expect(new Set(flaky.requests.map((r) => r.headers['strata-delivery']))).toEqual(new Set([delivery?.id]));
    },
    SLOW,
  );

  it(
    'dead-letters a delivery after the last retry, and sends it again on redelivery',
    async () => {
      const { receiver: down, url } = await receiver();
      down.answer = () => 500;
      const { webhook } = await createWebhook(deps, admin, 'lab/ct', { url, actions: ['issue.'] });
      await openIssue(deps, writer, 'lab/ct', { title: 'Wrong laterality' });

      const [dead] = await settled(webhook.id, 1);
      expect(dead).toMatchObject({ state: 'failed', attempts: 3, responseStatus: 500, responseBody: 'answer 3' });
      expect(dead?.lastError).toContain('HTTP 500');
      expect(down.requests).toHaveLength(3);

      down.answer = () => 200;
      const again = await redeliverWebhook(deps, admin, dead?.id ?? '');
      expect(again.state).toBe('queued');
      const [redelivered] = await settled(webhook.id, 1);
      expect(redelivered).toMatchObject({ id: dead?.id, state: 'done', attempts: 4, responseStatus: 200 });
      expect(down.requests).toHaveLength(4);
      expect(down.requests[3]?.headers['strata-delivery']).toBe(dead?.id);

      // Not by someone who does not administer the dataset; not for an id that is no delivery.
      expect(await errorCode(redeliverWebhook(deps, writer, dead?.id ?? ''))).toBe('auth.forbidden');
      expect(await errorCode(redeliverWebhook(deps, admin, '00000000-0000-4000-8000-000000000000'))).toBe(
        'webhook.delivery_not_found',
      );
      expect(await errorCode(redeliverWebhook(deps, admin, 'nope'))).toBe('webhook.delivery_not_found');
    },
    SLOW,
  );

  it(
    'sends only the actions asked for, of its own dataset, and never reads of data',
    async () => {
      const { receiver: quiet, url } = await receiver();
      const { webhook } = await createWebhook(deps, admin, 'lab/ct', { url, actions: ['issue.opened', 'comment.'] });
      await createLabel(deps, writer, 'lab/ct', { name: 'unsubscribed', color: '#00ff00' });
      await openIssue(deps, writer, 'lab/mr', { title: 'Another dataset' });
      await deps.database.transaction((repositories) =>
        repositories.audit.append(
          {
            actorKind: 'operator',
            actorId: null,
            actorLogin: null,
            tokenId: null,
            action: 'data.read',
            datasetId: webhook.datasetId,
            subject: null,
            data: '{}',
          },
          deps.now(),
        ),
      );
      const asked = await openIssue(deps, writer, 'lab/ct', { title: 'Asked for' });
      await consumers.dispatcher.dispatchAll();

      const deliveries = await settled(webhook.id, 1);
      expect(deliveries.map((d) => d.action)).toEqual(['issue.opened']);
      expect(quiet.requests.map((r) => JSON.parse(r.body) as { data: unknown; subject: string })).toMatchObject([
        { subject: `lab/ct#${asked.number}` },
      ]);
    },
    SLOW,
  );

  it(
    'refuses bad input with stable codes, and writes nothing',
    async () => {
      const { url } = await receiver();
      const before = (await listWebhooks(deps, admin, 'lab/mr')).length;
      expect(
        await errorCode(createWebhook(deps, admin, 'lab/mr', { url: 'ftp://example.org/x', actions: ['*'] })),
      ).toBe('webhook.invalid_url');
      expect(await errorCode(createWebhook(deps, admin, 'lab/mr', { url: 'not a url', actions: ['*'] }))).toBe(
        'webhook.invalid_url',
      );
      expect(
        await errorCode(createWebhook(deps, admin, 'lab/mr', { url: 'https://u:p@example.org/', actions: ['*'] })),
      ).toBe('webhook.invalid_url');
      expect(await errorCode(createWebhook(deps, admin, 'lab/mr', { url, actions: ['issue.exploded'] }))).toBe(
        'webhook.invalid_action',
      );
      expect(await errorCode(createWebhook(deps, admin, 'lab/mr', { url, actions: ['data.read'] }))).toBe(
        'webhook.invalid_action',
      );
      expect(await errorCode(createWebhook(deps, admin, 'lab/mr', { url, actions: [] }))).toBe(
        'webhook.invalid_action',
      );
      expect(await errorCode(createWebhook(deps, admin, 'lab/mr', { url, actions: ['*'], secret: 'short' }))).toBe(
        'webhook.invalid_secret',
      );
      expect(await errorCode(createWebhook(deps, writer, 'lab/mr', { url, actions: ['*'] }))).toBe('auth.forbidden');
      expect(await errorCode(createWebhook(deps, admin, 'lab/none', { url, actions: ['*'] }))).toBe(
        'dataset.not_found',
      );
      expect(await listWebhooks(deps, admin, 'lab/mr')).toHaveLength(before);

      const { webhook } = await createWebhook(deps, admin, 'lab/mr', {
        url,
        actions: ['*'],
        secret: 'a secret given by the receiver',
      });
      expect(await errorCode(updateWebhook(deps, writer, webhook.id, { active: false }))).toBe('auth.forbidden');
      expect(await errorCode(updateWebhook(deps, admin, webhook.id, { url: 'javascript:alert(1)' }))).toBe(
        'webhook.invalid_url',
      );
      expect(await errorCode(updateWebhook(deps, admin, '00000000-0000-4000-8000-000000000000', {}))).toBe(
        'webhook.not_found',
      );
      expect(await errorCode(deleteWebhook(deps, admin, 'nope'))).toBe('webhook.not_found');
      expect(await updateWebhook(deps, admin, webhook.id, { actions: ['proposal.'], active: false })).toMatchObject({
        actions: ['proposal.'],
        active: false,
      });
      await deleteWebhook(deps, admin, webhook.id);
      expect(await listWebhooks(deps, admin, 'lab/mr')).toHaveLength(before);
    },
    SLOW,
  );

  it(
    'deactivates a webhook whose creator no longer administers the dataset',
    async () => {
      const { receiver: orphan, url } = await receiver();
      const owner = await signedInUser(fixture.deps, 'olga');
      await grantRole(fixture.deps, OPERATOR, 'lab/mr', 'olga', 'admin');
      const { webhook } = await createWebhook(deps, owner, 'lab/mr', { url, actions: ['issue.opened'] });
      await revokeRole(fixture.deps, OPERATOR, 'lab/mr', 'olga');
      await openIssue(deps, writer, 'lab/mr', { title: 'After the revocation' });

      const [delivery] = await settled(webhook.id, 1);
      expect(delivery).toMatchObject({ state: 'failed', attempts: 0 });
      expect(delivery?.lastError).toContain('deactivated');
      expect(orphan.requests).toHaveLength(0);
      const hooks = await listWebhooks(deps, admin, 'lab/mr');
      expect(hooks.find((hook) => hook.id === webhook.id)?.active).toBe(false);
    },
    SLOW,
  );

  it(
    'enqueues each event once however many dispatchers run at the same time',
    async () => {
      const { receiver: counted, url } = await receiver();
      const { webhook } = await createWebhook(deps, admin, 'lab/ct', { url, actions: ['issue.opened'] });
      // A second process's dispatcher: on PostgreSQL its own connections (PGlite has one process).
      const postgres = testPostgresUrl() !== undefined;
      const other = postgres ? await openDatabase(fixture.database.target) : fixture.database;
      try {
        const dispatchers = [
          new WebhookDispatcher({ ...deps, database: other }, jobs, { batchSize: 3 }),
          new WebhookDispatcher(deps, jobs, { batchSize: 3 }),
          consumers.dispatcher,
        ];
        for (let i = 0; i < 10; i++) await openIssue(deps, writer, 'lab/ct', { title: `Burst ${i}` });
        await Promise.all(dispatchers.map((dispatcher) => dispatcher.dispatchAll()));
      } finally {
        if (postgres) await other.close();
      }
      const deliveries = await settled(webhook.id, 10);
      expect(new Set(deliveries.map((d) => d.eventSeq)).size).toBe(10);
      expect(deliveries.every((d) => d.state === 'done' && d.attempts === 1)).toBe(true);
      expect(counted.requests).toHaveLength(10);
    },
    SLOW,
  );
});
