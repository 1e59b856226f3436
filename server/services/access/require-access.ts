import type { DatasetRecord, Role } from '@strata/models';
import { StrataError } from '@strata/modules/errors';
import { datasetNotFound, findDataset } from '../versioning/datasets.js';
import type { VersioningDeps } from '../versioning/versioning-deps.js';
import { authRequired, forbidden } from './access-errors.js';
import type { Actor } from './actor.js';
import { roleOf } from './role-of.js';
import { roleRank } from './decide-role.js';

/**
 * Answers whether an actor may act on a dataset with a role, the same way for every protocol:
 * `auth.required` (not signed in, cannot read), `dataset.not_found` (signed in, cannot read: a
 * private dataset's existence is not disclosed), `auth.forbidden` (can read, lacks the role).
 * Returns the actor's role.
 */
export async function requireAccess(
  deps: VersioningDeps,
  actor: Actor,
  dataset: DatasetRecord,
  needed: Role,
): Promise<Role> {
  const role = await roleOf(deps, actor, dataset);
  if (role === undefined) {
    throw actor.kind === 'anonymous' ? authRequired() : datasetNotFound(`${dataset.owner}/${dataset.name}`);
  }
  if (roleRank(role) < roleRank(needed)) throw forbidden(needed, `${dataset.owner}/${dataset.name}`);
  return role;
}

/**
 * The dataset `owner/name` if the actor has the role needed on it; a dataset that does not exist
 * is refused exactly as one the actor may not read, so neither answer tells which it is.
 */
export async function openDataset(
  deps: VersioningDeps,
  actor: Actor,
  fullName: string,
  needed: Role,
): Promise<DatasetRecord> {
  return (await openDatasetWithRole(deps, actor, fullName, needed)).dataset;
}

/** openDataset, with the actor's role on the dataset (what a viewer may do there). */
export async function openDatasetWithRole(
  deps: VersioningDeps,
  actor: Actor,
  fullName: string,
  needed: Role,
): Promise<{ dataset: DatasetRecord; role: Role }> {
  const dataset = await findDataset(deps, fullName).catch((error: unknown) => {
    if (error instanceof StrataError && error.code === 'dataset.not_found' && actor.kind === 'anonymous') {
      throw authRequired();
    }
    throw error;
  });
  return { dataset, role: await requireAccess(deps, actor, dataset, needed) };
}

/** Refuses anyone but a site admin (or the operator); a token must have the admin scope. */
export function requireSiteAdmin(actor: Actor): void {
  if (actor.kind === 'operator') return;
  if (actor.kind === 'anonymous') throw authRequired();
  if (!actor.siteAdmin || (actor.token !== undefined && actor.token.scope !== 'admin')) {
    throw forbidden('site admin', 'this site');
  }
}
