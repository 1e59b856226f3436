import type { DatasetRecord, Role } from '@strata/models';
import { parseDatasetName } from '../versioning/names.js';
import type { VersioningDeps } from '../versioning/versioning-deps.js';
import type { Actor } from './actor.js';
import { roleOf } from './role-of.js';

/** A page of the datasets an actor may read, by owner then name, with the actor's role on each. */
export interface DatasetPage {
  datasets: { dataset: DatasetRecord; role: Role }[];
  /** `owner/name` of the last dataset listed, to continue after; undefined on the last page. */
  next: string | undefined;
}

/**
 * The datasets `actor` can read, `first` at a time after the dataset named `after` (`owner/name`):
 * what a dataset list shows, never one the actor could not open.
 */
export async function visibleDatasets(
  deps: VersioningDeps,
  actor: Actor,
  first: number,
  after?: string,
): Promise<DatasetPage> {
  const repository = deps.database.read().datasets;
  const datasets: DatasetPage['datasets'] = [];
  let cursor = after === undefined ? undefined : parseDatasetName(after);
  let exhausted = false;
  // Batches a little larger than the page (most datasets a user lists are ones they can read),
  // until the page is full and one more readable dataset shows there is a next page.
  while (!exhausted) {
    const batch = await repository.listAfter(cursor, first + 1);
    exhausted = batch.length < first + 1;
    for (const dataset of batch) {
      cursor = { owner: dataset.owner, name: dataset.name };
      const role = await roleOf(deps, actor, dataset);
      if (role === undefined) continue;
      if (datasets.length === first) {
        // One more readable dataset exists: there is a next page.
        const last = datasets.at(-1)?.dataset;
        return { datasets, next: last === undefined ? undefined : `${last.owner}/${last.name}` };
      }
      datasets.push({ dataset, role });
    }
  }
  return { datasets, next: undefined };
}
