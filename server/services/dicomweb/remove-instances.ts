import type { Digest } from '@strata/modules/blob';
import { StrataError } from '@strata/modules/errors';
import type { Actor } from '../access/actor.js';
import { commitEvent } from '../collaboration/ref-changes.js';
import { commitChanges } from '../versioning/commit-changes.js';
import type { Author, VersioningDeps } from '../versioning/versioning-deps.js';
import { instancesOf, type OpenVersion } from './retrieve.js';

/**
 * Removes the instances of a study, a series or one instance from a branch, as one commit (the
 * DICOMweb DELETE and the dcm4chee-style reject). History keeps them: every earlier commit, tag
 * and commit URL still answers with them. Refused on a tag or a commit.
 */
export async function removeInstances(
  deps: VersioningDeps,
  version: OpenVersion,
  uids: { study: string; series?: string; instance?: string },
  change: { author: Author; message: string; actor: Actor; via: string },
): Promise<{ commit: Digest; removed: number }> {
  requireBranch(version, 'remove instances from');
  const instances = await instancesOf(deps, version, uids);
  const result = await commitChanges(deps, {
    dataset: version.dataset,
    branch: version.ref.name,
    edits: instances.map((i) => ({ path: `${i.studyUid}/${i.seriesUid}/${i.sopUid}`, file: null })),
    files: [],
    message: change.message,
    author: change.author,
    within: (repositories, commit) =>
      commitEvent(repositories, deps, change.actor, version.dataset, {
        branch: version.ref.name,
        ...commit,
        via: change.via,
        instances: instances.length,
      }),
  });
  return { commit: result.commit, removed: instances.length };
}

/** Changes go to branches: a tag or a commit is a version that never changes (405). */
export function requireBranch(version: OpenVersion, action: string): void {
  if (version.ref.kind !== 'branch') {
    throw new StrataError(
      'dicomweb.immutable_ref',
      'method_not_allowed',
      `Cannot ${action} ${version.ref.kind} ${version.ref.name}: a ${version.ref.kind} never changes. Use a branch URL.`,
      { details: { ref: version.ref.name, kind: version.ref.kind } },
    );
  }
}
