import { StrataError } from '@strata/modules/errors';
import type { DatasetRecord, Role, Visibility } from '@strata/models';
import { requireDatasetOwner } from '../access/accounts.js';
import type { Actor } from '../access/actor.js';
import { roleRank } from '../access/decide-role.js';
import { requireAccess } from '../access/require-access.js';
import { roleOf } from '../access/role-of.js';
import { VISIBILITIES } from '../access/dataset-access.js';
import { recordEvent } from '../audit/audit.js';
import { parseDatasetName } from '../versioning/names.js';
import type { VersioningDeps } from '../versioning/versioning-deps.js';

/**
 * Forks a dataset (anyone who can read it) into `owner/name`, an account the actor may create
 * datasets in: a new dataset with the same branches, tags and history, sharing every object
 * (a fork of a terabyte costs a few rows per ref and one per commit). Its proposals can go back
 * to any dataset of the lineage. It is as visible as the original unless asked otherwise, and
 * never more visible except by an admin of the original (`dataset.visibility_exceeds_source`):
 * a fork must not publish what its original keeps private.
 */
export async function forkDataset(
  deps: VersioningDeps,
  actor: Actor,
  source: DatasetRecord,
  fullName: string,
  options: { visibility?: Visibility } = {},
): Promise<DatasetRecord> {
  const role = await requireAccess(deps, actor, source, 'read');
  const { owner, name } = parseDatasetName(fullName);
  const account = await requireDatasetOwner(deps, actor, owner);
  const visibility = options.visibility ?? source.visibility;
  if (
    VISIBILITIES.indexOf(visibility) > VISIBILITIES.indexOf(source.visibility) &&
    roleRank(role) < roleRank('admin')
  ) {
    throw new StrataError(
      'dataset.visibility_exceeds_source',
      'forbidden',
      `${source.owner}/${source.name} is ${source.visibility}: only its admins can make a ${visibility} fork of it.`,
      { details: { visibility: source.visibility } },
    );
  }
  return deps.database.transaction(async (repositories) => {
    const fork = await repositories.datasets.create(account.login, name, source.defaultBranch, visibility, {
      forkedFromId: source.id,
      lineageId: source.lineageId,
    });
    await repositories.refs.copy(source.id, fork.id, deps.now());
    await repositories.datasetCommits.copy(source.id, fork.id);
    await recordEvent(repositories, deps, actor, 'dataset.forked', {
      datasetId: fork.id,
      subject: `${fork.owner}/${fork.name}`,
      data: { from: `${source.owner}/${source.name}`, visibility },
    });
    return fork;
  });
}

/** A dataset the actor can read, with their role on it. */
export interface ReadableDataset {
  dataset: DatasetRecord;
  role: Role;
}

/** The forks of a dataset that the actor can read, by owner then name. */
export async function forksOf(deps: VersioningDeps, actor: Actor, dataset: DatasetRecord): Promise<ReadableDataset[]> {
  await requireAccess(deps, actor, dataset, 'read');
  return readable(deps, actor, await deps.database.read().datasets.forksOf(dataset.id));
}

/** The dataset with this id (one forked from, a proposal's source), if it exists and the actor can read it. */
export async function readableDataset(
  deps: VersioningDeps,
  actor: Actor,
  datasetId: string | null,
): Promise<ReadableDataset | undefined> {
  const parent = datasetId === null ? undefined : await deps.database.read().datasets.findById(datasetId);
  return parent === undefined ? undefined : (await readable(deps, actor, [parent]))[0];
}

async function readable(deps: VersioningDeps, actor: Actor, datasets: DatasetRecord[]): Promise<ReadableDataset[]> {
  const roles = await Promise.all(datasets.map((dataset) => roleOf(deps, actor, dataset)));
  return datasets.flatMap((dataset, index) => {
    const role = roles[index];
    return role === undefined ? [] : [{ dataset, role }];
  });
}
