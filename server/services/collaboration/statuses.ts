import { StrataError } from '@strata/modules/errors';
import type { CheckState, CommitStatusRecord, DatasetRecord } from '@strata/models';
import type { Actor } from '../access/actor.js';
import { requireAccess } from '../access/require-access.js';
import { recordEvent } from '../audit/audit.js';
import type { VersioningDeps } from '../versioning/versioning-deps.js';
import { resolveProposable } from './proposals.js';
import { validContext } from './protection.js';

/**
 * Records the state a check (CI, a validation bot, a reader study) reports for a commit of the
 * dataset, or one an open proposal into it proposes from a fork (writers of the dataset, e.g. a bot's write-scoped token); the latest report of each
 * context stands. Branch protection can require contexts to be `success` before a merge.
 */
export async function setCommitStatus(
  deps: VersioningDeps,
  actor: Actor,
  dataset: DatasetRecord,
  status: { commit: string; context: string; state: CheckState; description?: string; targetUrl?: string },
): Promise<CommitStatusRecord> {
  await requireAccess(deps, actor, dataset, 'write');
  if (!validContext(status.context)) {
    throw new StrataError('status.invalid_context', 'invalid', 'context must be 1–100 printable ASCII characters.', {
      details: { field: 'context' },
    });
  }
  const description = status.description ?? null;
  if (description !== null && [...description].length > 300) {
    throw new StrataError('text.too_long', 'invalid', 'A status description has at most 300 characters.', {
      details: { max: 300 },
    });
  }
  if (status.targetUrl !== undefined && !isWebUrl(status.targetUrl)) {
    throw new StrataError(
      'status.invalid_url',
      'invalid',
      'targetUrl must be an http(s) URL of at most 2000 characters.',
      {
        details: { field: 'targetUrl' },
      },
    );
  }
  // Statuses attach to commits, never to a name that moves: a branch name is resolved now.
  const commit = (await resolveProposable(deps, dataset, status.commit)).commit;
  const record: CommitStatusRecord = {
    commit,
    context: status.context,
    state: status.state,
    description,
    targetUrl: status.targetUrl ?? null,
    creatorId: actor.kind === 'user' ? actor.userId : null,
    updatedAt: deps.now(),
  };
  await deps.database.transaction(async (repositories) => {
    await repositories.proposals.setStatus(dataset.id, record);
    await recordEvent(repositories, deps, actor, 'status.set', {
      datasetId: dataset.id,
      subject: `${dataset.owner}/${dataset.name}@${commit}`,
      data: { commit, context: record.context, state: record.state },
    });
  });
  return record;
}

/** The statuses reported for a commit of the dataset (readers). */
export async function commitStatuses(
  deps: VersioningDeps,
  actor: Actor,
  dataset: DatasetRecord,
  ref: string,
): Promise<CommitStatusRecord[]> {
  await requireAccess(deps, actor, dataset, 'read');
  const commit = (await resolveProposable(deps, dataset, ref)).commit;
  return deps.database.read().proposals.statuses(dataset.id, commit);
}

function isWebUrl(value: string): boolean {
  if (value.length > 2000) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
