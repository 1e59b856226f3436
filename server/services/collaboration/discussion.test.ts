import { sha256 } from '@strata/modules/blob';
import { OPERATOR, authenticate, createToken, grantRole, setVisibility, type Actor } from '../access/index.js';
import { ANONYMOUS } from '../access/actor.js';
import { latestEvents } from '../audit/audit.js';
import { errorCode, signedInUser } from '../testing/test-actors.js';
import { useVersioningFixture } from '../testing/versioning-fixture.js';
import { commitChanges, createDataset } from '../versioning/index.js';
import {
  addComment,
  anchoredComments,
  createLabel,
  deleteComment,
  deleteLabel,
  editComment,
  editIssue,
  getIssue,
  listComments,
  listIssues,
  listLabels,
  openIssue,
  setAssignee,
  setIssueState,
  setThreadLabel,
} from './index.js';

const fixture = useVersioningFixture('discussion');
const ada = { name: 'Ada', email: 'ada@example.org' };
const STUDY = '1.2.840.1';
const SERIES = '1.2.840.1.2';
const INSTANCE = '1.2.840.1.2.3';

const code = errorCode;

const user = (login: string): Promise<Actor> => signedInUser(fixture.deps, login);

/** A dataset with one instance, its commit id, and a reader, a writer and an outsider. */
async function setUp(name: string) {
  const dataset = await createDataset(fixture.deps, `lab/${name}`, ada);
  const id = sha256(`${name}-instance`);
  const result = await commitChanges(fixture.deps, {
    dataset,
    branch: 'main',
    edits: [{ path: `${STUDY}/${SERIES}/${INSTANCE}`, file: { kind: 'dicom', id, bytes: 10 } }],
    files: [{ id, size: 10, parts: [id] }],
    message: 'one',
    author: ada,
  });
  const [reader, writer, outsider] = await Promise.all([
    user(`${name}-reader`),
    user(`${name}-writer`),
    user(`${name}-outsider`),
  ]);
  await grantRole(fixture.deps, OPERATOR, `lab/${name}`, `${name}-reader`, 'read');
  await grantRole(fixture.deps, OPERATOR, `lab/${name}`, `${name}-writer`, 'write');
  return { full: `lab/${name}`, commit: result.commit, reader, writer, outsider };
}

async function eventsOf(dataset: string) {
  return (await latestEvents(fixture.deps, OPERATOR, 100, dataset)).map((event) => event.action);
}

describe('issues', () => {
  it('opens, edits, closes and reopens, with the rights GitHub gives and an event for each change', async () => {
    const { full, reader, writer, outsider } = await setUp('issues');
    const issue = await openIssue(fixture.deps, reader, full, { title: '  Slice 40 is flipped ', body: 'see' });
    expect(issue).toMatchObject({ number: 1, title: 'Slice 40 is flipped', state: 'open', kind: 'issue' });
    expect(await code(openIssue(fixture.deps, outsider, full, { title: 'x' }))).toBe('dataset.not_found');
    expect(await code(openIssue(fixture.deps, ANONYMOUS, full, { title: 'x' }))).toBe('auth.required');
    const { token } = await createToken(fixture.deps, OPERATOR, { login: 'issues-reader', name: 'ro', scope: 'read' });
    const readOnly = await authenticate(fixture.deps, { kind: 'token', token });
    expect(await code(openIssue(fixture.deps, readOnly, full, { title: 'x' }))).toBe('auth.forbidden');
    expect(await code(addComment(fixture.deps, readOnly, full, 1, { body: 'x' }))).toBe('auth.forbidden');
    expect(await code(openIssue(fixture.deps, reader, full, { title: 'x'.repeat(301) }))).toBe('text.invalid_title');
    expect(await code(openIssue(fixture.deps, reader, full, { title: '   ' }))).toBe('text.invalid_title');
    expect(await code(openIssue(fixture.deps, reader, full, { title: 'x', body: 'b'.repeat(70_000) }))).toBe(
      'text.too_long',
    );

    const other = await openIssue(fixture.deps, writer, full, { title: 'by the writer' });
    // The reader may edit their own issue, not the writer's; the writer may edit both.
    await editIssue(fixture.deps, reader, full, 1, { body: 'edited' });
    expect(await code(editIssue(fixture.deps, reader, full, other.number, { title: 'mine now' }))).toBe(
      'auth.forbidden',
    );
    expect(await code(setIssueState(fixture.deps, reader, full, other.number, 'closed'))).toBe('auth.forbidden');
    await setIssueState(fixture.deps, writer, full, 1, 'closed');
    expect(await getIssue(fixture.deps, reader, full, 1)).toMatchObject({ state: 'closed', body: 'edited' });
    await setIssueState(fixture.deps, reader, full, 1, 'open');
    expect(await code(getIssue(fixture.deps, reader, full, 99))).toBe('thread.not_found');
    expect(await code(editIssue(fixture.deps, reader, full, 99, { title: 'x' }))).toBe('thread.not_found');

    expect(await eventsOf(full)).toEqual(
      expect.arrayContaining(['issue.opened', 'issue.edited', 'issue.closed', 'issue.reopened']),
    );
    // Anonymous readers read a public dataset's issues, and still write nothing.
    expect(await code(getIssue(fixture.deps, ANONYMOUS, full, 1))).toBe('auth.required');
    await setVisibility(fixture.deps, OPERATOR, full, 'public');
    expect((await getIssue(fixture.deps, ANONYMOUS, full, 1)).title).toBe('Slice 40 is flipped');
    expect(await code(setIssueState(fixture.deps, ANONYMOUS, full, 1, 'closed'))).toBe('auth.required');
    // Refused changes wrote nothing.
    expect((await getIssue(fixture.deps, writer, full, other.number)).title).toBe('by the writer');
  });

  it('lists by state, label and assignee, a page at a time', async () => {
    const { full, reader, writer } = await setUp('lists');
    for (let i = 1; i <= 5; i++) await openIssue(fixture.deps, reader, full, { title: `issue ${i}` });
    await setIssueState(fixture.deps, writer, full, 2, 'closed');
    await createLabel(fixture.deps, writer, full, { name: 'Bug', color: '#D73A4A' });
    expect(await code(createLabel(fixture.deps, writer, full, { name: 'bug', color: 'ffffff' }))).toBe('label.exists');
    expect(await code(createLabel(fixture.deps, reader, full, { name: 'x', color: 'ffffff' }))).toBe('auth.forbidden');
    expect(await code(createLabel(fixture.deps, writer, full, { name: 'x', color: 'red' }))).toBe(
      'label.invalid_color',
    );
    await setThreadLabel(fixture.deps, writer, full, 3, 'BUG', true);
    await setThreadLabel(fixture.deps, writer, full, 4, 'bug', true);
    expect(await code(setThreadLabel(fixture.deps, reader, full, 5, 'bug', true))).toBe('auth.forbidden');
    expect(await code(setThreadLabel(fixture.deps, writer, full, 5, 'nope', true))).toBe('label.not_found');
    await setAssignee(fixture.deps, writer, full, 4, 'lists-reader', true);
    expect(await code(setAssignee(fixture.deps, writer, full, 4, 'lists-outsider', true))).toBe('assignee.cannot_read');

    const numbers = async (filter: Parameters<typeof listIssues>[3]) =>
      (await listIssues(fixture.deps, reader, full, filter, { first: 10 })).items.map((issue) => issue.number);
    expect(await numbers({})).toEqual([5, 4, 3, 2, 1]);
    expect(await numbers({ states: ['open'] })).toEqual([5, 4, 3, 1]);
    expect(await numbers({ label: 'Bug' })).toEqual([4, 3]);
    expect(await numbers({ label: 'bug', assignee: 'lists-reader' })).toEqual([4]);
    expect(await numbers({ label: 'unknown' })).toEqual([]);

    const first = await listIssues(fixture.deps, reader, full, {}, { first: 2 });
    expect(first.items.map((issue) => issue.number)).toEqual([5, 4]);
    const second = await listIssues(fixture.deps, reader, full, {}, { first: 2, after: first.next });
    const third = await listIssues(fixture.deps, reader, full, {}, { first: 2, after: second.next });
    expect([...second.items, ...third.items].map((issue) => issue.number)).toEqual([3, 2, 1]);
    expect(third.next).toBeUndefined();
    expect(await code(listIssues(fixture.deps, reader, full, {}, { first: 2, after: 'abc' }))).toBe(
      'page.invalid_cursor',
    );

    await deleteLabel(fixture.deps, writer, full, 'bug');
    expect(await listLabels(fixture.deps, reader, full)).toEqual([]);
    expect(await numbers({ label: 'bug' })).toEqual([]);
    expect(await eventsOf(full)).toEqual(
      expect.arrayContaining(['label.created', 'thread.labeled', 'thread.assigned', 'label.deleted']),
    );
  });

  it('refuses an eleventh assignee without assigning them', async () => {
    const { full, writer } = await setUp('assignees');
    await openIssue(fixture.deps, writer, full, { title: 'busy' });
    await setVisibility(fixture.deps, OPERATOR, full, 'internal');
    for (let i = 0; i < 10; i++) {
      await user(`assignee-${i}`);
      await setAssignee(fixture.deps, writer, full, 1, `assignee-${i}`, true);
    }
    await user('assignee-10');
    expect(await code(setAssignee(fixture.deps, writer, full, 1, 'assignee-10', true))).toBe('assignee.too_many');
    await setAssignee(fixture.deps, writer, full, 1, 'assignee-0', false);
    await setAssignee(fixture.deps, writer, full, 1, 'assignee-10', true);
  });
});

describe('comments', () => {
  it('adds, edits, tombstones and pages comments, with author and admin rights', async () => {
    const { full, reader, writer } = await setUp('comments');
    await openIssue(fixture.deps, reader, full, { title: 'talk' });
    const comments = [];
    for (let i = 0; i < 5; i++) {
      comments.push(await addComment(fixture.deps, i % 2 === 0 ? reader : writer, full, 1, { body: `c${i}` }));
    }
    expect(await code(addComment(fixture.deps, ANONYMOUS, full, 1, { body: 'x' }))).toBe('auth.required');
    expect(await code(addComment(fixture.deps, reader, full, 7, { body: 'x' }))).toBe('thread.not_found');
    expect(await code(addComment(fixture.deps, reader, full, 1, { body: ' ' }))).toBe('text.empty');
    const [c0, c1] = comments;
    await editComment(fixture.deps, reader, full, c0!.id, 'c0 edited');
    // Not even a writer edits someone else's words, nor deletes them (that needs admin).
    expect(await code(editComment(fixture.deps, writer, full, c0!.id, 'no'))).toBe('comment.not_author');
    expect(await code(deleteComment(fixture.deps, writer, full, c0!.id))).toBe('auth.forbidden');
    await deleteComment(fixture.deps, writer, full, c1!.id);
    await deleteComment(fixture.deps, OPERATOR, full, c0!.id);
    expect(await code(editComment(fixture.deps, reader, full, c0!.id, 'again'))).toBe('comment.not_found');
    expect(await code(deleteComment(fixture.deps, reader, full, 'not-an-id'))).toBe('comment.not_found');
    // UUID-shaped but not a UUID: never reaches the uuid column (PostgreSQL would refuse the cast).
    expect(await code(deleteComment(fixture.deps, reader, full, '-'.repeat(36)))).toBe('comment.not_found');

    const page1 = await listComments(fixture.deps, reader, full, 1, { first: 3 });
    const page2 = await listComments(fixture.deps, reader, full, 1, { first: 3, after: page1.next });
    expect([...page1.items, ...page2.items].map((c) => [c.body, c.deletedAt !== null])).toEqual([
      ['', true],
      ['', true],
      ['c2', false],
      ['c3', false],
      ['c4', false],
    ]);
    expect(page2.next).toBeUndefined();
    expect(await eventsOf(full)).toEqual(
      expect.arrayContaining(['comment.added', 'comment.edited', 'comment.deleted']),
    );
  });

  it('anchors a comment to a study, series, instance and frame of a commit of the dataset, and checks each', async () => {
    const { full, commit, reader } = await setUp('anchors');
    const elsewhere = await setUp('anchors-elsewhere');
    await openIssue(fixture.deps, reader, full, { title: 'look here' });
    const anchored = await addComment(fixture.deps, reader, full, 1, {
      body: 'this slice',
      anchor: {
        commit,
        study: STUDY,
        series: SERIES,
        instance: INSTANCE,
        frame: 1,
        region: { x: 3, y: 4, width: 10, height: 5 },
      },
    });
    expect(anchored.anchor).toMatchObject({ commit, study: STUDY, instance: INSTANCE, frame: 1 });
    await addComment(fixture.deps, reader, full, 1, { body: 'the study', anchor: { commit, study: STUDY } });

    const bad = (anchor: Parameters<typeof addComment>[4]['anchor']) =>
      code(addComment(fixture.deps, reader, full, 1, { body: 'x', anchor }));
    expect(await bad({ commit: elsewhere.commit, study: STUDY })).toBe('anchor.not_found');
    expect(await bad({ commit: commit.slice(0, 12), study: STUDY })).toBe('anchor.invalid');
    expect(await bad({ commit, study: '1.02.3' })).toBe('anchor.invalid');
    expect(await bad({ commit, study: 'abc' })).toBe('anchor.invalid');
    expect(await bad({ commit, study: '1.2.3' })).toBe('anchor.not_found');
    expect(await bad({ commit, study: STUDY, series: SERIES, instance: '1.2.9' })).toBe('anchor.not_found');
    expect(await bad({ commit, study: STUDY, instance: INSTANCE })).toBe('anchor.invalid');
    expect(await bad({ commit, study: STUDY, series: SERIES, instance: INSTANCE, frame: 0 })).toBe('anchor.invalid');
    expect(
      await bad({ commit, study: STUDY, series: SERIES, instance: INSTANCE, frame: 1, region: { x: -1, y: 0 } }),
    ).toBe('anchor.invalid');

    // None of the refused comments was written.
    expect((await listComments(fixture.deps, reader, full, 1, { first: 10 })).items).toHaveLength(2);

    const onInstance = await anchoredComments(
      fixture.deps,
      reader,
      full,
      { study: STUDY, series: SERIES, instance: INSTANCE },
      { first: 10 },
    );
    expect(onInstance.items.map((c) => c.body)).toEqual(['this slice']);
    const onStudy = await anchoredComments(fixture.deps, reader, full, { study: STUDY }, { first: 10 });
    expect(onStudy.items.map((c) => c.body)).toEqual(['this slice', 'the study']);
    // Another dataset's view of the same UIDs shows none of them.
    expect(
      (await anchoredComments(fixture.deps, elsewhere.reader, elsewhere.full, { study: STUDY }, { first: 10 })).items,
    ).toEqual([]);
  });
  it('comments on a change proposal by its number, as on an issue', async () => {
    const { full, reader, writer } = await setUp('proposals');
    const datasetId = (await fixture.deps.database.read().datasets.find('lab', 'proposals'))?.id ?? '';
    await fixture.deps.database.transaction((r) =>
      r.threads.create({ datasetId, kind: 'proposal', title: 'fix', body: '', authorId: null }, new Date()),
    );
    await addComment(fixture.deps, reader, full, 1, { body: 'looks right' });
    await createLabel(fixture.deps, writer, full, { name: 'review', color: '00ff00' });
    await setThreadLabel(fixture.deps, writer, full, 1, 'review', true);
    expect((await listComments(fixture.deps, reader, full, 1, { first: 10 })).items.map((c) => c.body)).toEqual([
      'looks right',
    ]);
    // It is not an issue.
    expect(await code(getIssue(fixture.deps, reader, full, 1))).toBe('thread.not_found');
    expect(await code(setIssueState(fixture.deps, writer, full, 1, 'closed'))).toBe('thread.not_found');
  });
});
