import type { DatasetRecord, DatasetRelation, Role } from '@strata/models';
import type { VersioningDeps } from '../versioning/versioning-deps.js';
import type { Actor } from './actor.js';
import { decideRole } from './decide-role.js';

const NO_RELATION: DatasetRelation = { orgRole: undefined, grants: [] };

/** The role an actor has on a dataset, looked up and then decided by `decideRole`; undefined: none. */
export async function roleOf(deps: VersioningDeps, actor: Actor, dataset: DatasetRecord): Promise<Role | undefined> {
  if (actor.kind !== 'user') return roleGiven(actor, dataset, NO_RELATION);
  return roleGiven(actor, dataset, await deps.database.read().memberships.relation(dataset.id, actor.userId));
}

/**
 * roleOf with the user's relation to the dataset already looked up (`memberships.relation`), for
 * callers that keep relations between decisions (event delivery); ignored for non-users.
 */
export function roleGiven(
  actor: Actor,
  dataset: Pick<DatasetRecord, 'id' | 'owner' | 'visibility'>,
  relation: DatasetRelation,
): Role | undefined {
  if (actor.kind === 'operator') return 'admin';
  if (actor.kind === 'anonymous') {
    return decideRole({
      visibility: dataset.visibility,
      signedIn: false,
      siteAdmin: false,
      ownsDataset: false,
      orgRole: undefined,
      grants: [],
      token: undefined,
    });
  }
  return decideRole({
    visibility: dataset.visibility,
    signedIn: true,
    siteAdmin: actor.siteAdmin,
    ownsDataset: actor.login.toLowerCase() === dataset.owner.toLowerCase(),
    orgRole: relation.orgRole,
    grants: relation.grants,
    token:
      actor.token === undefined
        ? undefined
        : {
            scope: actor.token.scope,
            forOtherDataset: actor.token.datasetId !== null && actor.token.datasetId !== dataset.id,
          },
  });
}
