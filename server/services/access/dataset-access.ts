import type { DatasetRecord, Role, Visibility } from '@strata/models';
import { StrataError } from '@strata/modules/errors';
import type { VersioningDeps } from '../versioning/versioning-deps.js';
import { findTeam, findUser } from './accounts.js';
import type { Actor } from './actor.js';
import { openDataset } from './require-access.js';
import { recordEvent } from '../audit/audit.js';

export const VISIBILITIES: readonly Visibility[] = ['private', 'internal', 'public'];

/** Changes who may read a dataset without a grant (its admins). */
export async function setVisibility(
  deps: VersioningDeps,
  actor: Actor,
  fullName: string,
  visibility: Visibility,
): Promise<DatasetRecord> {
  if (!VISIBILITIES.includes(visibility)) {
    throw new StrataError('dataset.invalid_visibility', 'invalid', `Visibility is one of ${VISIBILITIES.join(', ')}.`);
  }
  const dataset = await openDataset(deps, actor, fullName, 'admin');
  await deps.database.transaction(async (repositories) => {
    await repositories.datasets.setVisibility(dataset.id, visibility);
    await recordEvent(repositories, deps, actor, 'dataset.visibility_set', {
      datasetId: dataset.id,
      subject: fullName,
      data: { from: dataset.visibility, to: visibility },
    });
  });
  return { ...dataset, visibility };
}

/** Grants a role on a dataset to a user (`login`) or a team (`org/team`), replacing theirs (its admins). */
export async function grantRole(
  deps: VersioningDeps,
  actor: Actor,
  fullName: string,
  grantee: string,
  role: Role,
): Promise<void> {
  const dataset = await openDataset(deps, actor, fullName, 'admin');
  const target = grantee.includes('/')
    ? { teamId: (await findTeam(deps, actor, grantee, false)).id }
    : { userId: (await findUser(deps, grantee)).id };
  await deps.database.transaction(async (repositories) => {
    await repositories.memberships.grant(dataset.id, target, role);
    await recordEvent(repositories, deps, actor, 'dataset.role_granted', {
      datasetId: dataset.id,
      subject: fullName,
      data: { grantee, role },
    });
  });
}

/** Removes the role granted on a dataset to a user or a team (its admins); `grant.not_found` if none. */
export async function revokeRole(deps: VersioningDeps, actor: Actor, fullName: string, grantee: string): Promise<void> {
  const dataset = await openDataset(deps, actor, fullName, 'admin');
  const target = grantee.includes('/')
    ? { teamId: (await findTeam(deps, actor, grantee, false)).id }
    : { userId: (await findUser(deps, grantee)).id };
  const removed = await deps.database.transaction(async (repositories) => {
    const done = await repositories.memberships.ungrant(dataset.id, target);
    if (done) {
      await recordEvent(repositories, deps, actor, 'dataset.role_revoked', {
        datasetId: dataset.id,
        subject: fullName,
        data: { grantee },
      });
    }
    return done;
  });
  if (!removed) {
    throw new StrataError('grant.not_found', 'not_found', `${grantee} has no role granted on ${fullName}.`, {
      details: { grantee },
    });
  }
}
