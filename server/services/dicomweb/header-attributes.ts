import type { Digest } from '@strata/modules/blob';
import { readInstanceMetadata, type DicomJsonDataSet } from '@strata/modules/dicom';
import { entryAt, filesUnder, NodeStaging } from '@strata/modules/objects';
import type { VersioningDeps } from '../versioning/versioning-deps.js';
import { fileCache, sharedTreeNodes } from './read-cache.js';
import { storedFileSource } from './stored-file-source.js';

/** A QIDO result's place in a version: a study, a series, or an instance. */
export interface HeaderTarget {
  study: string;
  series?: string;
  instance?: string;
}

/** Headers read at once: each waits mostly on one blob read. */
const CONCURRENCY = 8;

/**
 * Attributes of QIDO results the index does not hold, read from the stored header of each
 * result's instance (a series' or study's first instance in UID order): the tags asked for, or
 * with `all` every top-level attribute. Bulk values (Pixel Data, OB/OW/UN…) are never included: a
 * search result carries no BulkDataURIs. A target the version does not have gets an empty set.
 */
export async function headerAttributesOf(
  deps: VersioningDeps,
  tree: Digest,
  targets: readonly HeaderTarget[],
  fields: 'all' | readonly string[],
): Promise<DicomJsonDataSet[]> {
  const repositories = deps.database.read();
  const staging = new NodeStaging(repositories.objects, new Map(), sharedTreeNodes);
  const wanted = fields === 'all' ? undefined : new Set(fields);
  const results: DicomJsonDataSet[] = targets.map(() => ({}));
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const index = next++;
      const target = targets[index] as HeaderTarget;
      const prefix = [target.study, target.series, target.instance].filter((uid) => uid !== undefined).join('/');
      const entry = await entryAt(staging, tree, prefix);
      let fileId: Digest | undefined;
      if (entry?.kind === 'dicom') fileId = entry.id;
      else if (entry?.kind === 'dir') {
        // The first instance under the study or series, in UID order.
        for await (const file of filesUnder(staging, entry.id)) {
          if (file.entry.kind === 'dicom') {
            fileId = file.entry.id;
            break;
          }
        }
      }
      if (fileId === undefined) continue;
      const records = await fileCache.getMany([fileId], (missing) => repositories.files.getMany(missing));
      const record = records.get(fileId);
      if (record === undefined) continue;
      const dataSet = await readInstanceMetadata(storedFileSource(deps.blobStore, record), {
        bulkDataUri: () => '',
      });
      const kept: DicomJsonDataSet = {};
      for (const [tag, attribute] of Object.entries(dataSet)) {
        if ('BulkDataURI' in attribute) continue;
        if (wanted === undefined || wanted.has(tag)) kept[tag] = attribute;
      }
      results[index] = kept;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, targets.length) }, worker));
  return results;
}
