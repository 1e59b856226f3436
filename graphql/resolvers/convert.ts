import type { Digest } from '@strata/modules/blob';
import type { Commit as CommitObject } from '@strata/modules/objects';
import type { AccountRecordView, DatasetRecord, RefDiffView, RefRecordView, Role } from './records.js';
import { type Account, type Commit, type Dataset, type Diff, type Ref } from '../types/object-types.js';
import { RefKindValue, type RoleValue, type VisibilityValue } from '../types/scalars-and-enums.js';

/** A commit id this API gave out (ids clients send go through the services' resolveRef instead). */
export function digestOf(id: string): Digest {
  return id as Digest;
}

/**
 * Where a Dataset keeps its service record for field resolvers: a symbol-keyed own property, so it
 * is not a GraphQL field and survives type-graphql copying plain objects into class instances.
 */
const RECORD = Symbol('strata.datasetRecord');

/** The service record behind a Dataset a resolver returned (field resolvers act on it). */
export function recordOf(dataset: Dataset): DatasetRecord {
  const record = (dataset as Dataset & { [RECORD]?: DatasetRecord })[RECORD];
  if (record === undefined) throw new Error('recordOf: a Dataset not made by datasetOf');
  return record;
}

export function datasetOf(record: DatasetRecord, role: Role): Dataset {
  const dataset: Dataset & { [RECORD]: DatasetRecord } = {
    [RECORD]: record,
    id: record.id,
    owner: record.owner,
    name: record.name,
    fullName: `${record.owner}/${record.name}`,
    defaultBranch: record.defaultBranch,
    visibility: record.visibility as VisibilityValue,
    createdAt: record.createdAt,
    viewerRole: role as RoleValue,
  };
  return dataset;
}

export function commitOf(id: Digest, commit: CommitObject): Commit {
  const signature = (s: CommitObject['author']) => ({ name: s.name, email: s.email, time: new Date(s.time) });
  return {
    id,
    shortId: id.slice(0, 12),
    message: commit.message,
    author: signature(commit.author),
    committer: signature(commit.committer),
    parentIds: [...commit.parents],
    treeId: commit.tree,
  };
}

export function refOf(record: RefRecordView): Ref {
  return {
    name: record.name,
    kind: record.kind === 'tag' ? RefKindValue.TAG : RefKindValue.BRANCH,
    commitId: record.commit,
    updatedAt: record.updatedAt,
  };
}

export function accountOf(record: AccountRecordView): Account {
  return { id: record.id, login: record.login, displayName: record.displayName, isUser: record.kind === 'user' };
}

/** A diff of two versions as the API shows it (the services' RefDiff, less the non-DICOM files). */
export function diffOf(diff: RefDiffView): Diff {
  return {
    fromId: diff.from,
    toId: diff.to,
    ...diff.counts,
    studies: diff.studies.map((study) => ({
      studyInstanceUid: study.studyInstanceUid,
      series: study.series.map((series) => ({ ...series })),
    })),
  };
}
