// Test support for gc: files made of chosen parts, commits of them, and a way to make everything
// stored so far look old (rows untouched, parts unmodified for two hours).
import { randomBytes } from 'node:crypto';
import { readdir, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256, type BlobStore, type BlobWriter, type Digest } from '@strata/modules/blob';
import type { DatasetRecord, FileRecord, InstanceMetadataRecord } from '@strata/models';
import { commitChanges } from '../versioning/commit-changes.js';
import type { VersioningFixture } from './versioning-fixture.js';

export const ada = { name: 'Ada', email: 'ada@example.org' };
export const HOUR = 3_600_000;

/** A file stored as these parts (random header and pixel bytes when not given). */
export async function storedFile(
  store: BlobWriter,
  parts: Buffer[] = [randomBytes(300), randomBytes(2_000)],
): Promise<FileRecord> {
  const digests: Digest[] = [];
  for (const part of parts) digests.push((await store.put(part)).digest);
  const whole = Buffer.concat(parts);
  return { id: sha256(whole), size: whole.length, parts: digests };
}

function metadataOf(file: FileRecord, path: string): InstanceMetadataRecord {
  const [study = '', series = '', sop = ''] = path.split('/');
  return {
    fileId: file.id,
    studyInstanceUid: study,
    seriesInstanceUid: series,
    sopInstanceUid: sop,
    sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
    transferSyntaxUid: '1.2.840.10008.1.2.1',
    numberOfFrames: 1,
    headerEnd: 300,
    attributes: { '0020000D': { vr: 'UI', Value: [study] }, '0020000E': { vr: 'UI', Value: [series] } },
  };
}

/** Commits files at `study/series/sop` paths (with their metadata) to a branch; `null` removes a path. */
export async function commitFiles(
  fixture: VersioningFixture,
  dataset: DatasetRecord,
  branch: string,
  files: Record<string, FileRecord | null>,
): Promise<Digest> {
  const entries = Object.entries(files);
  const placed = entries.filter((entry): entry is [string, FileRecord] => entry[1] !== null);
  const result = await commitChanges(fixture.deps, {
    dataset,
    branch,
    message: `commit to ${branch}`,
    author: ada,
    edits: entries.map(([path, file]) => ({
      path,
      file: file === null ? null : { kind: 'dicom', id: file.id, bytes: file.size },
    })),
    files: placed.map(([, file]) => file),
    metadata: placed.map(([path, file]) => metadataOf(file, path)),
  });
  return result.commit;
}

/** Makes every row and every stored part look untouched for two hours. */
export async function ageEverything(fixture: VersioningFixture): Promise<void> {
  const em = fixture.database.fork();
  for (const table of ['object', 'file']) {
    await em.execute(`update ${table} set touched_at = now() - interval '2 hours'`);
  }
  const past = new Date(Date.now() - 2 * HOUR);
  const visit = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await visit(path);
      else await utimes(path, past, past);
    }
  };
  await visit(join(fixture.dir, 'blobs', 'objects'));
  await visit(join(fixture.dir, 'blobs', 'packs'));
}

/** Row counts of the tables gc sweeps. */
export async function rowCounts(fixture: VersioningFixture): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const tables = ['object', 'file', 'tree_edge', 'study_index', 'series_index', 'indexed_tree', 'instance_metadata'];
  for (const table of tables) {
    const [row] = await fixture.database.fork().execute<{ n: string | number }[]>(`select count(*) as n from ${table}`);
    counts[table] = Number(row?.n);
  }
  return counts;
}

/** The digests in the store and in its trash, on their own or packed (each once). */
export async function storedDigests(store: BlobStore): Promise<{ stored: Digest[]; trash: Digest[] }> {
  const stored = new Set<Digest>();
  const trash = new Set<Digest>();
  for await (const blob of store.listStored()) stored.add(blob.digest);
  for await (const pack of store.listPacks()) for (const blob of pack.blobs) stored.add(blob.digest);
  for await (const blob of store.listTrash()) trash.add(blob.digest);
  for await (const pack of store.listTrashedPacks()) for (const blob of pack.blobs) trash.add(blob.digest);
  return { stored: [...stored].sort(), trash: [...trash].sort() };
}
