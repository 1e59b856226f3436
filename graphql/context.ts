import DataLoader from 'dataloader';
import type { Digest } from '@strata/modules/blob';
import type { Commit as CommitObject } from '@strata/modules/objects';
import { accountsById, type Actor } from '@strata/services/access';
import type { EventHub, EventSession } from '@strata/services/events';
import { commitsById, listRefs, type VersioningDeps } from '@strata/services/versioning';
import type { AccountRecordView, DatasetRecord, RefRecordView } from './resolvers/records.js';

/** What every resolver of one request sees. */
export interface GraphqlContext {
  deps: VersioningDeps;
  actor: Actor;
  /** The process's event hub and this connection's session: set for operations over graphql-ws only. */
  events?: { hub: EventHub; session: EventSession };
  /** Per request, so nothing is shared between viewers: batches and caches reads within one operation. */
  loaders: {
    /** Commits by id, for ids reached from the dataset's own commits (parents, ref targets). */
    commits: DataLoader<Digest, CommitObject>;
    /** A dataset's branches and tags, listed once however many fields ask. */
    refs: DataLoader<DatasetRecord, RefRecordView[], string>;
    /** Accounts by id (authors, reviewers, assignees): one query per batch; undefined for a deleted one. */
    accounts: DataLoader<string, AccountRecordView | undefined>;
  };
}

export function createContext(
  deps: VersioningDeps,
  actor: Actor,
  events?: { hub: EventHub; session: EventSession },
): GraphqlContext {
  return {
    deps,
    actor,
    ...(events !== undefined && { events }),
    loaders: {
      commits: new DataLoader<Digest, CommitObject>((ids) => commitsById(deps, ids), { maxBatchSize: 100 }),
      refs: new DataLoader<DatasetRecord, RefRecordView[], string>(
        (datasets) => Promise.all(datasets.map((dataset) => listRefs(deps, dataset))),
        { cacheKeyFn: (dataset) => dataset.id },
      ),
      accounts: new DataLoader<string, AccountRecordView | undefined>((ids) => accountsById(deps, ids), {
        maxBatchSize: 500,
      }),
    },
  };
}
