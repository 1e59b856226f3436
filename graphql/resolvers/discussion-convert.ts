import { releaseDicomwebPath } from '@strata/services/collaboration';
import { IssueStateValue, type Comment, type Issue, type Label, type Release } from '../types/discussion-types.js';
import type {
  CommentRecordView,
  DatasetRecord,
  LabelRecordView,
  ReleaseRecordView,
  ThreadRecordView,
} from './records.js';

/**
 * The service record behind an Issue or Comment, for field resolvers (author, labels, …): a
 * symbol-keyed own property, as for Dataset (convert.ts), so it is not a GraphQL field.
 */
const RECORD = Symbol('strata.discussionRecord');

type WithRecord<T, R> = T & { [RECORD]: R };

export function issueOf(record: ThreadRecordView): Issue {
  const issue: WithRecord<Issue, ThreadRecordView> = {
    [RECORD]: record,
    id: record.id,
    number: record.number,
    title: record.title,
    body: record.body,
    state: record.state === 'open' ? IssueStateValue.OPEN : IssueStateValue.CLOSED,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    closedAt: record.closedAt,
  };
  return issue;
}

export function threadRecordOf(issue: Issue): ThreadRecordView {
  return recordBehind<ThreadRecordView>(issue);
}

export function commentOf(record: CommentRecordView): Comment {
  const anchor = record.anchor;
  const comment: WithRecord<Comment, CommentRecordView> = {
    [RECORD]: record,
    id: record.id,
    body: record.body,
    anchor:
      anchor === null
        ? null
        : {
            commitId: anchor.commit,
            studyInstanceUid: anchor.study,
            seriesInstanceUid: anchor.series,
            sopInstanceUid: anchor.instance,
            frame: anchor.frame,
            region:
              anchor.region === null
                ? null
                : { ...anchor.region, width: anchor.region.width ?? null, height: anchor.region.height ?? null },
          },
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    deleted: record.deletedAt !== null,
  };
  return comment;
}

export function commentRecordOf(comment: Comment): CommentRecordView {
  return recordBehind<CommentRecordView>(comment);
}

export function labelOf(record: LabelRecordView): Label {
  return { id: record.id, name: record.name, color: record.color, description: record.description };
}

export function releaseOf(dataset: DatasetRecord, record: ReleaseRecordView): Release {
  const base = `${dataset.owner}/${dataset.name}`;
  const release: WithRecord<Release, ReleaseRecordView> = {
    [RECORD]: record,
    id: record.id,
    tag: record.tag,
    commitId: record.commit,
    treeId: record.tree,
    title: record.title,
    notes: record.notes,
    citation: {
      authors: record.citation.authors.map((author) => ({
        name: author.name,
        affiliation: author.affiliation ?? null,
        orcid: author.orcid ?? null,
      })),
      version: record.citation.version,
      license: record.citation.license,
      doi: record.citation.doi ?? null,
    },
    studies: record.studies,
    series: record.series,
    instances: record.instances,
    bytes: record.bytes,
    dicomwebPath: releaseDicomwebPath(dataset, record.tag),
    manifestPath: `/api/datasets/${base}/releases/${encodeURIComponent(record.tag)}/manifest.json`,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
  return release;
}

export function releaseRecordOf(release: Release): ReleaseRecordView {
  return recordBehind<ReleaseRecordView>(release);
}

function recordBehind<R>(value: object): R {
  const record = (value as { [RECORD]?: R })[RECORD];
  if (record === undefined) throw new Error('a discussion object not made by its converter');
  return record;
}
