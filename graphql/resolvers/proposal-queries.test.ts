// Per-request DataLoaders keep a page of proposals to a fixed number of SQL statements, however
// many proposals, authors and reviews it shows (issue #5: 50 proposals with authors and review
// counts). The statements are counted from the ORM's query log.
import { graphql, type GraphQLSchema } from 'graphql';
import { sha256 } from '@strata/modules/blob';
import { authenticate, createToken, createUser, grantRole, OPERATOR, type Actor } from '@strata/services/access';
import { openProposal, reviewProposal } from '@strata/services/collaboration';
import { useVersioningFixture } from '@strata/services/testing';
import { commitChanges, createBranch, createDataset, findDataset } from '@strata/services/versioning';
import { buildStrataSchema, createContext } from '../index.js';

let counting = false;
let statements = 0;
const fixture = useVersioningFixture('proposal-queries', {
  onQuery: (message) => {
    // Query lines start `[query] ` (behind a colour code).
    if (counting && message.slice(0, 20).includes('[query] ')) statements++;
  },
});
let schema: GraphQLSchema;

async function user(login: string): Promise<Actor> {
  await createUser(fixture.deps, OPERATOR, { login, email: `${login}@example.org` });
  await grantRole(fixture.deps, OPERATOR, 'lab/many', login, 'write');
  const { token } = await createToken(fixture.deps, OPERATOR, { login, name: 't', scope: 'write' });
  return authenticate(fixture.deps, { kind: 'token', token });
}

/** Opens `count` proposals, each from a branch of its own with one commit, by rotating authors, each reviewed. */
async function seed(count: number, authors: Actor[], reviewer: Actor) {
  const dataset = await findDataset(fixture.deps, 'lab/many');
  for (let i = 0; i < count; i++) {
    const branch = `topic/${i}`;
    await createBranch(fixture.deps, dataset, branch);
    const content = `instance ${i}`;
    await commitChanges(fixture.deps, {
      dataset,
      branch,
      message: branch,
      author: { name: 'Ada', email: 'ada@example.org' },
      edits: [{ path: `s/x/${i}`, file: { kind: 'dicom', id: sha256(content), bytes: content.length } }],
      files: [{ id: sha256(content), size: content.length, parts: [sha256(content)] }],
    });
    const author = authors[i % authors.length] ?? OPERATOR;
    const { thread } = await openProposal(fixture.deps, author, dataset, {
      source: branch,
      target: 'main',
      title: branch,
    });
    await reviewProposal(fixture.deps, reviewer, dataset, thread.number, { verdict: 'comment', body: 'seen' });
    if (i % 2 === 0) await reviewProposal(fixture.deps, reviewer, dataset, thread.number, { verdict: 'approve' });
  }
}

const PAGE = `query($first: Int!) { dataset(owner: "lab", name: "many") {
  proposals(first: $first) { nodes { number title state author { login } reviewCount mergedBy { login } }
  pageInfo { hasNextPage endCursor } } } }`;

async function countStatements(actor: Actor, first: number) {
  statements = 0;
  counting = true;
  const result = await graphql({
    schema,
    source: PAGE,
    variableValues: { first },
    contextValue: createContext(fixture.deps, actor),
  });
  counting = false;
  expect(result.errors).toBeUndefined();
  return {
    statements,
    data: result.data as { dataset: { proposals: { nodes: { reviewCount: number; author: { login: string } }[] } } },
  };
}

describe('a page of proposals', () => {
  let reader: Actor;
  beforeAll(async () => {
    schema = await buildStrataSchema();
    await createDataset(fixture.deps, 'lab/many', { name: 'Ada', email: 'ada@example.org' });
    const [reviewer, ...authors] = [await user('rev'), await user('a1'), await user('a2'), await user('a3')];
    reader = authors[0] ?? OPERATOR;
    await seed(50, authors, reviewer ?? OPERATOR);
  });

  it('costs the same number of statements for 5 proposals as for 50', async () => {
    const five = await countStatements(reader, 5);
    const fifty = await countStatements(reader, 50);
    expect(fifty.data.dataset.proposals.nodes).toHaveLength(50);
    expect(fifty.data.dataset.proposals.nodes.map((node) => node.author.login).sort()[0]).toBe('a1');
    expect(fifty.data.dataset.proposals.nodes.every((node) => node.reviewCount >= 1)).toBe(true);
    expect(fifty.data.dataset.proposals.nodes.filter((node) => node.reviewCount === 2)).toHaveLength(25);
    expect(five.statements).toBeGreaterThan(0);
    expect(fifty.statements).toBe(five.statements);
    // The dataset, the viewer's role on it (asked by dataset() and again by the proposals
    // service), the page, its authors, their reviews: six, not one per proposal.
    expect(fifty.statements).toBeLessThanOrEqual(6);
  });
});
