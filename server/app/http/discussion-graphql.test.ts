import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256 } from '@strata/modules/blob';
import { createTestTarget, type TestDatabaseTarget } from '@strata/models/testing';
import { OPERATOR, authenticate, createToken, createUser, grantRole } from '@strata/services/access';
import { addComment, createLabel, openIssue, setAssignee, setThreadLabel } from '@strata/services/collaboration';
import { commitChanges, createDataset, type VersioningDeps } from '@strata/services/versioning';
import { loadConfig } from '../config/index.js';
import { serve, type RunningServer } from '../runtime/serve.js';

const STUDY = '1.2.840.5';
const SERIES = '1.2.840.5.1';
const INSTANCE = '1.2.840.5.1.1';
const ada = { name: 'Ada', email: 'ada@example.org' };

let dir: string;
let database: TestDatabaseTarget;
let server: RunningServer;
let deps: VersioningDeps;
const tokens: Record<string, string> = {};
let commit: string;
let otherCommit: string;
/** Queries the server's database ran while `counting` was set. */
let counted: string[] = [];
let counting = false;

async function user(login: string, role: 'read' | 'write', dataset = 'lab/ct') {
  await createUser(deps, OPERATOR, { login, email: `${login}@example.org` });
  tokens[login] = (await createToken(deps, OPERATOR, { login, name: 'test', scope: 'admin' })).token;
  await grantRole(deps, OPERATOR, dataset, login, role);
}

async function withInstance(fullName: string, seed: string): Promise<string> {
  const dataset = await createDataset(deps, fullName, ada, { visibility: 'private' });
  const id = sha256(seed);
  const result = await commitChanges(deps, {
    dataset,
    branch: 'main',
    edits: [{ path: `${STUDY}/${SERIES}/${INSTANCE}`, file: { kind: 'dicom', id, bytes: seed.length } }],
    files: [{ id, size: seed.length, parts: [id] }],
    message: 'one',
    author: ada,
  });
  return result.commit;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'strata-discussion-'));
  database = await createTestTarget();
  server = await serve(
    // No job consumers: the webhook dispatcher's statements would be counted with the requests'.
    {
      ...loadConfig({ DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'silent', JOBS_CONSUME: 'false' }),
      database: database.target,
    },
    // The server's event hub reads the audit log whenever an event commits, on its own schedule:
    // its statements are not the request's.
    {
      onQuery: (message) =>
        counting && message.includes('[query]') && !/audit_(event|head)/.test(message) && counted.push(message),
    },
  );
  deps = { database: server.system.database, blobStore: server.system.blobStore, now: () => new Date() };
  commit = await withInstance('lab/ct', 'ct-instance');
  otherCommit = await withInstance('lab/other', 'other-instance');
  await user('writer', 'write');
  await user('reader', 'read');
});

afterAll(async () => {
  await server.stop();
  await database.drop();
  await rm(dir, { recursive: true, force: true });
});

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions: { code: string } }[];
}

async function gql(login: string | null, query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(login === null ? {} : { authorization: `Bearer ${tokens[login]}` }),
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Answer;
}

const codeOf = (answer: Answer) => answer.errors?.[0]?.extensions.code;

const OPEN =
  'mutation($title: String!) { openIssue(dataset: "lab/ct", title: $title, body: "b") { number title state } }';
const COMMENT = `mutation($number: Int!, $anchor: AnchorInput) {
  addComment(dataset: "lab/ct", number: $number, body: "here", anchor: $anchor) { id body anchor { commitId frame region { x width } } }
}`;

describe('issues, comments and releases over GraphQL', () => {
  it('opens, labels, assigns, comments (anchored) and closes an issue, and refuses bad input by code', async () => {
    expect(await gql('reader', OPEN, { title: 'Flipped slice' })).toEqual({
      data: { openIssue: { number: 1, title: 'Flipped slice', state: 'OPEN' } },
    });
    expect(codeOf(await gql(null, OPEN, { title: 'x' }))).toBe('auth.required');
    expect(codeOf(await gql('reader', OPEN, { title: 'x'.repeat(301) }))).toBe('text.invalid_title');
    const label = 'mutation { createLabel(dataset: "lab/ct", name: "artifact", color: "#aabbcc") { name color } }';
    expect(codeOf(await gql('reader', label))).toBe('auth.forbidden');
    expect((await gql('writer', label)).data).toEqual({ createLabel: { name: 'artifact', color: 'aabbcc' } });
    expect(
      (await gql('writer', 'mutation { setLabel(dataset: "lab/ct", number: 1, label: "Artifact", on: true) }')).data,
    ).toEqual({ setLabel: true });
    await gql('writer', 'mutation { setAssignee(dataset: "lab/ct", number: 1, login: "reader", assigned: true) }');

    const anchor = {
      commitId: commit,
      studyInstanceUid: STUDY,
      seriesInstanceUid: SERIES,
      sopInstanceUid: INSTANCE,
      frame: 1,
      region: { x: 1, y: 2, width: 3, height: 4 },
    };
    const added = await gql('reader', COMMENT, { number: 1, anchor });
    expect(added.data).toMatchObject({
      addComment: { anchor: { commitId: commit, frame: 1, region: { x: 1, width: 3 } } },
    });
    expect(codeOf(await gql('reader', COMMENT, { number: 1, anchor: { ...anchor, commitId: otherCommit } }))).toBe(
      'anchor.not_found',
    );
    expect(codeOf(await gql('reader', COMMENT, { number: 1, anchor: { ...anchor, studyInstanceUid: '1..2' } }))).toBe(
      'anchor.invalid',
    );
    expect(codeOf(await gql('reader', COMMENT, { number: 42 }))).toBe('thread.not_found');
    expect(codeOf(await gql('writer', 'mutation { closeIssue(dataset: "lab/ct", number: 42) { number } }'))).toBe(
      'thread.not_found',
    );
    expect((await gql('writer', 'mutation { closeIssue(dataset: "lab/ct", number: 1) { state } }')).data).toEqual({
      closeIssue: { state: 'CLOSED' },
    });

    const read = await gql(
      'reader',
      `{ dataset(owner: "lab", name: "ct") {
          issue(number: 1) { title state author { login } assignees { login } labels { name } commentCount
            comments(first: 10) { nodes { body author { login } } pageInfo { hasNextPage } } }
          closed: issues(states: [CLOSED], label: "artifact") { nodes { number } }
          open: issues(states: [OPEN]) { nodes { number } }
          anchoredComments(studyInstanceUid: "${STUDY}", sopInstanceUid: "${INSTANCE}") { nodes { body } }
        } }`,
    );
    expect(read.errors).toBeUndefined();
    const costly = await gql(
      'reader',
      '{ dataset(owner: "lab", name: "ct") { issues(first: 100) { nodes { comments(first: 100) { nodes { body author { login } } } } } } }',
    );
    expect(codeOf(costly)).toBe('graphql.too_costly');
    expect(
      codeOf(await gql('reader', '{ dataset(owner: "lab", name: "ct") { issues(first: 101) { nodes { number } } } }')),
    ).toBe('graphql.invalid_page_size');
    expect(read.data).toEqual({
      dataset: {
        issue: {
          title: 'Flipped slice',
          state: 'CLOSED',
          author: { login: 'reader' },
          assignees: [{ login: 'reader' }],
          labels: [{ name: 'artifact' }],
          commentCount: 1,
          comments: { nodes: [{ body: 'here', author: { login: 'reader' } }], pageInfo: { hasNextPage: false } },
        },
        closed: { nodes: [{ number: 1 }] },
        open: { nodes: [] },
        anchoredComments: { nodes: [{ body: 'here' }] },
      },
    });
  });

  it('publishes a release, answers it by tag, and serves its manifest and citation with DICOMweb’s access', async () => {
    const create = `mutation($tag: String!) { createRelease(dataset: "lab/ct", tag: $tag, title: "First", notes: "n",
      citation: { authors: [{ name: "Ada Lovelace", orcid: "0000-0002-1825-0097" }], version: "1.0", license: "CC-BY-4.0" })
      { tag studies series instances bytes commitId dicomwebPath manifestPath author { login } } }`;
    expect(codeOf(await gql('reader', create, { tag: 'v1' }))).toBe('auth.forbidden');
    const created = await gql('writer', create, { tag: 'v1' });
    expect(created.data).toEqual({
      createRelease: {
        tag: 'v1',
        studies: 1,
        series: 1,
        instances: 1,
        bytes: 'ct-instance'.length,
        commitId: commit,
        dicomwebPath: '/dicomweb/lab/ct/@v1',
        manifestPath: '/api/datasets/lab/ct/releases/v1/manifest.json',
        author: { login: 'writer' },
      },
    });
    expect(codeOf(await gql('writer', create, { tag: 'v1' }))).toBe('ref.exists');
    const listed = await gql(
      'reader',
      '{ dataset(owner: "lab", name: "ct") { releases(first: 5) { nodes { tag } } release(tag: "v1") { title citation { license authors { orcid } } } } }',
    );
    expect(listed.data).toEqual({
      dataset: {
        releases: { nodes: [{ tag: 'v1' }] },
        release: { title: 'First', citation: { license: 'CC-BY-4.0', authors: [{ orcid: '0000-0002-1825-0097' }] } },
      },
    });
    expect(codeOf(await gql('reader', '{ dataset(owner: "lab", name: "ct") { release(tag: "v9") { tag } } }'))).toBe(
      'release.not_found',
    );

    const url = `${server.url}/api/datasets/lab/ct/releases/v1`;
    const manifest = await fetch(`${url}/manifest.json`, { headers: { authorization: `Bearer ${tokens.reader}` } });
    expect(manifest.status).toBe(200);
    expect(manifest.headers.get('content-type')).toContain('application/json');
    expect(await manifest.json()).toMatchObject({
      tag: 'v1',
      commit,
      counts: { studies: 1, series: 1, instances: 1 },
      files: [{ path: `${STUDY}/${SERIES}/${INSTANCE}`, size: 11, sha256: sha256('ct-instance') }],
    });
    expect((await fetch(`${url}/manifest.json`)).status).toBe(401);
    const missing = await fetch(`${server.url}/api/datasets/lab/ct/releases/v9/manifest.json`, {
      headers: { authorization: `Bearer ${tokens.reader}` },
    });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'release.not_found' } });
    const cff = await fetch(`${url}/CITATION.cff`, { headers: { authorization: `Bearer ${tokens.reader}` } });
    expect(await cff.text()).toContain('orcid: "https://orcid.org/0000-0002-1825-0097"');
  });

  it('lists 50 issues with authors, assignees, labels and comment counts in a bounded number of queries', async () => {
    await createDataset(deps, 'lab/busy', ada, { visibility: 'private' });
    const people = ['p1', 'p2', 'p3'];
    for (const login of people) await user(login, 'write', 'lab/busy');
    const actors = await Promise.all(
      people.map((login) => authenticate(deps, { kind: 'token', token: tokens[login] ?? '' })),
    );
    const [first, second, third] = actors as [never, never, never];
    await createLabel(deps, first, 'lab/busy', { name: 'a', color: '111111' });
    await createLabel(deps, first, 'lab/busy', { name: 'b', color: '222222' });
    for (let i = 1; i <= 50; i++) {
      const author = [first, second, third][i % 3] ?? first;
      await openIssue(deps, author, 'lab/busy', { title: `issue ${i}` });
      await setThreadLabel(deps, first, 'lab/busy', i, i % 2 === 0 ? 'a' : 'b', true);
      await setAssignee(deps, first, 'lab/busy', i, people[(i + 1) % 3] ?? 'p1', true);
      await addComment(deps, second, 'lab/busy', i, { body: `on ${i}` });
    }
    const list = (n: number) =>
      `{ dataset(owner: "lab", name: "busy") { issues(first: ${n}) { nodes {
          number author { login } assignees { login } labels { name } commentCount } } } }`;
    const queriesFor = async (n: number) => {
      counted = [];
      counting = true;
      const answer = await gql('p1', list(n));
      counting = false;
      expect(answer.errors).toBeUndefined();
      const nodes = (answer.data as { dataset: { issues: { nodes: { commentCount: number; labels: unknown[] }[] } } })
        .dataset.issues.nodes;
      expect(nodes).toHaveLength(n);
      expect(nodes.every((node) => node.commentCount === 1 && node.labels.length === 1)).toBe(true);
      return counted.length;
    };
    const fifty = await queriesFor(50);
    const five = await queriesFor(5);
    // The same handful of queries for 5 issues as for 50: authors, assignees, labels and counts
    // are each one batched query, not one per issue.
    expect({ fifty, five }).toEqual({ fifty: five, five });
    expect(fifty).toBeLessThanOrEqual(12);
  });
});
