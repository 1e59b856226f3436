import type { DatasetRecord, ReleaseCitation, ReleaseRecord } from '@strata/models';
import type { Digest } from '@strata/modules/blob';
import { StrataError } from '@strata/modules/errors';
import { entriesOf, NodeStaging, treeTotals } from '@strata/modules/objects';
import type { Actor } from '../access/actor.js';
import { openDataset } from '../access/require-access.js';
import { recordEvent } from '../audit/audit.js';
import { readCommit } from '../versioning/commit-store.js';
import { checkRefName } from '../versioning/names.js';
import { createTagIn, resolveRef } from '../versioning/refs.js';
import type { VersioningDeps } from '../versioning/versioning-deps.js';
import { checkCitation } from './citation.js';
import { pageOf, readTimeCursor, timeCursor, type Page } from './page-cursor.js';
import { checkBody, checkTitle } from './text-limits.js';
import { authorIdOf, requireSignedIn } from './thread-access.js';

export interface NewRelease {
  tag: string;
  /** The ref to release (default: the default branch). */
  at?: string;
  /** Release the tag `tag` that already exists (then `at` must be absent) rather than create it. */
  existingTag?: boolean;
  title: string;
  notes?: string;
  citation: ReleaseCitation;
}

/** The frozen DICOMweb base of a release: its tag never moves, so the URL answers the same bytes forever. */
export function releaseDicomwebPath(dataset: DatasetRecord, tag: string): string {
  return `/dicomweb/${dataset.owner}/${dataset.name}/@${encodeURIComponent(tag)}`;
}

/**
 * Publishes a release (write role): the tag and the release row in one transaction, so neither
 * exists without the other. What it holds is counted here, once, from the tree's own totals.
 */
export async function createRelease(
  deps: VersioningDeps,
  actor: Actor,
  fullName: string,
  release: NewRelease,
): Promise<{ dataset: DatasetRecord; release: ReleaseRecord }> {
  requireSignedIn(actor);
  checkRefName(release.tag);
  const title = checkTitle(release.title);
  const notes = checkBody(release.notes ?? '');
  const citation = checkCitation(release.citation);
  const dataset = await openDataset(deps, actor, fullName, 'write');
  if (release.existingTag === true && release.at !== undefined) {
    throw new StrataError(
      'release.at_with_existing_tag',
      'invalid',
      'An existing tag is released where it points: omit at.',
    );
  }
  const existing =
    release.existingTag === true ? await deps.database.read().refs.get(dataset.id, release.tag) : undefined;
  if (release.existingTag === true && existing?.kind !== 'tag') {
    throw new StrataError('ref.not_found', 'not_found', `No tag '${release.tag}' in ${fullName}.`, {
      details: { ref: release.tag },
    });
  }
  const target =
    existing === undefined
      ? await resolveRef(deps, dataset, release.at ?? dataset.defaultBranch)
      : { commit: existing.commit, kind: existing.kind, name: existing.name };
  const read = deps.database.read();
  const tree = (await readCommit(read, target.commit)).tree;
  const counts = await countTree(new NodeStaging(read.objects), tree);
  return deps.database.transaction(async (repositories) => {
    if (existing === undefined) await createTagIn(repositories, dataset, release.tag, target);
    else if ((await repositories.releases.get(dataset.id, release.tag)) !== undefined) {
      throw new StrataError('release.exists', 'conflict', `Tag '${release.tag}' is already released.`, {
        details: { tag: release.tag },
      });
    }
    const created = await repositories.releases.create(
      {
        datasetId: dataset.id,
        tag: release.tag,
        commit: target.commit,
        tree,
        title,
        notes,
        citation,
        ...counts,
        authorId: authorIdOf(actor),
      },
      deps.now(),
    );
    await recordEvent(repositories, deps, actor, 'release.published', {
      datasetId: dataset.id,
      subject: `${fullName}@${release.tag}`,
      data: { commit: target.commit, ...counts },
    });
    return { dataset, release: created };
  });
}

/** Edits a release's title or notes (write role); its tag, commit and counts never change. */
export async function editRelease(
  deps: VersioningDeps,
  actor: Actor,
  fullName: string,
  tag: string,
  changes: { title?: string; notes?: string },
): Promise<{ dataset: DatasetRecord; release: ReleaseRecord }> {
  requireSignedIn(actor);
  const title = changes.title === undefined ? undefined : checkTitle(changes.title);
  const notes = changes.notes === undefined ? undefined : checkBody(changes.notes);
  const dataset = await openDataset(deps, actor, fullName, 'write');
  return deps.database.transaction(async (repositories) => {
    const release = await repositories.releases.get(dataset.id, tag, true);
    if (release === undefined) throw releaseNotFound(dataset, tag);
    const at = deps.now();
    await repositories.releases.edit(release.id, { title, notes }, at);
    await recordEvent(repositories, deps, actor, 'release.edited', {
      datasetId: dataset.id,
      subject: `${fullName}@${tag}`,
    });
    return {
      dataset,
      release: { ...release, title: title ?? release.title, notes: notes ?? release.notes, updatedAt: at },
    };
  });
}

/** The release of a tag (read role); `release.not_found` if the tag has none. */
export async function getRelease(
  deps: VersioningDeps,
  actor: Actor,
  fullName: string,
  tag: string,
): Promise<{ dataset: DatasetRecord; release: ReleaseRecord }> {
  const dataset = await openDataset(deps, actor, fullName, 'read');
  const release = await deps.database.read().releases.get(dataset.id, tag);
  if (release === undefined) throw releaseNotFound(dataset, tag);
  return { dataset, release };
}

/** A page of the dataset's releases, newest first. */
export async function listReleases(
  deps: VersioningDeps,
  actor: Actor,
  fullName: string,
  page: { first: number; after?: string },
): Promise<Page<ReleaseRecord>> {
  const before = readTimeCursor(page.after);
  const dataset = await openDataset(deps, actor, fullName, 'read');
  const rows = await deps.database.read().releases.list(dataset.id, before, page.first + 1);
  return pageOf(rows, page.first, (release) => timeCursor(release.createdAt, release.id));
}

/**
 * Studies, series, instances and bytes of a tree, read off directory totals: one node read per
 * study (its series count), never one per instance.
 */
export async function countTree(staging: NodeStaging, tree: Digest) {
  let studies = 0;
  let series = 0;
  let instances = 0;
  for await (const study of entriesOf(staging, tree)) {
    if (study.kind !== 'dir') continue;
    studies++;
    instances += study.files;
    series += (await treeTotals(staging, study.id)).entries;
  }
  return { studies, series, instances, bytes: (await treeTotals(staging, tree)).bytes };
}

function releaseNotFound(dataset: DatasetRecord, tag: string): StrataError {
  return new StrataError('release.not_found', 'not_found', `No release '${tag}' in ${dataset.owner}/${dataset.name}.`, {
    details: { tag },
  });
}
