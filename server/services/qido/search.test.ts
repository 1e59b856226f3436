import type { Digest } from '@strata/modules/blob';
import { parseQidoQuery, scopedTo, type QueryLevel } from '@strata/modules/qido';
import type { PathEdit } from '@strata/modules/objects';
import type { DatasetRecord, FileRecord, InstanceMetadataRecord } from '@strata/models';
import { syntheticInstances, syntheticStudy } from '@strata/models/testing';
import { useVersioningFixture } from '../testing/versioning-fixture.js';
import {
  commitChanges,
  createBranch,
  createDataset,
  createTag,
  deleteBranch,
  merge,
  readCommit,
} from '../versioning/index.js';
import { KEPT_FIXED_LISTINGS } from './head-scope.js';
import { searchVersion } from './search.js';

const ada = { name: 'Ada', email: 'ada@example.org' };
const fixture = useVersioningFixture('qido');
let datasets = 0;

const options = { maxLimit: 1000, defaultLimit: 1000 };
const query = (level: QueryLevel, params: Record<string, string> = {}) =>
  parseQidoQuery(level, new URLSearchParams(params), options);

async function search(dataset: DatasetRecord, ref: string, level: QueryLevel, params: Record<string, string> = {}) {
  return (await searchVersion(fixture.deps, dataset, ref, query(level, params))).matches;
}

async function seeded(studies = 12): Promise<DatasetRecord> {
  const dataset = await createDataset(fixture.deps, `lab/qido-${++datasets}`, ada);
  await commitChanges(fixture.deps, {
    dataset,
    branch: 'main',
    message: 'seed',
    author: ada,
    ...syntheticInstances({ count: studies * 6, tag: `seed-${datasets}`, perSeries: 3, seriesPerStudy: 2 }),
  });
  return dataset;
}

/** The answer of walking a version's tree, without any listing. */
async function walk(tree: Digest, level: QueryLevel, params: Record<string, string> = {}) {
  return fixture.database.read().index.search({ tree }, query(level, params));
}

async function tableRows(table: string): Promise<number> {
  const rows = await fixture.database.fork().execute<{ n: string | number }[]>(`select count(*) as n from ${table}`);
  return Number(rows[0]?.n);
}

const uidsOf = (matches: { study: { uid: string } }[]) => matches.map((m) => m.study.uid);
const value = (attrs: Record<string, unknown>, tag: string) => (attrs[tag] as { Value?: unknown[] } | undefined)?.Value;

describe('searchVersion (QIDO from the index)', () => {
  it('returns every study with the attributes of its first instance and counts from the tree', async () => {
    const dataset = await seeded(12);
    const matches = await search(dataset, 'main', 'study');
    expect(matches).toHaveLength(12);
    expect(uidsOf(matches)).toEqual([...uidsOf(matches)].sort());
    const first = matches.find((m) => m.study.uid === syntheticStudy(0).uid);
    expect(value(first?.study.attrs ?? {}, '00100010')).toEqual([{ Alphabetic: syntheticStudy(0).patientName }]);
    expect(value(first?.study.attrs ?? {}, '00201206')).toEqual([2]);
    expect(value(first?.study.attrs ?? {}, '00201208')).toEqual([6]);
    expect(value(first?.study.attrs ?? {}, '00080061')).toEqual(['CT', 'MR']);
  });

  it('matches person names by prefix, case and accents aside, and dates by range', async () => {
    const dataset = await seeded(40);
    const expected = Array.from({ length: 40 }, (_, i) => syntheticStudy(i))
      .filter((s) => s.patientName.startsWith('GARC') && s.studyDate >= '20050101' && s.studyDate <= '20201231')
      .map((s) => s.uid)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    const found = await search(dataset, 'main', 'study', { PatientName: 'garcía*', StudyDate: '20050101-20201231' });
    expect(uidsOf(found)).toEqual(expected);
    const accentless = await search(dataset, 'main', 'study', {
      PatientName: 'GARCIA*',
      StudyDate: '20050101-20201231',
    });
    expect(uidsOf(accentless)).toEqual(expected);
    const jerome = await search(dataset, 'main', 'study', { PatientName: '*^JEROME' });
    expect(jerome.length).toBeGreaterThan(0);
    expect(jerome.every((m) => JSON.stringify(m.study.attrs['00100010']).includes('JÉRÔME'))).toBe(true);
    expect(await search(dataset, 'main', 'study', { PatientName: 'GARCIA' })).toEqual([]);
  });

  it('matches UID lists, single values, ModalitiesInStudy, and pages in a stable order', async () => {
    const dataset = await seeded(12);
    const picked = [syntheticStudy(3).uid, syntheticStudy(7).uid];
    expect(uidsOf(await search(dataset, 'main', 'study', { StudyInstanceUID: picked.join(',') }))).toEqual(picked);
    expect(uidsOf(await search(dataset, 'main', 'study', { PatientID: syntheticStudy(5).patientId }))).toEqual([
      syntheticStudy(5).uid,
    ]);
    const withPt = await search(dataset, 'main', 'study', { ModalitiesInStudy: 'PT' });
    expect(withPt.length).toBeGreaterThan(0);
    expect(withPt.every((m) => (value(m.study.attrs, '00080061') ?? []).includes('PT'))).toBe(true);
    const all = uidsOf(await search(dataset, 'main', 'study'));
    const pages = [
      ...uidsOf(await search(dataset, 'main', 'study', { limit: '5', offset: '0' })),
      ...uidsOf(await search(dataset, 'main', 'study', { limit: '5', offset: '5' })),
      ...uidsOf(await search(dataset, 'main', 'study', { limit: '5', offset: '10' })),
    ];
    expect(pages).toEqual(all);
  });

  it('searches series and instances, across the version or under one study and series', async () => {
    const dataset = await seeded(6);
    const study = syntheticStudy(2).uid;
    const series = await searchVersion(fixture.deps, dataset, 'main', scopedTo(query('series'), { study }));
    expect(series.matches.map((m) => m.series?.uid)).toEqual([`${study}.0`, `${study}.1`]);
    expect(value(series.matches[0]?.series?.attrs ?? {}, '00201209')).toEqual([3]);
    const ct = await search(dataset, 'main', 'series', { Modality: 'CT' });
    expect(ct.length).toBeGreaterThan(0);
    expect(ct.every((m) => value(m.series?.attrs ?? {}, '00080060')?.[0] === 'CT')).toBe(true);
    const byPatient = await search(dataset, 'main', 'series', { PatientID: syntheticStudy(4).patientId });
    expect(byPatient.map((m) => m.study.uid)).toEqual([syntheticStudy(4).uid, syntheticStudy(4).uid]);

    const instances = await searchVersion(
      fixture.deps,
      dataset,
      'main',
      scopedTo(query('instance'), { study, series: `${study}.1` }),
    );
    expect(instances.matches.map((m) => m.instance?.uid)).toEqual([0, 1, 2].map((i) => `${study}.1.${i}`));
    const numbered = await search(dataset, 'main', 'instance', { StudyInstanceUID: study, InstanceNumber: '2' });
    expect(numbered.map((m) => m.instance?.uid)).toEqual([`${study}.0.1`, `${study}.1.1`]);
    const one = await search(dataset, 'main', 'instance', { SOPInstanceUID: `${study}.0.2` });
    expect(one.map((m) => [m.study.uid, m.series?.uid, m.instance?.uid])).toEqual([
      [study, `${study}.0`, `${study}.0.2`],
    ]);
  });

  it('answers at tags and commits as they were, while the branch moves on', async () => {
    const dataset = await seeded(4);
    await createTag(fixture.deps, dataset, 'v1', 'main');
    const before = await searchVersion(fixture.deps, dataset, 'main', query('study'));
    const doomed = syntheticStudy(1).uid;
    const removals = (await search(dataset, 'main', 'instance', { StudyInstanceUID: doomed })).map((m) => ({
      path: `${m.study.uid}/${m.series?.uid}/${m.instance?.uid}`,
      file: null,
    }));
    await commitChanges(fixture.deps, {
      dataset,
      branch: 'main',
      message: 'drop a study, add two',
      author: ada,
      ...withEdits(
        syntheticInstances({ count: 12, tag: 'more', perSeries: 3, seriesPerStudy: 2, firstStudy: 100 }),
        removals,
      ),
    });
    const now = uidsOf(await search(dataset, 'main', 'study'));
    expect(now).toHaveLength(5);
    expect(now).not.toContain(doomed);
    expect(uidsOf(await search(dataset, 'v1', 'study'))).toEqual(uidsOf(before.matches));
    expect(uidsOf(await search(dataset, before.ref.commit.slice(0, 10), 'study'))).toEqual(uidsOf(before.matches));
  });

  it('shares the index between versions: tags add no rows, a commit of one instance adds a few', async () => {
    const dataset = await seeded(30);
    expect(await search(dataset, 'main', 'study', { limit: '1' })).toHaveLength(1);
    const edges = await tableRows('tree_edge');
    const studies = await tableRows('study_index');
    for (let i = 0; i < 20; i++) await createTag(fixture.deps, dataset, `t${i}`, 'main');
    for (let i = 0; i < 20; i++) expect(await search(dataset, `t${i}`, 'study', { limit: '1' })).toHaveLength(1);
    expect(await tableRows('tree_edge')).toBe(edges);
    expect(await tableRows('study_index')).toBe(studies);
    // Listings: the branch's and those of the tags asked most recently, not one per tag.
    const listings = await fixture.database
      .fork()
      .execute<{ name: string; n: string | number }[]>(
        'select s.name, count(h.name) as n from head_scope s left join head_study h on h.scope_id = s.id ' +
          'where s.dataset_id = ? group by s.name order by s.name',
        [dataset.id],
      );
    expect(listings.map((l) => [l.name, Number(l.n)])).toEqual(
      ['main', ...Array.from({ length: KEPT_FIXED_LISTINGS }, (_, i) => `t${19 - i}`)].sort().map((n) => [n, 30]),
    );
    // A tag whose listing was dropped answers again, from a listing made anew.
    expect(uidsOf(await search(dataset, 't0', 'study'))).toEqual(uidsOf(await search(dataset, 'main', 'study')));
    await commitChanges(fixture.deps, {
      dataset,
      branch: 'main',
      message: 'one more',
      author: ada,
      ...syntheticInstances({ count: 1, tag: 'single', perSeries: 3, seriesPerStudy: 2, firstStudy: 0 }),
    });
    // The changed leaf of the series, study and root directories: a handful of rows, not 180.
    expect((await tableRows('tree_edge')) - edges).toBeLessThan(40);
    expect((await tableRows('study_index')) - studies).toBe(1);
  });

  it('indexes merge commits as they are made', async () => {
    const dataset = await seeded(3);
    await createBranch(fixture.deps, dataset, 'side', 'main');
    await commitChanges(fixture.deps, {
      dataset,
      branch: 'side',
      message: 'side study',
      author: ada,
      ...syntheticInstances({ count: 3, tag: 'side', perSeries: 3, seriesPerStudy: 1, firstStudy: 50 }),
    });
    await commitChanges(fixture.deps, {
      dataset,
      branch: 'main',
      message: 'main study',
      author: ada,
      ...syntheticInstances({ count: 3, tag: 'main', perSeries: 3, seriesPerStudy: 1, firstStudy: 60 }),
    });
    const result = await merge(fixture.deps, dataset, 'main', 'side', ada);
    expect(result.kind).toBe('merge');
    const { tree } = await readCommit(fixture.database.read(), result.commit);
    expect(await fixture.database.read().index.isIndexed(tree)).toBe(true);
    expect(uidsOf(await search(dataset, 'main', 'study'))).toEqual(
      [0, 1, 2, 50, 60].map((n) => syntheticStudy(n).uid).sort(),
    );
  });

  it('materialises the index of a version that has none, once, with the same answers', async () => {
    const dataset = await seeded(8);
    const expected = await search(dataset, 'main', 'series', { Modality: 'MR' });
    const em = fixture.database.fork();
    for (const table of ['indexed_tree', 'study_index', 'study_key', 'series_index', 'tree_edge', 'head_scope'])
      await em.execute(`delete from ${table}`);
    expect(await search(dataset, 'main', 'series', { Modality: 'MR' })).toEqual(expected);
    const rows = await tableRows('tree_edge');
    await search(dataset, 'main', 'study');
    expect(await tableRows('tree_edge')).toBe(rows);
  });

  it('leaves directories without DICOM metadata out of the results', async () => {
    const dataset = await seeded(2);
    await commitChanges(fixture.deps, {
      dataset,
      branch: 'main',
      message: 'docs',
      author: ada,
      edits: [{ path: 'docs/readme.md', file: { kind: 'file', id: 'ab'.repeat(32) as Digest, bytes: 10 } }],
      files: [{ id: 'ab'.repeat(32) as Digest, size: 10, parts: ['ab'.repeat(32) as Digest] }],
    });
    expect(uidsOf(await search(dataset, 'main', 'study'))).toHaveLength(2);
  });
});

describe('searchVersion at a branch head (the branch listing)', () => {
  const QUERIES: [QueryLevel, Record<string, string>][] = [
    ['study', {}],
    ['study', { PatientName: 'GARC*' }],
    ['study', { PatientName: '*', StudyDate: '20050101-20151231' }],
    ['study', { StudyDate: '-20101231', StudyTime: '-1300' }],
    ['study', { ModalitiesInStudy: 'MR', limit: '3', offset: '1' }],
    ['series', { Modality: 'CT', PatientName: 'D*' }],
    ['instance', { PatientName: 'N*' }],
  ];

  /** The head's answers through the listing equal a walk of the same tree. */
  async function expectListingEqualsWalk(dataset: DatasetRecord, branch = 'main'): Promise<number> {
    const head = await searchVersion(fixture.deps, dataset, branch, query('study'));
    for (const [level, params] of QUERIES) {
      const walked = await walk(head.tree, level, params);
      expect({ level, params, matches: await search(dataset, branch, level, params) }).toEqual({
        level,
        params,
        matches: walked,
      });
    }
    return head.matches.length;
  }

  async function commit(dataset: DatasetRecord, batch: { edits: PathEdit[]; files: FileRecord[] }, branch = 'main') {
    return commitChanges(fixture.deps, { dataset, branch, message: 'change', author: ada, ...batch });
  }

  const removalsOf = async (dataset: DatasetRecord, study: string) =>
    (await search(dataset, 'main', 'instance', { StudyInstanceUID: study })).map((m) => ({
      path: `${m.study.uid}/${m.series?.uid}/${m.instance?.uid}`,
      file: null,
    }));

  it('answers as a walk of the head tree would, through commits that add, change and remove studies', async () => {
    const dataset = await seeded(10);
    expect(await expectListingEqualsWalk(dataset)).toBe(10);
    await commit(
      dataset,
      syntheticInstances({ count: 12, tag: 'added', perSeries: 2, seriesPerStudy: 2, firstStudy: 30 }),
    );
    expect(await expectListingEqualsWalk(dataset)).toBe(13);
    // Instance 0 of study 2 replaced by other bytes: the study's directory (and so its row) changes.
    const studyTwo = async () =>
      (await search(dataset, 'main', 'study', { StudyInstanceUID: syntheticStudy(2).uid }))[0];
    const before = await studyTwo();
    await commit(
      dataset,
      syntheticInstances({ count: 1, tag: 'replaced', perSeries: 1, seriesPerStudy: 1, firstStudy: 2 }),
    );
    await commit(dataset, { edits: await removalsOf(dataset, syntheticStudy(3).uid), files: [] });
    expect(await expectListingEqualsWalk(dataset)).toBe(12);
    expect((await studyTwo())?.study.id).not.toBe(before?.study.id);
    // One row per study of the head, whatever the history.
    const listed = await fixture.database
      .fork()
      .execute<{ n: string | number }[]>(
        'select count(*) as n from head_study h join head_scope s on s.id = h.scope_id where s.dataset_id = ? and s.name = ?',
        [dataset.id, 'main'],
      );
    expect(Number(listed[0]?.n)).toBe(12);
  });

  it('answers at tags and commits from listings that equal walks of their trees', async () => {
    const dataset = await seeded(8);
    const first = await searchVersion(fixture.deps, dataset, 'main', query('study'));
    await createTag(fixture.deps, dataset, 'v1', 'main');
    await commit(
      dataset,
      syntheticInstances({ count: 6, tag: 'later', perSeries: 3, seriesPerStudy: 1, firstStudy: 20 }),
    );
    await commit(dataset, { edits: await removalsOf(dataset, syntheticStudy(4).uid), files: [] });
    await createTag(fixture.deps, dataset, 'v2', 'main');
    for (const ref of ['v1', 'v2', first.ref.commit, first.ref.commit.slice(0, 12)]) {
      expect(await expectListingEqualsWalk(dataset, ref)).toBe(ref === 'v2' ? 9 : 8);
    }
    const kinds = await Promise.all(
      ['v1', first.ref.commit.slice(0, 12)].map(
        async (ref) => (await searchVersion(fixture.deps, dataset, ref, query('study'))).ref.kind,
      ),
    );
    expect(kinds).toEqual(['tag', 'commit']);
  });

  it("starts a new branch from another branch's listing and keeps the branches apart", async () => {
    const dataset = await seeded(6);
    expect(await expectListingEqualsWalk(dataset)).toBe(6);
    await createBranch(fixture.deps, dataset, 'feature', 'main');
    await commit(
      dataset,
      syntheticInstances({ count: 2, tag: 'feature', perSeries: 2, seriesPerStudy: 1, firstStudy: 40 }),
      'feature',
    );
    await commit(dataset, { edits: await removalsOf(dataset, syntheticStudy(0).uid), files: [] });
    expect(await expectListingEqualsWalk(dataset, 'feature')).toBe(7);
    expect(await expectListingEqualsWalk(dataset, 'main')).toBe(5);
  });

  it("drops a deleted branch's listing; a branch made again by that name answers from its own head", async () => {
    const dataset = await seeded(5);
    await createBranch(fixture.deps, dataset, 'scratch', 'main');
    await commit(
      dataset,
      syntheticInstances({ count: 2, tag: 'scratch', perSeries: 2, seriesPerStudy: 1, firstStudy: 70 }),
      'scratch',
    );
    expect(await expectListingEqualsWalk(dataset, 'scratch')).toBe(6);
    await deleteBranch(fixture.deps, dataset, 'scratch');
    const listings = () =>
      fixture.database
        .fork()
        .execute<unknown[]>('select 1 from head_scope where dataset_id = ? and name = ?', [dataset.id, 'scratch']);
    expect(await listings()).toHaveLength(0);
    await createBranch(fixture.deps, dataset, 'scratch', 'main');
    expect(await expectListingEqualsWalk(dataset, 'scratch')).toBe(5);
    expect(await listings()).toHaveLength(1);
  });

  it('answers at a current head in one statement, and leaves everything else to the careful way', async () => {
    const dataset = await seeded(3);
    const index = fixture.database.read().index;
    const nothing = query('study', { PatientName: 'NOBODY*' });
    // No listing yet: the statement answers nothing, and the query goes the careful way.
    expect(await index.searchHead(dataset.id, 'main', query('study'))).toBeUndefined();
    const first = await searchVersion(fixture.deps, dataset, 'main', nothing);
    expect(first.matches).toEqual([]);
    expect(first.ref.kind).toBe('branch');
    // Now current: one statement answers, naming the commit and tree; no match still asks again.
    const { tree } = await readCommit(fixture.database.read(), first.ref.commit);
    const all = await index.searchHead(dataset.id, 'main', query('study'));
    expect({ commit: all?.commit, tree: all?.tree }).toEqual({ commit: first.ref.commit, tree });
    expect(all?.matches.map((m) => m.study.uid)).toEqual(uidsOf(await search(dataset, first.ref.commit, 'study')));
    expect(await index.searchHead(dataset.id, 'main', nothing)).toBeUndefined();
    // A tag is not a branch; a branch that moved has a listing behind it until a query catches it up.
    await createTag(fixture.deps, dataset, 'v1', 'main');
    expect(await index.searchHead(dataset.id, 'v1', query('study'))).toBeUndefined();
    await commit(
      dataset,
      syntheticInstances({ count: 1, tag: 'moved', perSeries: 1, seriesPerStudy: 1, firstStudy: 9 }),
    );
    expect(await index.searchHead(dataset.id, 'main', query('study'))).toBeUndefined();
    expect(await search(dataset, 'main', 'study')).toHaveLength(4);
    expect((await index.searchHead(dataset.id, 'main', query('study')))?.matches).toHaveLength(4);
  });

  it('answers every query with the head it names, while writers move the branch', async () => {
    const dataset = await seeded(4);
    const writers = Array.from({ length: 3 }, (_, i) =>
      commit(
        dataset,
        syntheticInstances({ count: 2, tag: `race-${i}`, perSeries: 2, seriesPerStudy: 1, firstStudy: 50 + i }),
      ),
    );
    const readers = Array.from({ length: 8 }, () =>
      searchVersion(fixture.deps, dataset, 'main', query('study', { PatientName: '*' })),
    );
    const [answers] = await Promise.all([Promise.all(readers), Promise.all(writers)]);
    for (const answer of answers) {
      expect(answer.matches).toEqual(await walk(answer.tree, 'study', { PatientName: '*' }));
      expect(answer.tree).toBe((await readCommit(fixture.database.read(), answer.ref.commit)).tree);
    }
    expect(await expectListingEqualsWalk(dataset)).toBe(7);
  });
});

function withEdits<T extends { edits: unknown[] }>(batch: T, extra: T['edits']): T {
  return { ...batch, edits: [...batch.edits, ...extra] };
}

export type { InstanceMetadataRecord };
