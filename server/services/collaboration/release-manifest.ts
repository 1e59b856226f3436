import type { Digest } from '@strata/modules/blob';
import { filesUnder, NodeStaging, type TreeEntry } from '@strata/modules/objects';
import type { Actor } from '../access/actor.js';
import type { VersioningDeps } from '../versioning/versioning-deps.js';
import { getRelease, releaseDicomwebPath } from './releases.js';

/** Files whose SOP Class UIDs are looked up in one query. */
const BATCH = 500;

/**
 * A release's manifest as JSON text in pieces: the release's metadata, then every file of its
 * tree (path, SOP Class UID when indexed, size, SHA-256 of its bytes), read from the tree as the
 * consumer pulls, so a release of 100,000 instances never sits in memory as one string. Access is
 * checked before the first piece (read role), so a refusal is an error, not a truncated body.
 */
export async function releaseManifest(
  deps: VersioningDeps,
  actor: Actor,
  fullName: string,
  tag: string,
): Promise<AsyncGenerator<string>> {
  const { dataset, release } = await getRelease(deps, actor, fullName, tag);
  const head = {
    dataset: `${dataset.owner}/${dataset.name}`,
    tag: release.tag,
    title: release.title,
    notes: release.notes,
    commit: release.commit,
    tree: release.tree,
    dicomweb: releaseDicomwebPath(dataset, release.tag),
    citation: release.citation,
    counts: { studies: release.studies, series: release.series, instances: release.instances, bytes: release.bytes },
    publishedAt: release.createdAt.toISOString(),
  };
  return pieces(deps, head, release.tree);
}

async function* pieces(deps: VersioningDeps, head: Record<string, unknown>, tree: string): AsyncGenerator<string> {
  const read = deps.database.read();
  yield `${JSON.stringify(head).slice(0, -1)},"files":[`;
  let first = true;
  let batch: { path: string; entry: TreeEntry }[] = [];
  const flush = async function* () {
    const metadata = await read.metadata.getMany(batch.filter((f) => f.entry.kind === 'dicom').map((f) => f.entry.id));
    const lines = batch.map(({ path, entry }) => {
      const line = JSON.stringify({
        path,
        sopClassUid: metadata.get(entry.id)?.sopClassUid ?? null,
        size: entry.bytes,
        sha256: entry.id,
      });
      const text = first ? `\n${line}` : `,\n${line}`;
      first = false;
      return text;
    });
    batch = [];
    yield lines.join('');
  };
  for await (const file of filesUnder(new NodeStaging(read.objects), tree as Digest)) {
    batch.push(file);
    if (batch.length === BATCH) yield* flush();
  }
  if (batch.length > 0) yield* flush();
  yield '\n]}\n';
}
