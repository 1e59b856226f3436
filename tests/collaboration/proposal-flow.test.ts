// Issue #5's proposal flow end to end, through a real server: branch protection refuses a direct
// STOW-RS into main; an author pushes a study into a branch over STOW-RS and opens a change
// proposal over GraphQL; a second user, subscribed over graphql-ws, receives each step as it
// commits; a reviewer asks for changes; the author pushes again, which leaves that
// review stale; the reviewer approves the new head; the author merges; main's DICOMweb endpoint
// then answers QIDO-RS with the merged instances; the audit log holds every step and verifies.
import { createClient, type Client } from 'graphql-ws';
import { WebSocket } from 'ws';
import { createToken, createUser, grantRole, OPERATOR } from '@strata/services/access';
import { latestEvents, verifyAudit } from '@strata/services/audit';
import { startDicomwebFixture, type DicomwebFixture } from '../support/dicomweb-fixture.js';
import { syntheticSlice } from '../support/synthetic-dicom.js';

const STUDY = '1.2.826.0.1.3680043.10.55.1';
const SERIES = `${STUDY}.1`;

let fixture: DicomwebFixture;
const tokens = new Map<string, string>();
const clients: Client[] = [];

interface ReceivedEvent {
  seq: number;
  action: string;
  actor: string | null;
  data: Record<string, unknown>;
}

/**
 * Subscribes `login` to the dataset's proposal and review events over graphql-ws; resolves once
 * the server holds the subscription, with the list the events arrive in.
 */
async function subscribeToProposals(login: string): Promise<ReceivedEvent[]> {
  const client = createClient({
    url: `${fixture.server.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${tokens.get(login)}` },
  });
  clients.push(client);
  const received: ReceivedEvent[] = [];
  const before = fixture.server.events.subscriptionCount;
  client.subscribe<{ datasetEvents: ReceivedEvent }>(
    {
      query: `subscription { datasetEvents(dataset: "lab/ct", actions: ["proposal.", "review."]) {
        seq action actor data } }`,
    },
    {
      next: (result) => {
        if (result.data !== undefined && result.data !== null) received.push(result.data.datasetEvents);
      },
      error: (error) => {
        throw new Error(`the subscription failed: ${JSON.stringify(error)}`);
      },
      complete: () => undefined,
    },
  );
  await until(() => fixture.server.events.subscriptionCount > before);
  return received;
}

async function until(condition: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function member(login: string, role: 'write' | 'admin') {
  await createUser(fixture.deps, OPERATOR, { login, email: `${login}@example.org` });
  await grantRole(fixture.deps, OPERATOR, 'lab/ct', login, role);
  tokens.set(login, (await createToken(fixture.deps, OPERATOR, { login, name: 'flow', scope: 'admin' })).token);
}

interface GraphqlAnswer {
  data?: Record<string, unknown>;
  errors?: { message: string; extensions: { code: string; details?: unknown } }[];
}

async function graphql(login: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphqlAnswer> {
  const response = await fetch(`${fixture.server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(login)}` },
    body: JSON.stringify({ query, variables }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as GraphqlAnswer;
}

/** A proposal as PROPOSAL_FIELDS asks for it. */
interface ProposalView {
  number: number;
  state: string;
  headCommitId: string;
  mergeCommitId: string | null;
  mergeMethod: string | null;
  author: { login: string } | null;
  status: {
    headCommitId: string;
    approvals: number;
    requiredApprovals: number;
    changesRequested: number;
    blockers: string[];
  };
  reviews: {
    verdict: string;
    stale: boolean;
    dismissed: boolean;
    commitId: string;
    reviewer: { login: string } | null;
  }[];
  diff: { added: number; removed: number; changed: number };
}

/** The data of an operation that must succeed, as the type the test asked for. */
async function ok<T>(login: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const answer = await graphql(login, query, variables);
  expect(answer.errors).toBeUndefined();
  return answer.data as T;
}

function stow(login: string, branch: string, instance: number) {
  const file = syntheticSlice({
    studyUid: STUDY,
    seriesUid: SERIES,
    sopUid: `${SERIES}.${instance}`,
    patientName: 'PROPOSAL^FLOW',
    patientId: 'PF1',
    studyDate: '20261123',
    instanceNumber: instance,
    size: 8,
    seed: instance,
  });
  return fetch(`${fixture.server.url}/dicomweb/lab/ct/@${encodeURIComponent(branch)}/studies`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${tokens.get(login)}`,
      'content-type': 'multipart/related; type="application/dicom"; boundary=b',
      accept: 'application/dicom+json',
    },
    body: Buffer.concat([
      Buffer.from('--b\r\nContent-Type: application/dicom\r\n\r\n'),
      file,
      Buffer.from('\r\n--b--\r\n'),
    ]),
  });
}

const PROPOSAL_FIELDS = `number state headCommitId mergeCommitId mergeMethod author { login }
  status { headCommitId approvals requiredApprovals changesRequested blockers }
  reviews { verdict stale dismissed commitId reviewer { login } }
  diff { added removed changed }`;

beforeAll(async () => {
  fixture = await startDicomwebFixture();
  await member('lead', 'admin');
  await member('author', 'write');
  await member('reviewer', 'write');
});

afterAll(async () => {
  await Promise.all(clients.map(async (client) => client.dispose()));
  await fixture.stop();
});

describe('a change proposal from STOW-RS to merge', () => {
  it('protects main, reviews, goes stale, approves, merges, and main answers QIDO with the merged study', async () => {
    await ok(
      'lead',
      `mutation { setBranchProtection(dataset: "lab/ct", pattern: "main", requiredApprovals: 1) { pattern blockDirectWrites } }`,
    );
    const refused = await stow('author', 'main', 1);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 'branch.protected' } });

    const watched = await subscribeToProposals('reviewer');
    await ok('author', `mutation { createBranch(dataset: "lab/ct", name: "study/flow") { name } }`);
    expect((await stow('author', 'study/flow', 1)).status).toBe(200);
    const opened = await ok<{ openProposal: ProposalView }>(
      'author',
      `mutation($title: String!) { openProposal(dataset: "lab/ct", source: "study/flow", target: "main", title: $title, body: "One new study.") { ${PROPOSAL_FIELDS} } }`,
      { title: 'Add the flow study' },
    );
    const number = opened.openProposal.number;
    // The subscriber hears of it once it has committed, before anyone tells them.
    await until(() => watched.length === 1);
    expect(watched[0]).toMatchObject({ action: 'proposal.opened', actor: 'author', data: { number } });
    expect(opened.openProposal).toMatchObject({
      state: 'OPEN',
      author: { login: 'author' },
      status: { approvals: 0, requiredApprovals: 1, blockers: ['1 approval(s) required, 0 given'] },
      diff: { added: 1, removed: 0, changed: 0 },
    });

    await ok(
      'reviewer',
      `mutation { reviewProposal(dataset: "lab/ct", number: ${number}, verdict: REQUEST_CHANGES, body: "Add the second slice.") { verdict } }`,
    );
    const early = await graphql('author', `mutation { mergeProposal(dataset: "lab/ct", number: ${number}) { state } }`);
    expect(early.errors?.[0]?.extensions.code).toBe('proposal.not_mergeable');

    expect((await stow('author', 'study/flow', 2)).status).toBe(200);
    const read = `{ dataset(owner: "lab", name: "ct") { proposal(number: ${number}) { ${PROPOSAL_FIELDS} } } }`;
    const afterPush = (await ok<{ dataset: { proposal: ProposalView } }>('reviewer', read)).dataset.proposal;
    expect(afterPush.reviews).toEqual([
      expect.objectContaining({
        verdict: 'REQUEST_CHANGES',
        stale: true,
        dismissed: false,
        reviewer: { login: 'reviewer' },
      }),
    ]);
    expect(afterPush.status.changesRequested).toBe(1);
    expect(afterPush.diff).toEqual({ added: 2, removed: 0, changed: 0 });
    const head = afterPush.status.headCommitId;
    expect(head).not.toBe(afterPush.reviews[0]?.commitId);

    await ok(
      'reviewer',
      `mutation { reviewProposal(dataset: "lab/ct", number: ${number}, verdict: APPROVE, commitId: "${head}") { verdict stale } }`,
    );
    const merged = await ok<{ mergeProposal: ProposalView }>(
      'author',
      `mutation { mergeProposal(dataset: "lab/ct", number: ${number}, expectedHeadId: "${head}", deleteSourceBranch: true) { ${PROPOSAL_FIELDS} } }`,
    );
    expect(merged.mergeProposal).toMatchObject({ state: 'MERGED', mergeMethod: 'MERGE', headCommitId: head });
    const mergeCommit = merged.mergeProposal.mergeCommitId;

    const qido = await fetch(`${fixture.server.url}/dicomweb/lab/ct/@main/studies/${STUDY}/instances`, {
      headers: { accept: 'application/dicom+json' },
    });
    expect(qido.status).toBe(200);
    expect(qido.headers.get('strata-commit')).toBe(mergeCommit);
    const instances = (await qido.json()) as Record<string, { Value: string[] }>[];
    expect(instances.map((instance) => instance['00080018']?.Value[0]).sort()).toEqual([`${SERIES}.1`, `${SERIES}.2`]);
    const { dataset } = await ok<{ dataset: { branches: { name: string }[] } }>(
      'author',
      `{ dataset(owner: "lab", name: "ct") { branches { name } } }`,
    );
    expect(dataset.branches.map((branch) => branch.name)).not.toContain('study/flow');

    // Every step reached the subscriber, in the order it committed; nothing else did.
    await until(() => watched.some((event) => event.action === 'proposal.merged'));
    expect(watched.map((event) => [event.action, event.actor])).toEqual([
      ['proposal.opened', 'author'],
      ['review.submitted', 'reviewer'],
      ['review.submitted', 'reviewer'],
      ['proposal.merged', 'author'],
    ]);
    expect(watched.map((event) => event.seq)).toEqual([...watched.map((event) => event.seq)].sort((a, b) => a - b));
    // The anonymous QIDO-RS above is in the trail of reads, once the reads are flushed.
    await fixture.server.reads?.flush();
    const events = await latestEvents(fixture.deps, OPERATOR, 100, 'lab/ct');
    const qidoRead = events.find((event) => event.action === 'data.read' && event.subject === `lab/ct@${mergeCommit}`);
    expect(qidoRead).toMatchObject({ actorKind: 'anonymous' });
    expect(JSON.parse(qidoRead?.data ?? '{}')).toMatchObject({ resources: { qido: 1 }, studies: [STUDY] });
    const actions = events.map((event) => event.action).reverse();
    expect(actions.filter((action) => !action.startsWith('dataset.role') && action !== 'data.read')).toEqual([
      'protection.set',
      'branch.created',
      'commit.created',
      'proposal.opened',
      'review.submitted',
      'commit.created',
      'review.submitted',
      'proposal.merged',
      'branch.deleted',
    ]);
    expect((await verifyAudit(fixture.deps)).broken).toBeUndefined();
  });
});
