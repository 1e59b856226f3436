export { openDatabase, ormOptions, type Database, type OpenDatabaseOptions } from './database/database.js';
export { describeTarget, type DatabaseTarget } from './database/target.js';
export { generateMigration } from './database/migration-generator.js';
export { Installation } from './entities/index.js';
export { enableVectorSupport, type VectorSupport } from './vector/vector-support.js';
export type { AuditEntry, AuditEventView, AuditRecord, AuditSearch } from './audit/audit-repository.js';
export type { EventListener, EventListenerOptions, EventSignal } from './events/event-listener.js';
export type {
  CheckState,
  CommitStatusRecord,
  MergeMethod,
  ProposalFields,
  ProposalRecord,
  ProtectionRule,
  ReviewRecord,
  ReviewVerdict,
} from './collaboration/proposal-repository.js';
export type { NewThread, ThreadKind, ThreadRecord, ThreadState } from './collaboration/thread-repository.js';
export type { LabelRecord } from './collaboration/label-repository.js';
export type { CommentAnchor, CommentCursor, CommentRecord } from './collaboration/comment-repository.js';
export {
  JOBS_SCHEMA,
  startJobQueue,
  type JobQueue,
  type JobQueueOptions,
  type JobRun,
  type RetryPolicy,
} from './jobs/job-queue.js';
export type { DeliveryOutcome, DeliveryRecord, DeliveryState, WebhookRecord } from './webhooks/webhook-repository.js';
export type { ReleaseAuthor, ReleaseCitation, ReleaseRecord } from './collaboration/release-repository.js';
export type { AccountKind, AccountRecord, NewAccount } from './access/account-repository.js';
export type { NewToken, SessionRecord, TokenRecord } from './access/credential-repository.js';
export type { OidcFlowRecord } from './access/identity-repository.js';
export type {
  DatasetGrantView,
  DatasetRelation,
  DeletedTeam,
  OrgMemberView,
  OrgRole,
  Role,
  TeamRecord,
  TeamView,
} from './access/membership-repository.js';
export type { DatasetRecord, Visibility } from './versioning/dataset-repository.js';
export type { FileRecord } from './versioning/file-repository.js';
export {
  DERIVED_TABLES,
  type DerivedTable,
  type MarkKind,
  type SweptKind,
  type SweptRows,
} from './versioning/gc-repository.js';
export type { InstanceMetadataRecord } from './versioning/metadata-repository.js';
export type { RefKind, RefRecord } from './versioning/ref-repository.js';
export type { VersioningRepositories } from './versioning/repositories.js';
export type {
  DirectoryAttributes,
  HeadScope,
  HeadStudyChange,
  MatchPart,
  QidoMatch,
  RefHead,
} from './qido/index-repository.js';
