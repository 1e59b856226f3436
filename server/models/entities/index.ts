import { AccountSchema, OrgMemberSchema, TeamMemberSchema, TeamSchema } from './account.js';
import { ApiTokenSchema, SessionSchema } from './credentials.js';
import { AccountIdentitySchema, OidcFlowSchema } from './identity.js';
import { DatasetSchema } from './dataset.js';
import { DatasetCommitSchema } from './dataset-commit.js';
import { AuditEventSchema, AuditHeadSchema } from './audit.js';
import { DatasetGrantSchema } from './dataset-grant.js';
import { DatasetNumberSchema } from './dataset-number.js';
import { ThreadSchema } from './thread.js';
import { BranchProtectionSchema, CommitStatusSchema, ProposalSchema, ReviewSchema } from './proposal.js';
import { CommentSchema, LabelSchema, ThreadAssigneeSchema, ThreadLabelSchema } from './discussion.js';
import { ReleaseSchema } from './release.js';
import { DispatchCursorSchema, WebhookDeliverySchema, WebhookSchema } from './webhook.js';
import { GcMarkSchema } from './gc-mark.js';
import { InstallationSchema } from './installation.js';
import { InstanceMetadataSchema } from './instance-metadata.js';
import {
  HeadScopeSchema,
  HeadStudySchema,
  IndexedTreeSchema,
  SeriesIndexSchema,
  StudyIndexSchema,
  StudyKeySchema,
  TreeEdgeSchema,
} from './qido-index.js';
import { RefSchema } from './ref.js';
import { SeriesMetadataSchema } from './series-metadata.js';
import { StoredFileSchema, StoredObjectSchema } from './stored-object.js';

export { Account, OrgMember, Team, TeamMember } from './account.js';
export { ApiToken, Session } from './credentials.js';
export { AccountIdentity, OidcFlow } from './identity.js';
export { Dataset } from './dataset.js';
export { DatasetCommit } from './dataset-commit.js';
export { AuditEvent, AuditHead } from './audit.js';
export { DatasetGrant } from './dataset-grant.js';
export { DatasetNumber } from './dataset-number.js';
export { Thread } from './thread.js';
export { BranchProtection, CommitStatus, Proposal, Review } from './proposal.js';
export { Comment, Label, ThreadAssignee, ThreadLabel } from './discussion.js';
export { Release } from './release.js';
export { DispatchCursor, Webhook, WebhookDelivery } from './webhook.js';
export { GcMark } from './gc-mark.js';
export { Installation } from './installation.js';
export { InstanceMetadata } from './instance-metadata.js';
export { HeadScope, HeadStudy, IndexedTree, SeriesIndex, StudyIndex, StudyKey, TreeEdge } from './qido-index.js';
export { Ref } from './ref.js';
export { SeriesMetadata } from './series-metadata.js';
export { StoredFile, StoredObject } from './stored-object.js';

/** Every entity of the schema, in one list for the ORM and the migration generator. */
export const entities = [
  InstallationSchema,
  DatasetSchema,
  RefSchema,
  StoredObjectSchema,
  StoredFileSchema,
  InstanceMetadataSchema,
  TreeEdgeSchema,
  StudyIndexSchema,
  SeriesIndexSchema,
  IndexedTreeSchema,
  StudyKeySchema,
  HeadScopeSchema,
  HeadStudySchema,
  GcMarkSchema,
  SeriesMetadataSchema,
  AccountSchema,
  OrgMemberSchema,
  TeamSchema,
  TeamMemberSchema,
  DatasetGrantSchema,
  ApiTokenSchema,
  SessionSchema,
  AccountIdentitySchema,
  OidcFlowSchema,
  DatasetCommitSchema,
  AuditEventSchema,
  AuditHeadSchema,
  DatasetNumberSchema,
  ThreadSchema,
  ProposalSchema,
  ReviewSchema,
  BranchProtectionSchema,
  CommitStatusSchema,
  LabelSchema,
  ThreadLabelSchema,
  ThreadAssigneeSchema,
  CommentSchema,
  ReleaseSchema,
  WebhookSchema,
  WebhookDeliverySchema,
  DispatchCursorSchema,
];
