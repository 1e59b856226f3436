import { setTimeout as sleep } from 'node:timers/promises';
import type { Digest } from '@strata/modules/blob';
import { StrataError } from '@strata/modules/errors';
import { NodeStaging, editPaths, type PathEdit } from '@strata/modules/objects';
import type { DatasetRecord, FileRecord, InstanceMetadataRecord, VersioningRepositories } from '@strata/models';
import { branchKey, oneAtATime } from './branch-queue.js';
import { readCommit, sealCommit } from './commit-store.js';
import type { Author, VersioningDeps } from './versioning-deps.js';
import { indexCommitTree } from '../qido/index-tree.js';

export interface ChangeRequest {
  dataset: DatasetRecord;
  branch: string;
  /** Files placed (with their records, already in the blob store) or removed, by path. */
  edits: PathEdit[];
  files: FileRecord[];
  /** What ingest parsed from the DICOM files among them, recorded in the same transaction. */
  metadata?: InstanceMetadataRecord[];
  message: string;
  author: Author;
  /** Refuse (`ref.moved`) instead of rebasing if the branch is no longer here. */
  expectedHead?: Digest;
  /** What else the commit writes in its transaction (its audit event): all of it or none. */
  within?: (repositories: VersioningRepositories, commit: { commit: Digest; parent: Digest }) => Promise<void>;
}

export type ChangeResult =
  { commit: Digest; parent: Digest; tree: Digest; changed: true } | { commit: Digest; changed: false };

const MAX_ATTEMPTS = 50;
class LostRace extends Error {}

/**
 * Commits a change to a branch. Commits from this process to one branch are made one at a time,
 * in the order asked (branch-queue.ts). The branch moves by compare-and-swap; when another
 * process moved it first, the same edits are applied again to the new head and the commit is
 * retried, so concurrent writers never lose each other's changes. A change that alters nothing
 * makes no commit.
 */
export async function commitChanges(deps: VersioningDeps, request: ChangeRequest): Promise<ChangeResult> {
  return oneAtATime(deps.database, branchKey(request.dataset, request.branch), () => commitOnce(deps, request));
}

async function commitOnce(deps: VersioningDeps, request: ChangeRequest): Promise<ChangeResult> {
  const { dataset, branch } = request;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const read = deps.database.read();
    const head = await read.refs.get(dataset.id, branch);
    if (head === undefined || head.kind !== 'branch') {
      throw new StrataError(
        'ref.not_a_branch',
        head === undefined ? 'not_found' : 'method_not_allowed',
        noBranch(request, head !== undefined),
      );
    }
    if (request.expectedHead !== undefined && head.commit !== request.expectedHead) {
      throw new StrataError(
        'ref.moved',
        'conflict',
        `Branch ${branch} is at ${head.commit}, not ${request.expectedHead}.`,
        {
          details: { head: head.commit },
        },
      );
    }
    const parent = await readCommit(read, head.commit);
    const staging = new NodeStaging(read.objects);
    const tree = await editPaths(staging, parent.tree, request.edits);
    if (tree === parent.tree) return { commit: head.commit, changed: false };
    const signature = { ...request.author, time: deps.now().toISOString() };
    const { id, encoded } = sealCommit({
      tree,
      parents: [head.commit],
      author: signature,
      committer: signature,
      message: request.message,
    });
    try {
      await deps.database.transaction(async (repositories) => {
        await repositories.files.put(request.files);
        await repositories.metadata.put(request.metadata ?? []);
        await repositories.objects.putNodes(staging.pending());
        await indexCommitTree(repositories, staging, tree, parent.tree);
        await repositories.objects.putCommit(id, encoded);
        await repositories.datasetCommits.record(dataset.id, [id]);
        if (!(await repositories.refs.compareAndSwap(dataset.id, branch, head.commit, id))) throw new LostRace();
        await request.within?.(repositories, { commit: id, parent: head.commit });
      });
      return { commit: id, parent: head.commit, tree, changed: true };
    } catch (error) {
      if (!(error instanceof LostRace)) throw error;
      await sleep(Math.random() * Math.min(100, 2 ** attempt));
    }
  }
  throw new StrataError(
    'ref.busy',
    'conflict',
    `Branch ${branch} kept moving: gave up after ${MAX_ATTEMPTS} attempts; try again.`,
  );
}

function noBranch(request: ChangeRequest, isTag: boolean): string {
  const where = `${request.dataset.owner}/${request.dataset.name}`;
  return isTag
    ? `'${request.branch}' is a tag of ${where}: tags never change; commit to a branch.`
    : `No branch '${request.branch}' in ${where}.`;
}
