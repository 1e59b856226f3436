import type { Digest } from '@strata/modules/blob';
import { StrataError } from '@strata/modules/errors';
import { commitId, decodeCommit, encodeCommit, type Commit } from '@strata/modules/objects';
import type { VersioningRepositories } from '@strata/models';

/** Reads a commit by id; `commit.not_found` if the database does not hold it. */
export async function readCommit(repositories: VersioningRepositories, id: Digest): Promise<Commit> {
  const encoded = await repositories.objects.getCommit(id);
  if (encoded === undefined)
    throw new StrataError('commit.not_found', 'not_found', `No commit ${id}.`, { details: { commit: id } });
  const commit = decodeCommit(encoded, id);
  if (commitId(encoded) !== id) {
    throw new StrataError('object.corrupt', 'internal', `Commit ${id} does not hash to its id.`, {
      details: { commit: id },
    });
  }
  return commit;
}

/** The canonical bytes and id of a new commit. */
export function sealCommit(commit: Commit): { id: Digest; encoded: Uint8Array } {
  const encoded = encodeCommit(commit);
  return { id: commitId(encoded), encoded };
}
