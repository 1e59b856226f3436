import { StrataError } from '@strata/modules/errors';
import { NodeStaging, emptyTree } from '@strata/modules/objects';
import type { DatasetRecord, Visibility } from '@strata/models';
import { sealCommit } from './commit-store.js';
import { checkNewLogin, checkRefName, parseDatasetName } from './names.js';
import type { Author, VersioningDeps } from './versioning-deps.js';
import { indexCommitTree } from '../qido/index-tree.js';

export interface NewDatasetOptions {
  defaultBranch?: string;
  /** Default `private`: the data is medical. */
  visibility?: Visibility;
}

/**
 * Creates a dataset with one empty commit on its default branch, so that every dataset has a
 * history and a branch to commit to from the start. An owner with no account becomes an
 * organization with no members (site admins administer it until someone is added).
 */
export async function createDataset(
  deps: VersioningDeps,
  fullName: string,
  actor: Author,
  options: NewDatasetOptions = {},
): Promise<DatasetRecord> {
  const { owner, name } = parseDatasetName(fullName);
  const defaultBranch = options.defaultBranch ?? 'main';
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
    const account = await repositories.accounts.findByLogin(owner);
    if (account === undefined) {
      checkNewLogin(owner);
      await repositories.accounts.create({ login: owner, kind: 'organization' });
    }
    const dataset = await repositories.datasets.create(owner, name, defaultBranch, options.visibility ?? 'private');
    await repositories.objects.putNodes(staging.pending());
    await indexCommitTree(repositories, staging, tree, undefined);
    await repositories.objects.putCommit(id, encoded);
    await repositories.datasetCommits.record(dataset.id, [id]);
    await repositories.refs.create(dataset.id, defaultBranch, 'branch', id);
    return dataset;
  });
}

/** The dataset named `owner/name`; `dataset.not_found` otherwise. */
export async function findDataset(deps: VersioningDeps, fullName: string): Promise<DatasetRecord> {
  const { owner, name } = parseDatasetName(fullName);
  const dataset = await deps.database.read().datasets.find(owner, name);
  if (dataset === undefined) throw datasetNotFound(fullName);
  return dataset;
}

/** The one answer for a dataset that does not exist, or that the asker may not know exists. */
export function datasetNotFound(fullName: string): StrataError {
  return new StrataError('dataset.not_found', 'not_found', `No dataset ${fullName}.`, {
    details: { dataset: fullName },
  });
}
