import DataLoader from 'dataloader';
import type { Digest } from '@strata/modules/blob';
import type { Commit as CommitObject } from '@strata/modules/objects';
import { accountsById, type Actor } from '@strata/services/access';
import {
  assigneeIdsOfThreads,
  commentCounts,
  labelsOfThreads,
  reviewsOfProposals,
} from '@strata/services/collaboration';
import type { EventHub, EventSession } from '@strata/services/events';
import { commitsById, listRefs, type VersioningDeps } from '@strata/services/versioning';
import type { ReviewRecordView } from './resolvers/proposal-records.js';
import type { AccountRecordView, DatasetRecord, LabelRecordView, RefRecordView } from './resolvers/records.js';

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
    /** Reviews of proposals by thread id, oldest first. */
    reviews: DataLoader<string, ReviewRecordView[]>;
    /** Labels, assignees' account ids and live comment counts by thread id: one query per batch each. */
    threadLabels: DataLoader<string, LabelRecordView[]>;
    threadAssignees: DataLoader<string, string[]>;
    commentCounts: DataLoader<string, number>;
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
      reviews: new DataLoader<string, ReviewRecordView[]>((ids) => reviewsOfProposals(deps, ids), {
        maxBatchSize: 500,
      }),
      threadLabels: new DataLoader((ids) => labelsOfThreads(deps, ids), { maxBatchSize: 500 }),
      threadAssignees: new DataLoader((ids) => assigneeIdsOfThreads(deps, ids), { maxBatchSize: 500 }),
      commentCounts: new DataLoader((ids) => commentCounts(deps, ids), { maxBatchSize: 500 }),
    },
  };
}
