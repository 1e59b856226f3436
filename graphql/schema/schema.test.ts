import { readFile } from 'node:fs/promises';
import { graphql, parse, printSchema, validate, type GraphQLSchema } from 'graphql';
import { sha256 } from '@strata/modules/blob';
import { ANONYMOUS, OPERATOR, authenticate, createToken, createUser, type Actor } from '@strata/services/access';
import { useVersioningFixture } from '@strata/services/testing';
import { commitChanges, createDataset } from '@strata/services/versioning';
import { buildStrataSchema, costError, createContext, depthLimit, formatError, operationCost } from '../index.js';

const ada = { name: 'Ada', email: 'ada@example.org' };
const fixture = useVersioningFixture('graphql');
let schema: GraphQLSchema;

beforeAll(async () => {
  schema = await buildStrataSchema();
});

/** Runs an operation as `actor`, returning data and errors formatted as clients see them. */
async function run(actor: Actor, source: string, variableValues: Record<string, unknown> = {}) {
  const result = await graphql({ schema, source, variableValues, contextValue: createContext(fixture.deps, actor) });
  return { data: result.data, errors: result.errors?.map((error) => formatError(error.toJSON(), error)) };
}

/** Puts instances (path → content) on a branch as one commit. */
async function put(
  dataset: Awaited<ReturnType<typeof createDataset>>,
  branch: string,
  changes: Record<string, string>,
) {
  const entries = Object.entries(changes);
  return commitChanges(fixture.deps, {
    dataset,
    branch,
    message: `add ${entries.map(([path]) => path).join(', ')}`,
    author: ada,
    edits: entries.map(([path, content]) => ({
      path,
      file: { kind: 'dicom', id: sha256(content), bytes: content.length },
    })),
    files: entries.map(([, content]) => ({ id: sha256(content), size: content.length, parts: [sha256(content)] })),
  });
}

describe('GraphQL schema', () => {
  it('is the one printed in graphql/schema.graphql (regenerate it with npm run schema:graphql)', async () => {
    const file = await readFile(new URL('../schema.graphql', import.meta.url), 'utf8');
    expect(printSchema(schema) + '\n').toBe(file);
  });

  it('answers who is asking, and lists only the datasets the viewer can read', async () => {
    await createDataset(fixture.deps, 'lab/open', ada, { visibility: 'public' });
    await createDataset(fixture.deps, 'lab/closed', ada, { visibility: 'private' });
    const query =
      '{ viewer { signedIn login siteAdmin } datasets(first: 10) { nodes { fullName viewerRole visibility } pageInfo { hasNextPage endCursor } } }';
    expect(await run(ANONYMOUS, query)).toEqual({
      data: {
        viewer: { signedIn: false, login: null, siteAdmin: false },
        datasets: {
          nodes: [{ fullName: 'lab/open', viewerRole: 'READ', visibility: 'PUBLIC' }],
          pageInfo: { hasNextPage: false, endCursor: null },
        },
      },
    });
    const admin = await run(
      OPERATOR,
      '{ datasets(first: 1) { nodes { fullName viewerRole } pageInfo { hasNextPage endCursor } } }',
    );
    expect(admin.data).toEqual({
      datasets: {
        nodes: [{ fullName: 'lab/closed', viewerRole: 'ADMIN' }],
        pageInfo: { hasNextPage: true, endCursor: 'lab/closed' },
      },
    });
    const next = await run(
      OPERATOR,
      '{ datasets(first: 1, after: "lab/closed") { nodes { fullName } pageInfo { hasNextPage } } }',
    );
    expect(next.data).toEqual({ datasets: { nodes: [{ fullName: 'lab/open' }], pageInfo: { hasNextPage: false } } });
  });

  it('refuses a private dataset alike whether it exists or not, with the HTTP codes', async () => {
    await createUser(fixture.deps, OPERATOR, { login: 'eve', email: 'eve@example.org' });
    const { token } = await createToken(fixture.deps, OPERATOR, { login: 'eve', name: 'cli', scope: 'read' });
    const eve = await authenticate(fixture.deps, { kind: 'token', token });
    const query = 'query ($name: String!) { dataset(owner: "lab", name: $name) { fullName } }';
    for (const name of ['closed', 'nothing-here']) {
      expect((await run(eve, query, { name })).errors?.map((e) => e.extensions?.['code'])).toEqual([
        'dataset.not_found',
      ]);
      expect((await run(ANONYMOUS, query, { name })).errors?.map((e) => e.extensions?.['code'])).toEqual([
        'auth.required',
      ]);
    }
    const write = await run(eve, 'mutation { createBranch(dataset: "lab/open", name: "mine") { name } }');
    expect(write.errors?.map((e) => e.extensions?.['code'])).toEqual(['auth.forbidden']);
  });

  it('walks history a page at a time, resolves refs, parents and diffs', async () => {
    const dataset = await createDataset(fixture.deps, 'lab/history', ada, { visibility: 'public' });
    const commits: string[] = [];
    for (let i = 0; i < 5; i++)
      commits.push((await put(dataset, 'main', { [`1.2/1.2.3/1.2.3.${i}`]: `v${i}` })).commit);
    const branch = await run(
      OPERATOR,
      'mutation { createBranch(dataset: "lab/history", name: "fix", from: "main") { name kind commit { id } } }',
    );
    expect(branch.data).toEqual({ createBranch: { name: 'fix', kind: 'BRANCH', commit: { id: commits[4] } } });
    const page = `query ($after: String) { dataset(owner: "lab", name: "history") {
      history(first: 2, after: $after) { nodes { id shortId message parents { id } } pageInfo { hasNextPage endCursor } } } }`;
    const seen: string[] = [];
    const parents: string[][] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const result = await run(ANONYMOUS, page, { after });
      if (result.errors !== undefined) throw new Error(JSON.stringify(result.errors));
      const history = (
        result.data as {
          dataset: {
            history: {
              nodes: { id: string; parents: { id: string }[] }[];
              pageInfo: { hasNextPage: boolean; endCursor: string | null };
            };
          };
        }
      ).dataset.history;
      for (const node of history.nodes) {
        seen.push(node.id);
        parents.push(node.parents.map((parent) => parent.id));
      }
      if (!history.pageInfo.hasNextPage) break;
      after = history.pageInfo.endCursor;
    }
    expect(seen.slice(0, 5)).toEqual([...commits].reverse());
    expect(seen.length).toBe(6); // and the dataset's first, empty commit
    // Each commit's parent is the one listed after it; the first commit has none.
    expect(parents).toEqual([...seen.slice(1).map((id) => [id]), []]);
    const diff = await run(
      ANONYMOUS,
      `{ dataset(owner: "lab", name: "history") { diff(from: "${commits[1]}", to: "main") { added removed changed studies { studyInstanceUid series { seriesInstanceUid added } } } } }`,
    );
    expect(diff.data).toEqual({
      dataset: {
        diff: {
          added: 3,
          removed: 0,
          changed: 0,
          studies: [
            {
              studyInstanceUid: '1.2',
              series: [{ seriesInstanceUid: '1.2.3', added: ['1.2.3.2', '1.2.3.3', '1.2.3.4'] }],
            },
          ],
        },
      },
    });
    const forged = await run(
      ANONYMOUS,
      '{ dataset(owner: "lab", name: "history") { history(after: "bm90LWEtY29tbWl0") { nodes { id } } } }',
    );
    expect(forged.errors?.map((e) => e.extensions?.['code'])).toEqual(['history.invalid_cursor']);
    const tooMany = await run(
      ANONYMOUS,
      '{ dataset(owner: "lab", name: "history") { history(first: 101) { nodes { id } } } }',
    );
    expect(tooMany.errors?.map((e) => e.extensions?.['code'])).toEqual(['graphql.invalid_page_size']);
  });

  it('refuses operations too deep or too costly before running them', () => {
    const deep = parse(
      `{ dataset(owner: "a", name: "b") { history { nodes { parents { parents { parents { parents { parents { parents { parents { parents { parents { id } } } } } } } } } } } } }`,
    );
    expect(validate(schema, deep, [depthLimit(12)]).map((e) => e.extensions['code'])).toEqual(['graphql.too_deep']);
    const shallow = parse('{ dataset(owner: "a", name: "b") { history { nodes { parents { id } } } } }');
    expect(validate(schema, shallow, [depthLimit(12)])).toEqual([]);
    const costly = parse(
      '{ datasets(first: 100) { nodes { history(first: 100) { nodes { parents { id message } } } } } }',
    );
    const cost = operationCost(schema, costly, {});
    expect(cost).toBeGreaterThan(20_000);
    expect(costError(cost)?.extensions['code']).toBe('graphql.too_costly');
    expect(costError(operationCost(schema, shallow, {}))).toBeUndefined();
  });
});
