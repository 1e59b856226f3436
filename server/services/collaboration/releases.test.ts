import { sha256 } from '@strata/modules/blob';
import { syntheticInstances } from '@strata/models/testing';
import { OPERATOR, grantRole, type Actor } from '../access/index.js';
import { latestEvents } from '../audit/audit.js';
import { errorCode, signedInUser } from '../testing/test-actors.js';
import { useVersioningFixture } from '../testing/versioning-fixture.js';
import { commitChanges, createDataset, listRefs } from '../versioning/index.js';
import {
  addComment,
  citationCff,
  createRelease,
  openIssue,
  editRelease,
  getRelease,
  listReleases,
  releaseManifest,
} from './index.js';

const fixture = useVersioningFixture('releases');
const ada = { name: 'Ada', email: 'ada@example.org' };
const citation = {
  authors: [
    { name: 'Ada Lovelace', affiliation: 'Analytical Engines', orcid: 'https://orcid.org/0000-0002-1825-0097' },
  ],
  version: '1.0.0',
  license: 'CC-BY-4.0',
  doi: '10.5281/zenodo.1234',
};

const code = errorCode;

const user = (login: string): Promise<Actor> => signedInUser(fixture.deps, login);

/** Two studies, three series, four instances (and their sizes: 10 + 20 + 30 + 40 bytes). */
const PATHS = ['1.1/1.1.1/1.1.1.1', '1.1/1.1.1/1.1.1.2', '1.1/1.1.2/1.1.2.1', '1.2/1.2.1/1.2.1.1'];

describe('releases', () => {
  let writer: Actor;
  let reader: Actor;
  beforeAll(async () => {
    const dataset = await createDataset(fixture.deps, 'lab/ct', ada);
    const files = PATHS.map((path, i) => ({ path, id: sha256(path), size: (i + 1) * 10 }));
    await commitChanges(fixture.deps, {
      dataset,
      branch: 'main',
      edits: files.map((f) => ({ path: f.path, file: { kind: 'dicom' as const, id: f.id, bytes: f.size } })),
      files: files.map((f) => ({ id: f.id, size: f.size, parts: [f.id] })),
      message: 'four',
      author: ada,
    });
    writer = await user('writer');
    reader = await user('reader');
    await grantRole(fixture.deps, OPERATOR, 'lab/ct', 'writer', 'write');
    await grantRole(fixture.deps, OPERATOR, 'lab/ct', 'reader', 'read');
  });

  it('publishes a tag and its release in one transaction, with what it holds counted', async () => {
    const { release } = await createRelease(fixture.deps, writer, 'lab/ct', {
      tag: 'v1',
      title: 'First release',
      notes: 'All of it.',
      citation,
    });
    expect(release).toMatchObject({ tag: 'v1', studies: 2, series: 3, instances: 4, bytes: 100 });
    expect(release.citation.authors[0]?.orcid).toBe('0000-0002-1825-0097');
    const tag = (await listRefs(fixture.deps, (await getRelease(fixture.deps, reader, 'lab/ct', 'v1')).dataset)).find(
      (ref) => ref.name === 'v1',
    );
    expect(tag).toMatchObject({ kind: 'tag', commit: release.commit });
    expect((await latestEvents(fixture.deps, OPERATOR, 5, 'lab/ct')).map((e) => e.action)).toContain(
      'release.published',
    );
    expect(citationCff(release, 'lab/ct', 'https://hub.example/dicomweb/lab/ct/@v1')).toContain(
      'orcid: "https://orcid.org/0000-0002-1825-0097"',
    );
  });

  it('refuses bad input and forbidden callers without leaving a tag or a release behind', async () => {
    const refs = async () =>
      (await listRefs(fixture.deps, (await getRelease(fixture.deps, reader, 'lab/ct', 'v1')).dataset)).length;
    const before = await refs();
    const attempt = (actor: Actor, changes: Partial<Parameters<typeof createRelease>[3]>) =>
      code(createRelease(fixture.deps, actor, 'lab/ct', { tag: 'v2', title: 'x', citation, ...changes }));
    expect(await attempt(reader, {})).toBe('auth.forbidden');
    expect(await attempt(writer, { tag: 'v1' })).toBe('ref.exists');
    expect(await attempt(writer, { tag: 'bad..name' })).toBe('ref.invalid_name');
    expect(await attempt(writer, { at: 'nope' })).toBe('ref.not_found');
    expect(await attempt(writer, { citation: { ...citation, license: 'not a license' } })).toBe(
      'release.invalid_citation',
    );
    expect(await attempt(writer, { citation: { ...citation, authors: [] } })).toBe('release.invalid_citation');
    expect(await attempt(writer, { citation: { ...citation, doi: 'doi:x' } })).toBe('release.invalid_citation');
    expect(await attempt(writer, { title: 't'.repeat(301) })).toBe('text.invalid_title');
    expect(await refs()).toBe(before);
    expect(await code(getRelease(fixture.deps, reader, 'lab/ct', 'v2'))).toBe('release.not_found');
  });

  it('edits notes only, lists newest first a page at a time, and streams a manifest of every file', async () => {
    await createRelease(fixture.deps, writer, 'lab/ct', { tag: 'v1.1', title: 'Second', citation });
    await createRelease(fixture.deps, writer, 'lab/ct', { tag: 'v1.2', title: 'Third', citation });
    const { release: edited } = await editRelease(fixture.deps, writer, 'lab/ct', 'v1', { notes: 'Corrected notes.' });
    expect(edited).toMatchObject({ notes: 'Corrected notes.', studies: 2, tag: 'v1' });
    expect(await code(editRelease(fixture.deps, reader, 'lab/ct', 'v1', { notes: 'no' }))).toBe('auth.forbidden');

    const first = await listReleases(fixture.deps, reader, 'lab/ct', { first: 2 });
    const second = await listReleases(fixture.deps, reader, 'lab/ct', { first: 2, after: first.next });
    expect([...first.items, ...second.items].map((r) => r.tag)).toEqual(['v1.2', 'v1.1', 'v1']);
    expect(second.next).toBeUndefined();

    let text = '';
    for await (const piece of await releaseManifest(fixture.deps, reader, 'lab/ct', 'v1')) text += piece;
    const manifest = JSON.parse(text) as {
      dicomweb: string;
      counts: object;
      files: { path: string; size: number; sha256: string }[];
    };
    expect(manifest.dicomweb).toBe('/dicomweb/lab/ct/@v1');
    expect(manifest.counts).toEqual({ studies: 2, series: 3, instances: 4, bytes: 100 });
    expect(manifest.files.map((f) => [f.path, f.size, f.sha256])).toEqual(
      PATHS.map((path, i) => [path, (i + 1) * 10, sha256(path)]),
    );
    expect(await code(releaseManifest(fixture.deps, await user('stranger'), 'lab/ct', 'v1'))).toBe('dataset.not_found');
  });
  it('counts and lists a larger tree from its totals, streaming the manifest in batches with SOP Classes', async () => {
    const dataset = await createDataset(fixture.deps, 'lab/large', ada);
    // 3 studies of 2 series of 200 instances (the last study has one series of 200).
    const batch = syntheticInstances({ count: 1_000, tag: 'large', perSeries: 200, seriesPerStudy: 2 });
    const { commit } = await commitChanges(fixture.deps, {
      dataset,
      branch: 'main',
      ...batch,
      message: 'large',
      author: ada,
    });
    const { release } = await createRelease(fixture.deps, OPERATOR, 'lab/large', {
      tag: 'v1',
      title: 'Large',
      citation,
    });
    expect(release).toMatchObject({ studies: 3, series: 5, instances: 1_000, bytes: 9_000_000, commit });

    const pieces: string[] = [];
    for await (const piece of await releaseManifest(fixture.deps, OPERATOR, 'lab/large', 'v1')) pieces.push(piece);
    // The head, one piece per 500 files, the tail: never one string of everything.
    expect(pieces).toHaveLength(4);
    const manifest = JSON.parse(pieces.join('')) as { files: { path: string; sopClassUid: string | null }[] };
    expect(manifest.files).toHaveLength(1_000);
    expect(new Set(manifest.files.map((f) => f.sopClassUid))).toEqual(new Set(['1.2.840.10008.5.1.4.1.1.2']));
    expect(manifest.files.map((f) => f.path)).toEqual(batch.edits.map((e) => e.path).sort());

    // An anchored frame is checked against the instance's indexed NumberOfFrames (1 here).
    const [study, series, instance] = (batch.edits[0]?.path ?? '').split('/') as [string, string, string];
    await openIssue(fixture.deps, OPERATOR, 'lab/large', { title: 'frame' });
    const anchor = { commit, study, series, instance, frame: 1 };
    await addComment(fixture.deps, OPERATOR, 'lab/large', 1, { body: 'ok', anchor });
    await expect(
      addComment(fixture.deps, OPERATOR, 'lab/large', 1, { body: 'no', anchor: { ...anchor, frame: 2 } }),
    ).rejects.toMatchObject({ code: 'anchor.invalid' });
  });
});
