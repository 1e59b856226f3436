import type { Digest } from '@strata/modules/blob';
import { StrataError } from '@strata/modules/errors';
import type { DatasetRecord, RefRecord, VersioningRepositories } from '@strata/models';
import { readCommit } from './commit-store.js';
import { checkRefName } from './names.js';
import type { VersioningDeps } from './versioning-deps.js';

/** A ref resolved to its commit: by branch, tag, full or abbreviated (≥ 7 hex digits) commit id. */
export interface ResolvedRef {
  commit: Digest;
  kind: 'branch' | 'tag' | 'commit';
  name: string;
}

export async function resolveRef(deps: VersioningDeps, dataset: DatasetRecord, ref: string): Promise<ResolvedRef> {
  const repositories = deps.database.read();
  const named = await repositories.refs.get(dataset.id, ref);
  if (named !== undefined) return { commit: named.commit, kind: named.kind, name: named.name };
  if (/^[0-9a-f]{7,64}$/.test(ref)) {
    // Only the dataset's own commits: another dataset's commit id is not a version of this one.
    const matches = await repositories.datasetCommits.withPrefix(dataset.id, ref);
    if (matches.length > 1) {
      throw new StrataError(
        'ref.ambiguous',
        'invalid',
        `The abbreviated commit id ${ref} matches several commits: give more digits.`,
      );
    }
    if (matches.length === 1 && matches[0] !== undefined) {
      await readCommit(repositories, matches[0]).catch((error: unknown) => {
        throw error instanceof StrataError && error.code === 'commit.not_found' ? refNotFound(dataset, ref) : error;
      });
      return { commit: matches[0], kind: 'commit', name: matches[0] };
    }
  }
  throw refNotFound(dataset, ref);
}

/** What else a ref change writes in its own transaction (its audit event): all of it or none. */
export type RefChangeHook = (repositories: VersioningRepositories, ref: RefRecord) => Promise<void>;

/** Creates a branch at a ref (default: the default branch). */
export async function createBranch(
  deps: VersioningDeps,
  dataset: DatasetRecord,
  name: string,
  from?: string,
  within?: RefChangeHook,
): Promise<RefRecord> {
  checkRefName(name);
  const start = await resolveRef(deps, dataset, from ?? dataset.defaultBranch);
  const ref: RefRecord = { name, kind: 'branch', commit: start.commit, updatedAt: deps.now() };
  await deps.database.transaction(async (repositories) => {
    await touchOrRefuse(repositories, dataset, start);
    await repositories.refs.create(dataset.id, name, 'branch', start.commit);
    await within?.(repositories, ref);
  });
  return ref;
}

/**
 * Deletes a branch; `ref.default_branch` for the dataset's default branch, `ref.not_a_branch` for
 * a tag (tags are never deleted), `ref.not_found` if there is no such branch. Its head is touched:
 * gc keeps it, and all it reaches, for the grace period, so an operation that read the branch
 * just before still finds what it read, and the branch can be made again from its head.
 */
export async function deleteBranch(
  deps: VersioningDeps,
  dataset: DatasetRecord,
  name: string,
  within?: RefChangeHook,
): Promise<RefRecord> {
  const where = `${dataset.owner}/${dataset.name}`;
  if (name === dataset.defaultBranch) {
    throw new StrataError(
      'ref.default_branch',
      'conflict',
      `'${name}' is the default branch of ${where}: it cannot be deleted.`,
      { details: { ref: name } },
    );
  }
  return deps.database.transaction(async (repositories) => {
    const ref = await repositories.refs.get(dataset.id, name);
    if (ref?.kind === 'tag') {
      throw new StrataError(
        'ref.not_a_branch',
        'method_not_allowed',
        `'${name}' is a tag of ${where}: tags never change, and are not deleted.`,
        { details: { ref: name } },
      );
    }
    const commit = ref === undefined ? undefined : await repositories.refs.deleteBranch(dataset.id, name);
    if (ref === undefined || commit === undefined) {
      throw new StrataError('ref.not_found', 'not_found', `No branch '${name}' in ${where}.`, {
        details: { ref: name },
      });
    }
    await repositories.objects.touchCommit(commit);
    // Its QIDO listing goes with it: a branch created later by that name starts afresh.
    await repositories.index.dropScope(dataset.id, name);
    await within?.(repositories, { ...ref, commit });
    return { ...ref, commit };
  });
}

/**
 * Touches the commit an operation is about to build on (merge, revert), before it reads
 * anything of it: gc then keeps that commit and all it reaches for its grace period, even when it
 * was named by id and no ref reaches it. `ref.not_found` if gc removed it already.
 */
export async function holdCommit(deps: VersioningDeps, dataset: DatasetRecord, ref: ResolvedRef): Promise<void> {
  await deps.database.transaction((repositories) => touchOrRefuse(repositories, dataset, ref));
}

async function touchOrRefuse(repositories: VersioningRepositories, dataset: DatasetRecord, ref: ResolvedRef) {
  if (!(await repositories.objects.touchCommit(ref.commit))) throw refNotFound(dataset, ref.name);
}

/** Creates an immutable tag at a ref. */
export async function createTag(
  deps: VersioningDeps,
  dataset: DatasetRecord,
  name: string,
  at: string,
  within?: RefChangeHook,
): Promise<RefRecord> {
  checkRefName(name);
  const target = await resolveRef(deps, dataset, at);
  const ref: RefRecord = { name, kind: 'tag', commit: target.commit, updatedAt: deps.now() };
  await deps.database.transaction(async (repositories) => {
    await createTagIn(repositories, dataset, name, target);
    await within?.(repositories, ref);
  });
  return ref;
}

/**
 * createTag's write, in the caller's transaction (a release creates its tag and its row in one):
 * `ref.exists` if the name is taken, `ref.not_found` if gc removed the commit.
 */
export async function createTagIn(
  repositories: VersioningRepositories,
  dataset: DatasetRecord,
  name: string,
  target: ResolvedRef,
): Promise<void> {
  checkRefName(name);
  await touchOrRefuse(repositories, dataset, target);
  await repositories.refs.create(dataset.id, name, 'tag', target.commit);
}

export async function listRefs(deps: VersioningDeps, dataset: DatasetRecord): Promise<RefRecord[]> {
  return deps.database.read().refs.list(dataset.id);
}

function refNotFound(dataset: DatasetRecord, ref: string): StrataError {
  return new StrataError(
    'ref.not_found',
    'not_found',
    `No branch, tag or commit '${ref}' in ${dataset.owner}/${dataset.name}.`,
    {
      details: { ref },
    },
  );
}
