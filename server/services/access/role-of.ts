import type { DatasetRecord, Role } from '@strata/models';
import type { VersioningDeps } from '../versioning/versioning-deps.js';
import type { Actor } from './actor.js';
import { decideRole } from './decide-role.js';

/** The role an actor has on a dataset, looked up and then decided by `decideRole`; undefined: none. */
export async function roleOf(deps: VersioningDeps, actor: Actor, dataset: DatasetRecord): Promise<Role | undefined> {
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
  const relation = await deps.database.read().memberships.relation(dataset.id, actor.userId);
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
