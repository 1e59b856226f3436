import { StrataError } from '@strata/modules/errors';
import { NodeStaging, emptyTree } from '@strata/modules/objects';
import type { DatasetRecord } from '@strata/models';
import { sealCommit } from './commit-store.js';
import { checkRefName, parseDatasetName } from './names.js';
import type { Actor, VersioningDeps } from './versioning-deps.js';
import { indexCommitTree } from '../qido/index-tree.js';

/**
 * Creates a dataset with one empty commit on its default branch, so that every dataset has a
 * history and a branch to commit to from the start.
 */
export async function createDataset(
  deps: VersioningDeps,
  fullName: string,
  actor: Actor,
  defaultBranch = 'main',
): Promise<DatasetRecord> {
  const { owner, name } = parseDatasetName(fullName);
  checkRefName(defaultBranch);
  const staging = new NodeStaging(deps.database.read().objects);
  const tree = await emptyTree(staging);
  const time = deps.now().toISOString();
  const signature = { ...actor, time };
  const { id, encoded } = sealCommit({
    tree,
    parents: [],
    author: signature,
    committer: signature,
    message: 'Create dataset',
  });
  return deps.database.transaction(async (repositories) => {
    const dataset = await repositories.datasets.create(owner, name, defaultBranch);
    await repositories.objects.putNodes(staging.pending());
    await indexCommitTree(repositories, staging, tree, undefined);
    await repositories.objects.putCommit(id, encoded);
    await repositories.refs.create(dataset.id, defaultBranch, 'branch', id);
    return dataset;
  });
}

/** The dataset named `owner/name`; `dataset.not_found` otherwise. */
export async function findDataset(deps: VersioningDeps, fullName: string): Promise<DatasetRecord> {
  const { owner, name } = parseDatasetName(fullName);
  const dataset = await deps.database.read().datasets.find(owner, name);
  if (dataset === undefined) {
    throw new StrataError('dataset.not_found', 'not_found', `No dataset ${owner}/${name}.`, {
      details: { dataset: fullName },
    });
  }
  return dataset;
}
