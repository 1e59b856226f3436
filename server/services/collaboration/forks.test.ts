import type { DatasetRecord } from '@strata/models';
import { authenticate, createOrganization, createToken, grantRole, OPERATOR, type Actor } from '../access/index.js';
import { latestEvents, verifyAudit } from '../audit/index.js';
import { errorCode, putFiles, signedInUser, useVersioningFixture } from '../testing/index.js';
import { createBranch, createDataset, log, resolveRef } from '../versioning/index.js';
import { gcRoots } from '../versioning/gc-roots.js';
import { checkAnchor } from './anchors.js';
import {
  forkDataset,
  forksOf,
  getProposal,
  mergeProposal,
  openProposal,
  proposalDiff,
  proposalStatus,
  readableDataset,
  reviewProposal,
  setBranchProtection,
  setCommitStatus,
  setProposalState,
} from './index.js';

const ada = { name: 'Ada', email: 'ada@example.org' };
const fixture = useVersioningFixture('forks');
let scenes = 0;

/** A private dataset lab/ct-N with an admin (maintainer), a reader who forks it (contributor) and an outsider. */
async function scene() {
  const n = ++scenes;
  const original = await createDataset(fixture.deps, `lab/ct-${n}`, ada);
  await putFiles(fixture.deps, original, 'main', { '1.1/1.1.1/1.1.1.1': `a0-${n}`, '1.1/1.1.1/1.1.1.2': `b0-${n}` });
  await createBranch(fixture.deps, original, 'draft');
  const maintainer = await signedInUser(fixture.deps, `maintainer${n}`);
  const contributor = await signedInUser(fixture.deps, `contributor${n}`);
  const outsider = await signedInUser(fixture.deps, `outsider${n}`);
  await grantRole(fixture.deps, OPERATOR, `lab/ct-${n}`, loginOf(maintainer), 'admin');
  await grantRole(fixture.deps, OPERATOR, `lab/ct-${n}`, loginOf(contributor), 'read');
  return { n, original, maintainer, contributor, outsider };
}

function loginOf(actor: Actor): string {
  if (actor.kind !== 'user') throw new Error('not a user');
  return actor.login;
}

const fork = (actor: Actor, source: DatasetRecord, name: string, visibility?: 'private' | 'internal' | 'public') =>
  forkDataset(fixture.deps, actor, source, name, visibility === undefined ? {} : { visibility });

describe('forks', () => {
  it('copies every branch, tag and commit, shares every object, and records the lineage', async () => {
    const { original, contributor } = await scene();
    const objectsBefore = await rowCount('object');
    const copy = await fork(contributor, original, `${loginOf(contributor)}/ct`);
    expect(copy).toMatchObject({
      owner: loginOf(contributor),
      forkedFromId: original.id,
      lineageId: original.id,
      visibility: 'private',
      defaultBranch: 'main',
    });
    expect(await rowCount('object')).toBe(objectsBefore);
    const read = fixture.deps.database.read();
    expect(await read.refs.list(copy.id)).toEqual(
      (await read.refs.list(original.id)).map((ref) => ({ ...ref, updatedAt: expect.any(Date) })),
    );
    const history = await log(fixture.deps, original, 'main');
    expect((await log(fixture.deps, copy, 'main')).map((entry) => entry.id)).toEqual(history.map((e) => e.id));
    // Every commit of the original is a version of the fork, by id or abbreviated id.
    for (const entry of history) {
      expect((await resolveRef(fixture.deps, copy, entry.id.slice(0, 10))).commit).toBe(entry.id);
    }
    // The fork's owner administers it; the original lists it for those who can read it.
    expect(await readableDataset(fixture.deps, contributor, copy.id)).toMatchObject({ role: 'admin' });
    expect((await forksOf(fixture.deps, contributor, original)).map((f) => f.dataset.id)).toEqual([copy.id]);
    expect((await forksOf(fixture.deps, OPERATOR, original)).length).toBe(1);
    const [event] = await latestEvents(fixture.deps, OPERATOR, 1, `${copy.owner}/${copy.name}`);
    expect(event?.action).toBe('dataset.forked');
    expect(JSON.parse(event?.data ?? '{}')).toEqual({
      from: `${original.owner}/${original.name}`,
      visibility: 'private',
    });
    // A fork of a fork stays in the lineage of the original.
    const second = await fork(OPERATOR, copy, `lab/ct-${scenes}-again`);
    expect(second).toMatchObject({ forkedFromId: copy.id, lineageId: original.id });
  });

  it('refuses forks the actor may not make', async () => {
    const { n, original, contributor, outsider, maintainer } = await scene();
    const own = loginOf(contributor);
    expect(await errorCode(fork(outsider, original, `${loginOf(outsider)}/ct`))).toBe('dataset.not_found');
    expect(await errorCode(fork({ kind: 'anonymous' }, original, 'x/ct'))).toBe('auth.required');
    expect(await errorCode(fork(contributor, original, `${loginOf(outsider)}/ct`))).toBe('auth.forbidden');
    expect(await errorCode(fork(contributor, original, 'nobody-here/ct'))).toBe('account.not_found');
    expect(await errorCode(fork(contributor, original, `${own}/bad name`))).toBe('dataset.invalid_name');
    // Not more visible than the original, except by its admins.
    expect(await errorCode(fork(contributor, original, `${own}/ct`, 'public'))).toBe(
      'dataset.visibility_exceeds_source',
    );
    expect((await fork(maintainer, original, `${loginOf(maintainer)}/ct`, 'internal')).visibility).toBe('internal');
    // A read-scoped token cannot create datasets, even in its own account.
    const { token } = await createToken(fixture.deps, OPERATOR, { login: own, name: 'read', scope: 'read' });
    const reader = await authenticate(fixture.deps, { kind: 'token', token });
    expect(await errorCode(fork(reader, original, `${own}/ct`))).toBe('auth.forbidden');
    // An organization's owner forks into it; a name taken is dataset.exists, and nothing is half-made.
    await createOrganization(fixture.deps, contributor, `team${n}`);
    await fork(contributor, original, `team${n}/ct`);
    expect(await errorCode(fork(contributor, original, `team${n}/ct`))).toBe('dataset.exists');
    expect((await forksOf(fixture.deps, OPERATOR, original)).length).toBe(2);
  });

  it('proposes a fork’s branch into the original: reviews go stale on a push to the fork, checks and anchors name its head, merge brings its commits', async () => {
    const { original, maintainer, contributor, outsider } = await scene();
    await setBranchProtection(fixture.deps, OPERATOR, original, 'main', {
      requiredApprovals: 1,
      dismissStaleReviews: true,
      blockDirectWrites: true,
      requiredChecks: ['qa/validate'],
    });
    const copy = await fork(contributor, original, `${loginOf(contributor)}/ct`);
    await createBranch(fixture.deps, copy, 'fix');
    const pushed = await putFiles(fixture.deps, copy, 'fix', {
      '1.1/1.1.1/1.1.1.1': `a1-${scenes}`,
      '1.1/1.1.2/1.1.2.1': `n-${scenes}`,
    });
    // Before any proposal, the original knows nothing of the fork's commit.
    expect(await errorCode(resolveRef(fixture.deps, original, pushed.commit))).toBe('ref.not_found');
    expect(await errorCode(setCommitStatus(fixture.deps, maintainer, original, qa(pushed.commit)))).toBe(
      'ref.not_found',
    );

    const unrelated = await createDataset(fixture.deps, `${loginOf(contributor)}/other`, ada);
    const request = { source: 'fix', target: 'main', title: 'Fix a' };
    expect(
      await errorCode(openProposal(fixture.deps, contributor, original, { ...request, sourceDataset: unrelated })),
    ).toBe('dataset.unrelated');
    expect(await errorCode(openProposal(fixture.deps, outsider, original, { ...request, sourceDataset: copy }))).toBe(
      'dataset.not_found',
    );
    const { thread } = await openProposal(fixture.deps, contributor, original, { ...request, sourceDataset: copy });
    expect(
      await errorCode(openProposal(fixture.deps, contributor, original, { ...request, sourceDataset: copy })),
    ).toBe('proposal.exists');
    // The same branch name in the original is another source: no twin.
    await putFiles(fixture.deps, original, 'draft', { '1.1/1.1.3/1.1.3.1': `d-${scenes}` });
    await openProposal(fixture.deps, contributor, original, { ...request, source: 'draft' });

    const proposal = await getProposal(fixture.deps, maintainer, original, thread.number);
    expect(proposal).toMatchObject({ sourceDatasetId: copy.id, sourceBranch: 'fix', headCommit: pushed.commit });
    const diff = await proposalDiff(fixture.deps, original, proposal);
    expect(diff.counts).toEqual({ added: 1, removed: 0, changed: 1 });
    expect(await gcRoots(fixture.deps.database.read(), new Date(Date.UTC(2100, 0, 1)))).toContain(pushed.commit);

    // The original's checks and anchored comments may name the fork's head.
    await setCommitStatus(fixture.deps, maintainer, original, qa(pushed.commit));
    expect(
      await checkAnchor(fixture.deps, original, { commit: pushed.commit, study: '1.1', series: '1.1.2' }),
    ).toMatchObject({ commit: pushed.commit });
    expect(
      await errorCode(
        checkAnchor(fixture.deps, original, {
          commit: (await resolveRef(fixture.deps, unrelated, 'main')).commit,
          study: '1.1',
        }),
      ),
    ).toBe('anchor.not_found');
    await reviewProposal(fixture.deps, maintainer, original, thread.number, { verdict: 'approve' });
    expect((await proposalStatus(fixture.deps, original, proposal)).blockers).toEqual([]);

    // A push to the fork's branch leaves the approval stale and the new head unchecked.
    const again = await putFiles(fixture.deps, copy, 'fix', { '1.1/1.1.2/1.1.2.2': `m-${scenes}` });
    let status = await proposalStatus(fixture.deps, original, proposal);
    expect(status.head).toBe(again.commit);
    expect(status.reviews[0]).toMatchObject({ stale: true, dismissed: true });
    expect(status.blockers).toEqual(['1 approval(s) required, 0 given', 'required check qa/validate is missing']);
    await setCommitStatus(fixture.deps, maintainer, original, qa(again.commit));
    await reviewProposal(fixture.deps, maintainer, original, thread.number, {
      verdict: 'approve',
      commit: again.commit,
    });
    status = await proposalStatus(fixture.deps, original, proposal);
    expect(status.blockers).toEqual([]);

    // Only writers of the target merge; the fork's owner cannot, though the branch is theirs.
    expect(
      await errorCode(mergeProposal(fixture.deps, contributor, original, thread.number, { method: 'merge' })),
    ).toBe('auth.forbidden');
    const merged = await mergeProposal(fixture.deps, maintainer, original, thread.number, {
      method: 'merge',
      deleteSourceBranch: true,
    });
    expect(merged.thread.state).toBe('merged');
    // The original now holds the fork's commits (by id) and the merge; the fork keeps its branch,
    // which the maintainer may not write to.
    for (const commit of [pushed.commit, again.commit]) {
      expect((await resolveRef(fixture.deps, original, commit)).commit).toBe(commit);
    }
    const main = await resolveRef(fixture.deps, original, 'main');
    expect(main.commit).toBe(merged.mergeCommit);
    expect((await resolveRef(fixture.deps, copy, 'fix')).commit).toBe(again.commit);
    expect((await getProposal(fixture.deps, maintainer, original, thread.number)).mergeCommit).toBe(main.commit);
    expect(await errorCode(setProposalState(fixture.deps, contributor, original, thread.number, 'open'))).toBe(
      'proposal.merged',
    );
    expect((await verifyAudit(fixture.deps)).broken).toBeUndefined();
  });

  it('fast-forwards a fork’s branch, and keeps a proposal whose fork is deleted readable but unmergeable', async () => {
    const { original, maintainer, contributor } = await scene();
    const copy = await fork(contributor, original, `${loginOf(contributor)}/ct`);
    const pushed = await putFiles(fixture.deps, copy, 'main', { '1.1/1.1.1/1.1.1.3': `c-${scenes}` });
    const { thread } = await openProposal(fixture.deps, contributor, original, {
      source: 'main',
      target: 'main',
      title: 'Add c',
      sourceDataset: copy,
    });
    const merged = await mergeProposal(fixture.deps, maintainer, original, thread.number, { method: 'fast-forward' });
    expect(merged).toMatchObject({ mergeMethod: 'fast-forward', mergeCommit: pushed.commit });
    expect((await resolveRef(fixture.deps, original, 'main')).commit).toBe(pushed.commit);

    const later = await putFiles(fixture.deps, copy, 'main', { '1.1/1.1.1/1.1.1.4': `d-${scenes}` });
    const second = await openProposal(fixture.deps, contributor, original, {
      source: 'main',
      target: 'main',
      title: 'Add d',
      sourceDataset: copy,
    });
    await fixture.database.fork().execute('delete from dataset where id = ?', [copy.id], 'run');
    const orphan = await getProposal(fixture.deps, maintainer, original, second.thread.number);
    expect(orphan.sourceDatasetId).toBeNull();
    const status = await proposalStatus(fixture.deps, original, orphan);
    expect(status).toMatchObject({ sourceExists: false, head: later.commit });
    expect(
      await errorCode(mergeProposal(fixture.deps, maintainer, original, second.thread.number, { method: 'merge' })),
    ).toBe('proposal.not_mergeable');
  });
});

function qa(commit: string) {
  return { commit, context: 'qa/validate', state: 'success' as const };
}

async function rowCount(table: string): Promise<number> {
  const rows = await fixture.database.fork().execute<{ n: number | string }[]>(`select count(*) as n from ${table}`);
  return Number(rows[0]?.n ?? 0);
}
