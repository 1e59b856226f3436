import type { DatasetRecord } from '@strata/models';
import type { Digest } from '@strata/modules/blob';
import { entriesOf, lookup, NodeStaging, treeTotals } from '@strata/modules/objects';
import { commitAt } from './history.js';
import type { VersioningDeps } from './versioning-deps.js';

/** What a version holds: DICOM instances, all files (instances and others), and their bytes. */
export interface VersionSize {
  instances: number;
  files: number;
  bytes: number;
}

/**
 * The size of the tree `tree`, read off directory totals: the root node's totals and one entry
 * per study (its file count), never one read per instance. Instances are the files under the
 * root's directories (studies); files at the root (a README) count as files only.
 */
export async function treeSize(deps: VersioningDeps, tree: Digest): Promise<VersionSize> {
  const staging = new NodeStaging(deps.database.read().objects);
  let instances = 0;
  for await (const entry of entriesOf(staging, tree)) if (entry.kind === 'dir') instances += entry.files;
  const totals = await treeTotals(staging, tree);
  return { instances, files: totals.files, bytes: totals.bytes };
}

/** The names a datasheet may have at the root of a version, in the order they are looked for. */
export const README_NAMES = ['README.md', 'README.txt', 'README', 'datasheet.md'] as const;

/** Longer READMEs are cut here (and say so): a page shows text, not a data file named README. */
export const README_MAX_BYTES = 256 * 1024;

export interface Readme {
  path: string;
  text: string;
  truncated: boolean;
}

/** The README (or datasheet) at the root of the version `rev` names, as text; undefined if none. */
export async function readmeAt(deps: VersioningDeps, dataset: DatasetRecord, rev: string): Promise<Readme | undefined> {
  const { commit } = await commitAt(deps, dataset, rev);
  const read = deps.database.read();
  const staging = new NodeStaging(read.objects);
  for (const name of README_NAMES) {
    const entry = await lookup(staging, commit.tree, name);
    if (entry === undefined || entry.kind !== 'file') continue;
    const file = await read.files.get(entry.id);
    if (file === undefined) continue;
    const chunks: Buffer[] = [];
    let length = 0;
    for (const part of file.parts) {
      if (length >= README_MAX_BYTES) break;
      for await (const chunk of await deps.blobStore.get(part)) {
        chunks.push(chunk as Buffer);
        length += (chunk as Buffer).length;
        if (length >= README_MAX_BYTES) break;
      }
    }
    const bytes = Buffer.concat(chunks).subarray(0, README_MAX_BYTES);
    return { path: name, text: new TextDecoder('utf-8').decode(bytes), truncated: file.size > README_MAX_BYTES };
  }
  return undefined;
}
