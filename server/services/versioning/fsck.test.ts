import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { storeFileParts } from '../ingest/store-file.js';
import { commitChanges, createBranch, createDataset, fsck } from './index.js';
import { useVersioningFixture } from '../testing/versioning-fixture.js';

const ada = { name: 'Ada', email: 'ada@example.org' };
const fixture = useVersioningFixture('fsck');

async function storedInstance(name: string) {
  const path = join(fixture.dir, name);
  await writeFile(path, randomBytes(5000));
  const record = await storeFileParts(fixture.deps.blobStore, path, [1000]);
  return {
    record,
    edit: { path: `1.2/1.2.3/${name}`, file: { kind: 'dicom' as const, id: record.id, bytes: record.size } },
  };
}

describe('fsck', () => {
  it('passes on a sound repository, checking each shared object once, and names what is missing or corrupt', async () => {
    const dataset = await createDataset(fixture.deps, 'lab/fsck', ada);
    const a = await storedInstance('a');
    const b = await storedInstance('b');
    await commitChanges(fixture.deps, {
      dataset,
      branch: 'main',
      message: 'two',
      author: ada,
      edits: [a.edit, b.edit],
      files: [a.record, b.record],
    });
    await createBranch(fixture.deps, dataset, 'copy');
    const sound = await fsck(fixture.deps);
    expect(sound.problems).toEqual([]);
    expect(sound).toMatchObject({ datasets: 1, refs: 2, commits: 2, files: 2, parts: 4, bytes: 10_000 });

    const [aHeader, aPixels] = a.record.parts;
    const objects = join(fixture.dir, 'blobs', 'objects');
    await writeFile(join(objects, aHeader?.slice(0, 2) ?? '', aHeader?.slice(2, 4) ?? '', aHeader ?? ''), 'tampered');
    await fixture.deps.blobStore.delete(aPixels ?? ('' as never));
    const damaged = await fsck(fixture.deps);
    expect(damaged.problems).toEqual([
      expect.objectContaining({
        kind: 'corrupt',
        object: 'part',
        id: aHeader,
        reachedFrom: 'lab/fsck@copy:1.2/1.2.3/a',
      }),
      expect.objectContaining({
        kind: 'missing',
        object: 'part',
        id: aPixels,
        reachedFrom: 'lab/fsck@copy:1.2/1.2.3/a',
      }),
    ]);
    const quick = await fsck(fixture.deps, { quick: true });
    expect(quick.problems.map((p) => p.kind)).toEqual(['missing']);
  });
});
