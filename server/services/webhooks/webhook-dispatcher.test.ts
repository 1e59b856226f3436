import { startJobQueue, type JobQueue } from '@strata/models';
import { OPERATOR, grantRole, type Actor } from '../access/index.js';
import { openIssue } from '../collaboration/index.js';
import { signedInUser } from '../testing/test-actors.js';
import { useVersioningFixture } from '../testing/versioning-fixture.js';
import { createDataset } from '../versioning/index.js';
import type { VersioningDeps } from '../versioning/versioning-deps.js';
import { createWebhook, recentDeliveries, updateWebhook, WebhookDispatcher } from './index.js';
import { DELIVERY_QUEUE } from './webhooks.js';

/** The statements the database ran, as MikroORM logs them. */
const statements: string[] = [];
const fixture = useVersioningFixture('webhook-dispatcher', {
  onQuery: (message) => {
    if (message.includes('[query]')) statements.push(message);
  },
});

describe('WebhookDispatcher', () => {
  let jobs: JobQueue;
  let deps: VersioningDeps;
  let admin: Actor;
  let dispatcher: WebhookDispatcher;

  beforeAll(async () => {
    // The delivery queue without its workers: deliveries are recorded and queued, never sent.
    jobs = await startJobQueue(fixture.database, { pollSeconds: 60 });
    await jobs.define(DELIVERY_QUEUE, { retryLimit: 0, retryDelaySeconds: 0 });
    deps = { ...fixture.deps, jobs };
    dispatcher = new WebhookDispatcher(deps, jobs);
    await createDataset(fixture.deps, 'lab/ct', { name: 'Ada', email: 'ada@example.org' });
    admin = await signedInUser(fixture.deps, 'alice');
    await grantRole(fixture.deps, OPERATOR, 'lab/ct', 'alice', 'admin');
  }, 60_000);

  afterAll(async () => {
    await jobs?.stop();
  });

  const cursor = async () => {
    const rows = await fixture.database
      .fork()
      .execute<{ seq: string | number }[]>("select seq from dispatch_cursor where name = 'webhooks'");
    return Number(rows[0]?.seq);
  };
  const lastSeq = async () => {
    const rows = await fixture.database
      .fork()
      .execute<{ seq: string | number }[]>('select max(seq) as seq from audit_event');
    return Number(rows[0]?.seq);
  };
  /** The statements `work` made the database run. */
  const ran = async (work: () => Promise<unknown>) => {
    statements.length = 0;
    await work();
    return [...statements];
  };
  const issue = (title: string) => openIssue(deps, admin, 'lab/ct', { title });

  it('moves past the log in one statement while no webhook is active, and sends a webhook only what follows it', async () => {
    await issue('Before any webhook');
    const idle = await ran(() => dispatcher.dispatchAll());
    expect(idle).toHaveLength(1);
    expect(idle[0]).toContain('update dispatch_cursor');
    expect(await cursor()).toBe(await lastSeq());

    const { webhook } = await createWebhook(deps, admin, 'lab/ct', {
      url: 'http://127.0.0.1:9/hook',
      actions: ['issue.opened'],
    });
    await issue('After the webhook');
    // A webhook is active: the statement moves nothing, and the dispatch reads the log.
    expect((await ran(() => dispatcher.dispatchAll())).length).toBeGreaterThan(1);
    const sent = async () =>
      ((await recentDeliveries(deps, [webhook.id])).get(webhook.id) ?? []).map((d) => d.eventSeq).sort((a, b) => a - b);
    const first = await sent();
    expect(first).toHaveLength(1);
    expect(await cursor()).toBe(await lastSeq());

    // Inactive, it misses what happens meanwhile; active again, it is sent what follows.
    await updateWebhook(deps, admin, webhook.id, { active: false });
    await issue('While inactive');
    expect(await ran(() => dispatcher.dispatchAll())).toHaveLength(1);
    await updateWebhook(deps, admin, webhook.id, { active: true });
    await issue('Active again');
    const before = await lastSeq();
    await dispatcher.dispatchAll();
    expect(await sent()).toEqual([...first, before]);
  });
});
