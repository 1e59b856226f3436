import type { Digest } from '@strata/modules/blob';
import type { QidoQuery } from '@strata/modules/qido';
import type { DatasetRecord, QidoMatch } from '@strata/models';
import { readCommit } from '../versioning/commit-store.js';
import { resolveRef, type ResolvedRef } from '../versioning/refs.js';
import type { VersioningDeps } from '../versioning/versioning-deps.js';
import { materializeIndex } from './index-tree.js';

export interface SearchResult {
  ref: ResolvedRef;
  tree: Digest;
  matches: QidoMatch[];
}

/**
 * Answers a QIDO query at any ref of a dataset (branch, tag, commit) from the index. A version
 * whose tree is not indexed yet is materialised first, once.
 */
export async function searchVersion(
  deps: VersioningDeps,
  dataset: DatasetRecord,
  ref: string,
  query: QidoQuery,
): Promise<SearchResult> {
  const resolved = await resolveRef(deps, dataset, ref);
  const read = deps.database.read();
  const { tree } = await readCommit(read, resolved.commit);
  if (!(await read.index.isIndexed(tree))) {
    await deps.database.transaction((repositories) => materializeIndex(repositories, tree));
  }
  return { ref: resolved, tree, matches: await read.index.search(tree, query) };
}
