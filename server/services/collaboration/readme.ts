import type { Digest } from '@strata/modules/blob';
import { StrataError } from '@strata/modules/errors';
import { authorOf } from '../access/author-of.js';
import type { Actor } from '../access/actor.js';
import { openDatasetWithRole } from '../access/require-access.js';
import { commitChanges } from '../versioning/commit-changes.js';
import { README_MAX_BYTES, readmeAt } from '../versioning/version-facts.js';
import type { VersioningDeps } from '../versioning/versioning-deps.js';
import { requireDirectWrite } from './protection.js';
import { commitEvent } from './ref-changes.js';

/** A README written from the web: the text, where, and the version it was written against. */
export interface ReadmeEdit {
  /** owner/name */
  dataset: string;
  branch: string;
  text: string;
  /** The commit message; "Edit README.md" (or "Add README.md") when none is given. */
  message?: string;
  /**
   * The branch's head the text was written against (a full commit id): if the branch has moved
   * since, `ref.moved` and nothing is committed, so an edit never silently undoes another.
   */
  expectedHead?: string;
}

export interface ReadmeSaved {
  commit: Digest;
  /** Where the README is: the existing one's name (README.md, README.txt, README, datasheet.md), else README.md. */
  path: string;
  /** False when the text was what the branch already had: no commit is made. */
  changed: boolean;
}

/**
 * Writes the dataset's README on a branch as one commit by the actor (WRITE; a branch whose
 * protection blocks direct writes takes it from admins only, like STOW-RS). The README the
 * version has keeps its name; a version without one gets README.md. Text is UTF-8, at most
 * what the dataset page shows (256 KiB), and not empty.
 */
export async function saveReadme(deps: VersioningDeps, actor: Actor, edit: ReadmeEdit): Promise<ReadmeSaved> {
  const bytes = Buffer.from(edit.text, 'utf8');
  if (edit.text.trim() === '') {
    throw new StrataError('readme.empty', 'invalid', 'A README needs some text.');
  }
  if (bytes.length > README_MAX_BYTES) {
    throw new StrataError(
      'readme.too_large',
      'too_large',
      `A README written here is at most ${README_MAX_BYTES / 1024} KiB; this one is ${bytes.length} bytes.`,
      { details: { bytes: bytes.length, limit: README_MAX_BYTES } },
    );
  }
  const { dataset, role } = await openDatasetWithRole(deps, actor, edit.dataset, 'write');
  await requireDirectWrite(deps, dataset, edit.branch, role);
  const head = await deps.database.read().refs.get(dataset.id, edit.branch);
  if (head === undefined || head.kind !== 'branch') {
    throw new StrataError(
      'ref.not_a_branch',
      head === undefined ? 'not_found' : 'method_not_allowed',
      head === undefined
        ? `No branch ${edit.branch} in ${edit.dataset}.`
        : `${edit.branch} is a tag: a README is written on a branch.`,
      { details: { ref: edit.branch } },
    );
  }
  const expected = edit.expectedHead?.toLowerCase();
  if (expected !== undefined && expected !== head.commit) {
    throw new StrataError(
      'ref.moved',
      'conflict',
      `Branch ${edit.branch} has moved to ${head.commit} since this README was opened: reload it and write again.`,
      { details: { head: head.commit } },
    );
  }
  const existing = await readmeAt(deps, dataset, head.commit);
  const path = existing?.path ?? 'README.md';
  const stored = await deps.blobStore.put(bytes);
  const result = await commitChanges(deps, {
    dataset,
    branch: edit.branch,
    edits: [{ path, file: { kind: 'file', id: stored.digest, bytes: bytes.length } }],
    files: [{ id: stored.digest, size: bytes.length, parts: [stored.digest] }],
    message: edit.message?.trim() || `${existing === undefined ? 'Add' : 'Edit'} ${path}`,
    author: await authorOf(deps, actor, { name: 'Strata operator', email: 'operator@strata.invalid' }),
    // Written against a version: that version or nothing. Otherwise it goes on whatever head comes.
    ...(expected !== undefined && { expectedHead: head.commit }),
    within: (repositories, made) =>
      commitEvent(repositories, deps, actor, dataset, {
        branch: edit.branch,
        commit: made.commit,
        parent: made.parent,
        via: 'readme',
        instances: 0,
      }),
  });
  return { commit: result.commit, path, changed: result.changed };
}
