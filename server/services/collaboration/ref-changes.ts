import type { DatasetRecord, RefRecord, VersioningRepositories } from '@strata/models';
import type { Actor } from '../access/actor.js';
import { requireAccess } from '../access/require-access.js';
import { recordEvent } from '../audit/audit.js';
import { createBranch, createTag, deleteBranch } from '../versioning/refs.js';
import type { VersioningDeps } from '../versioning/versioning-deps.js';
import { requireDirectWrite } from './protection.js';

/**
 * Branch and tag changes made by someone (GraphQL, the web app): the writer's role is checked,
 * a protected branch is deleted only by an admin, and the change and its audit event are one
 * transaction. (The versioning functions themselves take no actor: the CLI and tests use them.)
 */
export async function createBranchAs(
  deps: VersioningDeps,
  actor: Actor,
  dataset: DatasetRecord,
  name: string,
  from?: string,
): Promise<RefRecord> {
  await requireAccess(deps, actor, dataset, 'write');
  return createBranch(deps, dataset, name, from, (repositories, ref) =>
    refEvent(repositories, deps, actor, dataset, 'branch.created', ref),
  );
}

export async function createTagAs(
  deps: VersioningDeps,
  actor: Actor,
  dataset: DatasetRecord,
  name: string,
  at: string,
): Promise<RefRecord> {
  await requireAccess(deps, actor, dataset, 'write');
  return createTag(deps, dataset, name, at, (repositories, ref) =>
    refEvent(repositories, deps, actor, dataset, 'tag.created', ref),
  );
}

export async function deleteBranchAs(
  deps: VersioningDeps,
  actor: Actor,
  dataset: DatasetRecord,
  name: string,
): Promise<RefRecord> {
  const role = await requireAccess(deps, actor, dataset, 'write');
  await requireDirectWrite(deps, dataset, name, role);
  return deleteBranch(deps, dataset, name, (repositories, ref) =>
    refEvent(repositories, deps, actor, dataset, 'branch.deleted', ref),
  );
}

/** The audit event of a commit that someone made to a branch (STOW-RS, DELETE, reject, …). */
export async function commitEvent(
  repositories: VersioningRepositories,
  deps: VersioningDeps,
  actor: Actor,
  dataset: DatasetRecord,
  change: { branch: string; commit: string; parent: string; via: string; instances: number },
): Promise<void> {
  await recordEvent(repositories, deps, actor, 'commit.created', {
    datasetId: dataset.id,
    subject: `${dataset.owner}/${dataset.name}@${change.branch}`,
    data: change,
  });
}

/** The audit event of a branch or tag created or deleted by someone. */
export async function refEvent(
  repositories: VersioningRepositories,
  deps: VersioningDeps,
  actor: Actor,
  dataset: DatasetRecord,
  action: string,
  ref: RefRecord,
): Promise<void> {
  await recordEvent(repositories, deps, actor, action, {
    datasetId: dataset.id,
    subject: `${dataset.owner}/${dataset.name}@${ref.name}`,
    data: { name: ref.name, commit: ref.commit },
  });
}
