// Forks over GraphQL: forkDataset, the lineage fields of Dataset, and a proposal from a fork's
// branch into the original (Proposal.sourceDataset, its diff and its merge).
import { graphql, type GraphQLSchema } from 'graphql';
import { grantRole, OPERATOR, type Actor } from '@strata/services/access';
import { putFiles, signedInUser, useVersioningFixture } from '@strata/services/testing';
import { createDataset, findDataset } from '@strata/services/versioning';
import { buildStrataSchema, createContext, formatError } from '../index.js';

const fixture = useVersioningFixture('fork-resolver');
let schema: GraphQLSchema;
let maintainer: Actor;
let contributor: Actor;

beforeAll(async () => {
  schema = await buildStrataSchema();
  const original = await createDataset(fixture.deps, 'lab/brain', { name: 'Ada', email: 'ada@example.org' });
  await putFiles(fixture.deps, original, 'main', { '1.1/1.1.1/1.1.1.1': 'a0' });
  maintainer = await signedInUser(fixture.deps, 'maria');
  contributor = await signedInUser(fixture.deps, 'carl');
  await grantRole(fixture.deps, OPERATOR, 'lab/brain', 'maria', 'admin');
  await grantRole(fixture.deps, OPERATOR, 'lab/brain', 'carl', 'read');
});

async function run(actor: Actor, source: string, variables: Record<string, unknown> = {}) {
  const result = await graphql({
    schema,
    source,
    variableValues: variables,
    contextValue: createContext(fixture.deps, actor),
  });
  return {
    data: result.data as Record<string, Record<string, unknown>> | null | undefined,
    codes: (result.errors ?? []).map((error) => formatError(error.toJSON(), error).extensions?.['code']),
  };
}

const FORK = `mutation($dataset: String!, $name: String!, $visibility: Visibility) {
  forkDataset(dataset: $dataset, name: $name, visibility: $visibility) {
    fullName visibility viewerRole isFork forkedFrom { fullName } branches { name commitId } } }`;

describe('forks over GraphQL', () => {
  it('forks, lists the lineage, and merges a proposal from the fork', async () => {
    const forked = await run(contributor, FORK, { dataset: 'lab/brain', name: 'carl/brain' });
    expect(forked.codes).toEqual([]);
    expect(forked.data?.['forkDataset']).toMatchObject({
      fullName: 'carl/brain',
      visibility: 'PRIVATE',
      viewerRole: 'ADMIN',
      isFork: true,
      forkedFrom: { fullName: 'lab/brain' },
    });
    const lineage = await run(
      maintainer,
      `{ dataset(owner: "lab", name: "brain") { isFork forkedFrom { fullName } forks { fullName } } }`,
    );
    // The maintainer cannot read carl's private fork: it is not listed.
    expect(lineage.data?.['dataset']).toEqual({ isFork: false, forkedFrom: null, forks: [] });
    const seen = await run(contributor, `{ dataset(owner: "lab", name: "brain") { forks { fullName } } }`);
    expect(seen.data?.['dataset']).toEqual({ forks: [{ fullName: 'carl/brain' }] });

    expect((await run(contributor, FORK, { dataset: 'lab/brain', name: 'carl/brain' })).codes).toEqual([
      'dataset.exists',
    ]);
    expect(
      (await run(contributor, FORK, { dataset: 'lab/brain', name: 'carl/open', visibility: 'PUBLIC' })).codes,
    ).toEqual(['dataset.visibility_exceeds_source']);
    expect((await run(contributor, FORK, { dataset: 'lab/brain', name: 'maria/brain' })).codes).toEqual([
      'auth.forbidden',
    ]);

    const fork = await findDataset(fixture.deps, 'carl/brain');
    const pushed = await putFiles(fixture.deps, fork, 'main', { '1.1/1.1.1/1.1.1.2': 'a1' });
    const opened = await run(
      contributor,
      `mutation { openProposal(dataset: "lab/brain", sourceDataset: "carl/brain", source: "main", target: "main", title: "One more slice") {
        number sourceBranch sourceDataset { fullName } headCommitId diff { added removed changed } } }`,
    );
    expect(opened.codes).toEqual([]);
    expect(opened.data?.['openProposal']).toMatchObject({
      sourceBranch: 'main',
      sourceDataset: { fullName: 'carl/brain' },
      headCommitId: pushed.commit,
      diff: { added: 1, removed: 0, changed: 0 },
    });
    const number = opened.data?.['openProposal']?.['number'] as number;
    // The maintainer sees the proposal, but not the private fork it comes from.
    const viewed = await run(
      maintainer,
      `query($n: Int!) { dataset(owner: "lab", name: "brain") { proposal(number: $n) { sourceDataset { fullName } status { blockers } } } }`,
      { n: number },
    );
    expect(viewed.data?.['dataset']?.['proposal']).toEqual({ sourceDataset: null, status: { blockers: [] } });
    const merged = await run(
      maintainer,
      `mutation($n: Int!) { mergeProposal(dataset: "lab/brain", number: $n, method: FAST_FORWARD) { state mergeCommitId } }`,
      { n: number },
    );
    expect(merged.data?.['mergeProposal']).toEqual({ state: 'MERGED', mergeCommitId: pushed.commit });
    const commit = await run(
      maintainer,
      `query($id: String!) { dataset(owner: "lab", name: "brain") { commit(rev: $id) { id } } }`,
      { id: pushed.commit.slice(0, 12) },
    );
    expect(commit.data?.['dataset']?.['commit']).toEqual({ id: pushed.commit });

    const unrelated = await run(
      contributor,
      `mutation { openProposal(dataset: "lab/brain", sourceDataset: "lab/other", source: "main", target: "main", title: "x") { number } }`,
    );
    expect(unrelated.codes).toEqual(['dataset.not_found']);
  });
});
