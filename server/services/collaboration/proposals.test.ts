import type { DatasetRecord } from '@strata/models';
import {
  authenticate,
  createToken,
  createUser,
  grantRole,
  OPERATOR,
  setVisibility,
  type Actor,
} from '../access/index.js';
import { latestEvents, verifyAudit } from '../audit/index.js';
import { openVersion } from '../dicomweb/retrieve.js';
import { putFiles } from '../testing/put-files.js';
import { useVersioningFixture } from '../testing/versioning-fixture.js';
import { createBranch, createDataset, deleteBranch, log, resolveRef } from '../versioning/index.js';
import { gcRoots } from '../versioning/gc-roots.js';
import {
  dismissReview,
  getProposal,
  listProposals,
  matchesPattern,
  mergeProposal,
  openProposal,
  proposalMergeability,
  proposalStatus,
  reviewProposal,
  setBranchProtection,
  setCommitStatus,
  setProposalState,
} from './index.js';

const ada = { name: 'Ada', email: 'ada@example.org' };
const fixture = useVersioningFixture('proposals');
let datasets = 0;
let users = 0;

async function user(): Promise<Actor> {
  const login = `reviewer${++users}`;
  await createUser(fixture.deps, OPERATOR, { login, email: `${login}@example.org` });
  const { token } = await createToken(fixture.deps, OPERATOR, { login, name: 't', scope: 'admin' });
  return authenticate(fixture.deps, { kind: 'token', token });
}

function loginOf(actor: Actor): string {
  if (actor.kind !== 'user') throw new Error('not a user');
  return actor.login;
}

const put = (dataset: DatasetRecord, branch: string, changes: Record<string, string | null>) =>
  putFiles(fixture.deps, dataset, branch, changes);

/** A private dataset with an author (write), a reviewer (write), a reader, and a branch `fix` ahead of main. */
async function scene() {
  const name = `lab/proposals-${++datasets}`;
  const dataset = await createDataset(fixture.deps, name, ada);
  await put(dataset, 'main', { 's/x/a': 'a0', 's/x/b': 'b0' });
  await createBranch(fixture.deps, dataset, 'fix');
  await put(dataset, 'fix', { 's/x/a': `a1-${datasets}`, 's/y/new': `n-${datasets}` });
  const [author, reviewer, reader, outsider] = [await user(), await user(), await user(), await user()];
  await grantRole(fixture.deps, OPERATOR, name, loginOf(author), 'write');
  await grantRole(fixture.deps, OPERATOR, name, loginOf(reviewer), 'write');
  await grantRole(fixture.deps, OPERATOR, name, loginOf(reader), 'read');
  return { dataset, name, author, reviewer, reader, outsider };
}

const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: { code?: string }) => error.code,
  );

describe('branch protection patterns', () => {
  it('matches * within a segment and ** across segments', () => {
    expect(matchesPattern('main', 'main')).toBe(true);
    expect(matchesPattern('main', 'main2')).toBe(false);
    expect(matchesPattern('release/*', 'release/1.0')).toBe(true);
    expect(matchesPattern('release/*', 'release/1.0/hotfix')).toBe(false);
    expect(matchesPattern('release/**', 'release/1.0/hotfix')).toBe(true);
    expect(matchesPattern('v1.*', 'v1x2')).toBe(false);
  });
});

describe('change proposals', () => {
  it('opens one per source and target, numbered from the dataset sequence, and refuses bad ones', async () => {
    const { dataset, author, outsider } = await scene();
    const proposal = await openProposal(fixture.deps, author, dataset, {
      source: 'fix',
      target: 'main',
      title: 'Fix instance a',
    });
    expect(proposal).toMatchObject({ thread: { number: 1, state: 'open' }, sourceBranch: 'fix', targetBranch: 'main' });
    expect(proposal.headCommit).toBe((await resolveRef(fixture.deps, dataset, 'fix')).commit);
    expect(proposal.baseCommit).toBe((await resolveRef(fixture.deps, dataset, 'main')).commit);
    const again = { source: 'fix', target: 'main', title: 'again' };
    expect(await code(openProposal(fixture.deps, author, dataset, again))).toBe('proposal.exists');
    expect(await code(openProposal(fixture.deps, author, dataset, { ...again, target: 'fix' }))).toBe(
      'proposal.same_branch',
    );
    // main has nothing fix lacks.
    expect(await code(openProposal(fixture.deps, author, dataset, { source: 'main', target: 'fix', title: 'x' }))).toBe(
      'proposal.nothing_to_merge',
    );
    expect(await code(openProposal(fixture.deps, author, dataset, { ...again, source: 'nope' }))).toBe('ref.not_found');
    expect(await code(openProposal(fixture.deps, author, dataset, { ...again, title: ' ' }))).toBe(
      'text.invalid_title',
    );
    expect(await code(openProposal(fixture.deps, author, dataset, { ...again, title: 'x'.repeat(301) }))).toBe(
      'text.invalid_title',
    );
    // A private dataset is not disclosed to an outsider, nor to anyone anonymous.
    expect(await code(openProposal(fixture.deps, outsider, dataset, again))).toBe('dataset.not_found');
    expect(await code(openProposal(fixture.deps, { kind: 'anonymous' }, dataset, again))).toBe('auth.required');
    expect(await code(getProposal(fixture.deps, author, dataset, 99))).toBe('thread.not_found');
    const page = await listProposals(fixture.deps, author, dataset, { first: 10, states: ['open'] });
    expect(page.proposals.map((p) => p.thread.number)).toEqual([1]);
  });

  it('walks review, stale review, approval and merge, with every step in the audit log', async () => {
    const { dataset, name, author, reviewer, reader } = await scene();
    await setBranchProtection(fixture.deps, OPERATOR, dataset, 'main', {
      requiredApprovals: 1,
      dismissStaleReviews: true,
      blockDirectWrites: true,
      requiredChecks: ['qa/validate'],
    });
    const { thread } = await openProposal(fixture.deps, author, dataset, {
      source: 'fix',
      target: 'main',
      title: 'Fix',
    });
    const number = thread.number;
    const status = () =>
      getProposal(fixture.deps, author, dataset, number).then((p) => proposalStatus(fixture.deps, dataset, p));

    // The author cannot approve their own proposal; a reader's approval does not count.
    expect(await code(reviewProposal(fixture.deps, author, dataset, number, { verdict: 'approve' }))).toBe(
      'review.own_proposal',
    );
    await reviewProposal(fixture.deps, reader, dataset, number, { verdict: 'approve' });
    expect((await status()).approvals).toBe(0);

    // Changes requested (a body is required) block the merge.
    expect(await code(reviewProposal(fixture.deps, reviewer, dataset, number, { verdict: 'request-changes' }))).toBe(
      'text.empty',
    );
    const first = await reviewProposal(fixture.deps, reviewer, dataset, number, {
      verdict: 'request-changes',
      body: 'b is missing',
    });
    expect((await status()).blockers).toEqual([
      '1 approval(s) required, 0 given',
      '1 reviewer(s) requested changes',
      'required check qa/validate is missing',
    ]);
    expect(await code(mergeProposal(fixture.deps, author, dataset, number, { method: 'merge' }))).toBe(
      'proposal.not_mergeable',
    );

    // The author pushes: the review is now stale; approving an old head is refused.
    const pushed = await put(dataset, 'fix', { 's/x/b': `b1-${datasets}` });
    const afterPush = await status();
    expect(afterPush.head).toBe(pushed.commit);
    expect(afterPush.reviews.find((r) => r.id === first.id)).toMatchObject({ stale: true, dismissed: false });
    expect(
      await code(reviewProposal(fixture.deps, reviewer, dataset, number, { verdict: 'approve', commit: first.commit })),
    ).toBe('proposal.head_moved');
    const approval = await reviewProposal(fixture.deps, reviewer, dataset, number, {
      verdict: 'approve',
      commit: pushed.commit.slice(0, 12),
    });
    expect(approval.commit).toBe(pushed.commit);
    expect((await status()).blockers).toEqual(['required check qa/validate is missing']);

    // Direct writes to main are refused for writers; the check passes on the head.
    expect(await code(openVersion(fixture.deps, author, 'write', name, 'main'))).toBe('branch.protected');
    await openVersion(fixture.deps, author, 'write', name, 'fix');
    await setCommitStatus(fixture.deps, author, dataset, { commit: 'fix', context: 'qa/validate', state: 'failure' });
    expect((await status()).blockers).toEqual(['required check qa/validate is failure']);
    await setCommitStatus(fixture.deps, author, dataset, { commit: 'fix', context: 'qa/validate', state: 'success' });
    expect((await status()).blockers).toEqual([]);

    // Merging what one did not see is refused; then the merge commit lands with both parents.
    expect(
      await code(mergeProposal(fixture.deps, author, dataset, number, { method: 'merge', expectedHead: first.commit })),
    ).toBe('proposal.head_moved');
    const merged = await mergeProposal(fixture.deps, author, dataset, number, {
      method: 'merge',
      expectedHead: pushed.commit,
      deleteSourceBranch: true,
    });
    expect(merged).toMatchObject({ thread: { state: 'merged' }, mergeMethod: 'merge', headCommit: pushed.commit });
    const [head] = await log(fixture.deps, dataset, 'main', 1);
    expect(head?.id).toBe(merged.mergeCommit);
    expect(head?.commit.parents).toHaveLength(2);
    expect(head?.commit.parents[1]).toBe(pushed.commit);
    expect(await code(resolveRef(fixture.deps, dataset, 'fix'))).toBe('ref.not_found');
    expect(await code(mergeProposal(fixture.deps, author, dataset, number, { method: 'merge' }))).toBe(
      'proposal.not_open',
    );
    expect(await code(setProposalState(fixture.deps, author, dataset, number, 'closed'))).toBe('proposal.merged');

    const actions = (await latestEvents(fixture.deps, OPERATOR, 50, name)).map((e) => e.action).reverse();
    expect(actions.filter((a) => a !== 'dataset.role_granted')).toEqual([
      'protection.set',
      'proposal.opened',
      'review.submitted',
      'review.submitted',
      'review.submitted',
      'status.set',
      'status.set',
      'proposal.merged',
      'branch.deleted',
    ]);
    expect((await verifyAudit(fixture.deps)).broken).toBeUndefined();
  });

  it('lists conflicting instances and merges nothing; fast-forward only when the target has not moved', async () => {
    const { dataset, author } = await scene();
    const { thread } = await openProposal(fixture.deps, author, dataset, {
      source: 'fix',
      target: 'main',
      title: 'Fix',
    });
    const proposal = await getProposal(fixture.deps, author, dataset, thread.number);
    expect(await proposalMergeability(fixture.deps, dataset, proposal)).toMatchObject({
      canFastForward: true,
      conflicts: [],
    });
    const mainBefore = await put(dataset, 'main', { 's/x/a': `a2-${datasets}` });
    const mergeability = await proposalMergeability(fixture.deps, dataset, proposal);
    expect(mergeability.conflicts.map((c) => c.path)).toEqual(['s/x/a']);
    const refused = await mergeProposal(fixture.deps, author, dataset, thread.number, { method: 'merge' }).catch(
      (error: { code: string; details: { conflicts: { path: string }[] } }) => error,
    );
    expect(refused).toMatchObject({ code: 'merge.conflict', details: { conflicts: [{ path: 's/x/a' }] } });
    expect((await resolveRef(fixture.deps, dataset, 'main')).commit).toBe(mainBefore.commit);
    expect((await getProposal(fixture.deps, author, dataset, thread.number)).thread.state).toBe('open');
    // Resolve on fix (take main's a); now fix is not a descendant of main: no fast-forward.
    await put(dataset, 'fix', { 's/x/a': `a2-${datasets}` });
    expect(await code(mergeProposal(fixture.deps, author, dataset, thread.number, { method: 'fast-forward' }))).toBe(
      'merge.not_fast_forward',
    );
    const merged = await mergeProposal(fixture.deps, author, dataset, thread.number, { method: 'merge' });
    expect(merged.mergeMethod).toBe('merge');
  });

  it('fast-forwards, closes and reopens, and keeps an open proposal’s head through gc after its branch is deleted', async () => {
    const { dataset, author, reviewer, reader } = await scene();
    const { thread } = await openProposal(fixture.deps, author, dataset, {
      source: 'fix',
      target: 'main',
      title: 'Fix',
    });
    expect(await code(setProposalState(fixture.deps, reader, dataset, thread.number, 'closed'))).toBe('auth.forbidden');
    await setProposalState(fixture.deps, reviewer, dataset, thread.number, 'closed');
    expect(await code(mergeProposal(fixture.deps, author, dataset, thread.number, { method: 'merge' }))).toBe(
      'proposal.not_open',
    );
    const reopened = await setProposalState(fixture.deps, author, dataset, thread.number, 'open');
    expect(reopened.thread).toMatchObject({ state: 'open', closedAt: null });

    const head = (await resolveRef(fixture.deps, dataset, 'fix')).commit;
    await createBranch(fixture.deps, dataset, 'fix-copy', 'fix');
    await deleteBranch(fixture.deps, dataset, 'fix');
    const roots = await gcRoots(fixture.deps.database.read(), new Date(Date.UTC(2100, 0, 1)));
    expect(roots).toContain(head);
    const status = await proposalStatus(
      fixture.deps,
      dataset,
      await getProposal(fixture.deps, author, dataset, thread.number),
    );
    expect(status).toMatchObject({ sourceExists: false, head });
    expect(status.blockers).toContain('the source branch fix no longer exists');
    expect(await code(reviewProposal(fixture.deps, reviewer, dataset, thread.number, { verdict: 'approve' }))).toBe(
      'proposal.source_missing',
    );

    // Another proposal fast-forwards main.
    const other = await openProposal(fixture.deps, author, dataset, {
      source: 'fix-copy',
      target: 'main',
      title: 'ff',
    });
    const merged = await mergeProposal(fixture.deps, author, dataset, other.thread.number, { method: 'fast-forward' });
    expect(merged).toMatchObject({ mergeMethod: 'fast-forward', mergeCommit: head });
    expect((await resolveRef(fixture.deps, dataset, 'main')).commit).toBe(head);
  });

  it('lets admins dismiss a request for changes and write directly to a protected branch', async () => {
    const { dataset, name, author, reviewer } = await scene();
    await setBranchProtection(fixture.deps, OPERATOR, dataset, 'ma*', {
      requiredApprovals: 0,
      dismissStaleReviews: false,
      blockDirectWrites: true,
      requiredChecks: [],
    });
    expect(
      await code(
        setBranchProtection(fixture.deps, author, dataset, 'main', {
          requiredApprovals: 0,
          dismissStaleReviews: true,
          blockDirectWrites: false,
          requiredChecks: [],
        }),
      ),
    ).toBe('auth.forbidden');
    expect(await code(openVersion(fixture.deps, author, 'write', name, 'main'))).toBe('branch.protected');
    await openVersion(fixture.deps, OPERATOR, 'write', name, 'main');
    const { thread } = await openProposal(fixture.deps, author, dataset, { source: 'fix', target: 'main', title: 'x' });
    const review = await reviewProposal(fixture.deps, reviewer, dataset, thread.number, {
      verdict: 'request-changes',
      body: 'no',
    });
    expect(await code(dismissReview(fixture.deps, author, dataset, thread.number, review.id))).toBe('auth.forbidden');
    await dismissReview(fixture.deps, OPERATOR, dataset, thread.number, review.id);
    const merged = await mergeProposal(fixture.deps, author, dataset, thread.number, { method: 'merge' });
    expect(merged.thread.state).toBe('merged');
    // A public dataset: anyone signed in may propose, but anonymous may not.
    await setVisibility(fixture.deps, OPERATOR, name, 'public');
    expect(
      await code(
        openProposal(fixture.deps, { kind: 'anonymous' }, dataset, { source: 'fix', target: 'main', title: 'x' }),
      ),
    ).toBe('auth.required');
  });
});
