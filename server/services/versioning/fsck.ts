import { createHash } from 'node:crypto';
import type { Digest } from '@strata/modules/blob';
import { isStrataError } from '@strata/modules/errors';
import { NodeStaging, type ChildRef, type TreeEntry } from '@strata/modules/objects';
import { readCommit } from './commit-store.js';
import type { VersioningDeps } from './versioning-deps.js';

export interface FsckProblem {
  kind: 'missing' | 'corrupt';
  object: 'commit' | 'tree' | 'file' | 'part' | 'pack';
  id: Digest;
  /** Where it was reached from: `owner/name@ref` and, for files and parts, the path; for a pack, the store. */
  reachedFrom: string;
  detail: string;
}

export interface FsckReport {
  datasets: number;
  refs: number;
  commits: number;
  nodes: number;
  files: number;
  parts: number;
  bytes: number;
  problems: FsckProblem[];
}

/**
 * Checks every object reachable from every branch and tag: commits and tree nodes are re-hashed
 * as they are read, every file must have its record, and every part is re-read from the blob
 * store and re-hashed (unless `quick`, which only checks that it exists with the right size
 * total). Each object is checked once, however many versions share it.
 */
export async function fsck(deps: VersioningDeps, options: { quick?: boolean } = {}): Promise<FsckReport> {
  const read = deps.database.read();
  const staging = new NodeStaging(read.objects);
  const report: FsckReport = { datasets: 0, refs: 0, commits: 0, nodes: 0, files: 0, parts: 0, bytes: 0, problems: [] };
  const seenCommits = new Set<Digest>();
  const seenNodes = new Set<Digest>();
  const seenFiles = new Set<Digest>();
  const seenParts = new Set<Digest>();

  const problem = (p: FsckProblem) => report.problems.push(p);

  async function checkPart(id: Digest, where: string): Promise<number | undefined> {
    if (seenParts.has(id)) return undefined;
    seenParts.add(id);
    report.parts++;
    const stat = await deps.blobStore.stat(id);
    if (stat === undefined) {
      problem({ kind: 'missing', object: 'part', id, reachedFrom: where, detail: 'not in the blob store' });
      return undefined;
    }
    report.bytes += stat.size;
    if (options.quick === true) return stat.size;
    const hash = createHash('sha256');
    for await (const chunk of await deps.blobStore.get(id)) hash.update(chunk as Uint8Array);
    const actual = hash.digest('hex');
    if (actual !== id)
      problem({ kind: 'corrupt', object: 'part', id, reachedFrom: where, detail: `its bytes hash to ${actual}` });
    return stat.size;
  }

  async function checkFile(entry: TreeEntry, where: string): Promise<void> {
    if (seenFiles.has(entry.id)) return;
    seenFiles.add(entry.id);
    report.files++;
    const record = await read.files.get(entry.id);
    if (record === undefined) {
      problem({ kind: 'missing', object: 'file', id: entry.id, reachedFrom: where, detail: 'no file record' });
      return;
    }
    for (const part of record.parts) await checkPart(part, where);
    if (record.size !== entry.bytes) {
      problem({
        kind: 'corrupt',
        object: 'file',
        id: entry.id,
        reachedFrom: where,
        detail: `record says ${record.size} bytes, tree says ${entry.bytes}`,
      });
    }
  }

  async function checkDirectory(id: Digest, where: string, path: string): Promise<void> {
    if (seenNodes.has(id)) return;
    seenNodes.add(id);
    report.nodes++;
    let node;
    try {
      node = await staging.get(id);
    } catch (error) {
      if (!isStrataError(error)) throw error;
      problem({
        kind: error.code === 'object.missing' ? 'missing' : 'corrupt',
        object: 'tree',
        id,
        reachedFrom: `${where}:${path}`,
        detail: error.message,
      });
      return;
    }
    if (node.level > 0) {
      for (const child of node.items as ChildRef[]) await checkDirectory(child.id, where, path);
      return;
    }
    for (const entry of node.items as TreeEntry[]) {
      const entryPath = `${path}${entry.name}`;
      if (entry.kind === 'dir') await checkDirectory(entry.id, where, `${entryPath}/`);
      else await checkFile(entry, `${where}:${entryPath}`);
    }
  }

  async function checkHistory(start: Digest, where: string): Promise<void> {
    const queue = [start];
    while (queue.length > 0) {
      const id = queue.pop() as Digest;
      if (seenCommits.has(id)) continue;
      seenCommits.add(id);
      report.commits++;
      try {
        const commit = await readCommit(read, id);
        await checkDirectory(commit.tree, where, '');
        queue.push(...commit.parents);
      } catch (error) {
        if (!isStrataError(error)) throw error;
        problem({
          kind: error.code === 'commit.not_found' ? 'missing' : 'corrupt',
          object: 'commit',
          id,
          reachedFrom: where,
          detail: error.message,
        });
      }
    }
  }

  for (const dataset of await read.datasets.list()) {
    report.datasets++;
    for (const ref of await read.refs.list(dataset.id)) {
      report.refs++;
      await checkHistory(ref.commit, `${dataset.owner}/${dataset.name}@${ref.name}`);
    }
  }
  // Packs the store could not read: their parts show above as missing, and here is why.
  for (const pack of deps.blobStore.damagedPacks()) {
    problem({
      kind: 'corrupt',
      object: 'pack',
      id: pack.id,
      reachedFrom: deps.blobStore.location,
      detail: pack.reason,
    });
  }
  return report;
}
