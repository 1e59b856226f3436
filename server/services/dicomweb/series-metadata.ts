import type { Digest } from '@strata/modules/blob';
import { formatDicomJson } from '@strata/modules/dicom';
import { entriesOf, entryAt, NodeStaging } from '@strata/modules/objects';
import type { VersioningDeps } from '../versioning/versioning-deps.js';
import { metadataOf } from './instance-metadata.js';
import { instancesOf, type OpenVersion } from './retrieve.js';

/**
 * Where a version's base URL goes in cached metadata: BulkDataURIs are stored as
 * `strata-base:/studies/…` and the base of the request replaces the marker when it is served, so
 * one cached copy serves every version and every host name.
 */
export const BASE_MARKER = 'strata-base:';

/** The bulk data URI of a value, relative to the version's base (see BASE_MARKER). */
export type RelativeBulkDataUri = Parameters<typeof metadataOf>[2];

/**
 * The WADO-RS metadata of a study or a series, as DICOM JSON text with BulkDataURIs relative to
 * BASE_MARKER. Each series is built once per series directory id — content, shared by every
 * version that holds the series — compressed in the database, and read back from there after.
 */
export async function seriesMetadataText(
  deps: VersioningDeps,
  version: OpenVersion,
  uids: { study: string; series?: string },
  bulkDataUri: RelativeBulkDataUri,
): Promise<string> {
  const repositories = deps.database.read();
  const staging = new NodeStaging(repositories.objects);
  const series: { uid: string; dirId: Digest }[] = [];
  if (uids.series !== undefined) {
    const entry = await entryAt(staging, version.tree, `${uids.study}/${uids.series}`);
    if (entry?.kind === 'dir') series.push({ uid: uids.series, dirId: entry.id });
  } else {
    const study = await entryAt(staging, version.tree, uids.study);
    if (study?.kind === 'dir') {
      for await (const entry of entriesOf(staging, study.id)) {
        if (entry.kind === 'dir') series.push({ uid: entry.name, dirId: entry.id });
      }
    }
  }
  // No series there: instancesOf says so with the usual 404.
  if (series.length === 0) await instancesOf(deps, version, uids);
  const arrays: string[] = [];
  for (const { uid, dirId } of series) {
    let text = await repositories.seriesMetadata.get(dirId);
    if (text === undefined) {
      const instances = await instancesOf(deps, version, { study: uids.study, series: uid });
      text = formatDicomJson(await metadataOf(deps, instances, bulkDataUri));
      await repositories.seriesMetadata.put(dirId, text, instances.length);
    }
    const inner = text.trim().slice(1, -1).trim();
    if (inner !== '') arrays.push(inner);
  }
  return `[${arrays.join(',')}]`;
}
