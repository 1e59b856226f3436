/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** A full commit id of the dataset and a study [/ series [/ instance [/ frame [/ region]]]]. */
export type AnchorInput = {
  commitId: string;
  frame?: number | null | undefined;
  region?: RegionInput | null | undefined;
  seriesInstanceUid?: string | null | undefined;
  sopInstanceUid?: string | null | undefined;
  studyInstanceUid: string;
};

export type CheckState =
  | 'ERROR'
  | 'FAILURE'
  | 'PENDING'
  | 'SUCCESS';

export type CitationAuthorInput = {
  affiliation?: string | null | undefined;
  name: string;
  orcid?: string | null | undefined;
};

export type CitationInput = {
  authors: Array<CitationAuthorInput>;
  doi?: string | null | undefined;
  license: string;
  version: string;
};

export type GranteeKind =
  | 'TEAM'
  | 'USER';

export type IssueState =
  | 'CLOSED'
  | 'OPEN';

/** MERGE: always a merge commit with both parents; FAST_FORWARD: only when the target has not moved. */
export type MergeMethod =
  | 'FAST_FORWARD'
  | 'MERGE';

/** OWNER: administers the organization and its datasets; MEMBER: reads its datasets. */
export type OrgRole =
  | 'MEMBER'
  | 'OWNER';

export type ProposalState =
  | 'CLOSED'
  | 'MERGED'
  | 'OPEN';

export type RegionInput = {
  height?: number | null | undefined;
  width?: number | null | undefined;
  x: number;
  y: number;
};

export type ReviewVerdict =
  | 'APPROVE'
  | 'COMMENT'
  | 'REQUEST_CHANGES';

/** A role on a dataset: READ < WRITE < ADMIN. */
export type Role =
  | 'ADMIN'
  | 'READ'
  | 'WRITE';

/** PUBLIC: anyone; INTERNAL: any signed-in user; PRIVATE: members and grantees only. */
export type Visibility =
  | 'INTERNAL'
  | 'PRIVATE'
  | 'PUBLIC';

/** FAILED is dead-lettered: retried only by redeliverWebhook. */
export type WebhookDeliveryState =
  | 'DONE'
  | 'FAILED'
  | 'QUEUED'
  | 'RETRYING'
  | 'RUNNING';

export type CommitDetailQueryVariables = Exact<{
  owner: string;
  name: string;
  rev: string;
}>;


export type CommitDetailQuery = { dataset: { fullName: string, commit: { id: string, shortId: string, message: string, author: { name: string, email: string, time: string }, committer: { name: string, time: string }, parents: Array<{ id: string, shortId: string, message: string }> } } };

export type CommitDiffQueryVariables = Exact<{
  owner: string;
  name: string;
  from: string;
  to: string;
}>;


export type CommitDiffQuery = { dataset: { diff: { fromId: string, toId: string, added: number, removed: number, changed: number, studies: Array<{ studyInstanceUid: string, series: Array<{ seriesInstanceUid: string, added: Array<string>, removed: Array<string>, changed: Array<string> }> }> } } };

export type HistoryQueryVariables = Exact<{
  owner: string;
  name: string;
  rev: string;
  after?: string | null | undefined;
}>;


export type HistoryQuery = { dataset: { fullName: string, history: { nodes: Array<{ id: string, shortId: string, message: string, parentIds: Array<string>, author: { name: string, time: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } };

export type CompareQueryVariables = Exact<{
  owner: string;
  name: string;
  from: string;
  to: string;
}>;


export type CompareQuery = { dataset: { fullName: string, diff: { fromId: string, toId: string, added: number, removed: number, changed: number, studies: Array<{ studyInstanceUid: string, series: Array<{ seriesInstanceUid: string, added: Array<string>, removed: Array<string>, changed: Array<string> }> }> } } };

export type IssueDetailQueryVariables = Exact<{
  owner: string;
  name: string;
  number: number;
}>;


export type IssueDetailQuery = { viewer: { signedIn: boolean, login: string | null }, dataset: { fullName: string, viewerRole: Role, labels: Array<{ name: string, description: string }>, issue: { number: number, title: string, body: string, state: IssueState, createdAt: string, closedAt: string | null, author: { login: string } | null, assignees: Array<{ login: string }>, labels: Array<{ name: string }>, comments: { nodes: Array<{ id: string, body: string, createdAt: string, updatedAt: string, deleted: boolean, author: { login: string } | null, anchor: { commitId: string, studyInstanceUid: string, seriesInstanceUid: string | null, sopInstanceUid: string | null, frame: number | null } | null }>, pageInfo: { hasNextPage: boolean } } } } };

export type OpenIssueMutationVariables = Exact<{
  dataset: string;
  title: string;
  body?: string | null | undefined;
}>;


export type OpenIssueMutation = { openIssue: { number: number } };

export type NewIssueQueryVariables = Exact<{
  owner: string;
  name: string;
}>;


export type NewIssueQuery = { viewer: { signedIn: boolean }, dataset: { fullName: string } };

export type IssuesQueryVariables = Exact<{
  owner: string;
  name: string;
  states?: Array<IssueState> | IssueState | null | undefined;
  label?: string | null | undefined;
  assignee?: string | null | undefined;
  after?: string | null | undefined;
}>;


export type IssuesQuery = { viewer: { signedIn: boolean }, dataset: { fullName: string, labels: Array<{ name: string }>, issues: { nodes: Array<{ number: number, title: string, state: IssueState, createdAt: string, commentCount: number, author: { login: string } | null, assignees: Array<{ login: string }>, labels: Array<{ name: string }> }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } };

export type MergeProposalMutationVariables = Exact<{
  dataset: string;
  number: number;
  method: MergeMethod;
  expectedHeadId?: string | null | undefined;
}>;


export type MergeProposalMutation = { mergeProposal: { state: ProposalState } };

export type ProposalDetailQueryVariables = Exact<{
  owner: string;
  name: string;
  number: number;
}>;


export type ProposalDetailQuery = { viewer: { signedIn: boolean, login: string | null }, dataset: { fullName: string, viewerRole: Role, labels: Array<{ name: string }>, proposal: { number: number, title: string, body: string, state: ProposalState, sourceBranch: string, targetBranch: string, headCommitId: string, baseCommitId: string | null, mergeCommitId: string | null, mergeMethod: MergeMethod | null, mergedAt: string | null, createdAt: string, closedAt: string | null, sourceDataset: { owner: string, name: string, fullName: string } | null, author: { login: string } | null, mergedBy: { login: string } | null, labels: Array<{ name: string }>, assignees: Array<{ login: string }>, diff: { fromId: string, toId: string, added: number, removed: number, changed: number, studies: Array<{ studyInstanceUid: string, series: Array<{ seriesInstanceUid: string, added: Array<string>, removed: Array<string>, changed: Array<string> }> }> }, reviews: Array<{ id: string, verdict: ReviewVerdict, body: string, commitId: string, createdAt: string, stale: boolean, dismissed: boolean, reviewer: { login: string } | null }>, comments: { nodes: Array<{ id: string, body: string, createdAt: string, updatedAt: string, deleted: boolean, author: { login: string } | null, anchor: { commitId: string, studyInstanceUid: string, seriesInstanceUid: string | null, sopInstanceUid: string | null, frame: number | null } | null }>, pageInfo: { hasNextPage: boolean } }, status: { headCommitId: string, sourceExists: boolean, approvals: number, requiredApprovals: number, changesRequested: number, requiredChecks: Array<string>, blockers: Array<string>, checks: Array<{ context: string, state: CheckState, description: string | null }> }, mergeability: { clean: boolean, upToDate: boolean, canFastForward: boolean, conflicts: Array<{ path: string }> } } | null } };

export type ReviewProposalMutationVariables = Exact<{
  dataset: string;
  number: number;
  verdict: ReviewVerdict;
  body: string;
  commitId?: string | null | undefined;
}>;


export type ReviewProposalMutation = { reviewProposal: { id: string } };

export type OpenProposalMutationVariables = Exact<{
  dataset: string;
  source: string;
  target: string;
  title: string;
  body: string;
}>;


export type OpenProposalMutation = { openProposal: { number: number } };

export type NewProposalQueryVariables = Exact<{
  owner: string;
  name: string;
}>;


export type NewProposalQuery = { viewer: { signedIn: boolean }, dataset: { fullName: string, defaultBranch: string, branches: Array<{ name: string }> } };

export type ProposalsQueryVariables = Exact<{
  owner: string;
  name: string;
  states?: Array<ProposalState> | ProposalState | null | undefined;
  after?: string | null | undefined;
}>;


export type ProposalsQuery = { viewer: { signedIn: boolean }, dataset: { fullName: string, proposals: { nodes: Array<{ number: number, title: string, state: ProposalState, sourceBranch: string, targetBranch: string, createdAt: string, commentCount: number, reviewCount: number, author: { login: string } | null, labels: Array<{ name: string }> }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } };

export type EditReadmeQueryVariables = Exact<{
  owner: string;
  name: string;
  branch: string;
}>;


export type EditReadmeQuery = { dataset: { fullName: string, viewerRole: Role, branches: Array<{ name: string }>, commit: { id: string }, readme: { path: string, text: string, truncated: boolean } | null } };

export type SaveReadmeMutationVariables = Exact<{
  dataset: string;
  branch: string;
  text: string;
  message?: string | null | undefined;
  expectedHead?: string | null | undefined;
}>;


export type SaveReadmeMutation = { saveReadme: { commitId: string, changed: boolean } };

export type ReleaseQueryVariables = Exact<{
  owner: string;
  name: string;
  tag: string;
}>;


export type ReleaseQuery = { dataset: { fullName: string, release: { tag: string, title: string, notes: string, commitId: string, studies: number, series: number, instances: number, bytes: number, dicomwebPath: string, manifestPath: string, createdAt: string, author: { login: string } | null, citation: { version: string, license: string, doi: string | null, authors: Array<{ name: string, affiliation: string | null, orcid: string | null }> } } } };

export type NewReleaseQueryVariables = Exact<{
  owner: string;
  name: string;
}>;


export type NewReleaseQuery = { dataset: { fullName: string, defaultBranch: string, viewerRole: Role, branches: Array<{ name: string }>, tags: Array<{ name: string }>, releases: { nodes: Array<{ tag: string }> } } };

export type CreateReleaseMutationVariables = Exact<{
  dataset: string;
  tag: string;
  at?: string | null | undefined;
  existingTag: boolean;
  title: string;
  notes?: string | null | undefined;
  citation: CitationInput;
}>;


export type CreateReleaseMutation = { createRelease: { tag: string } };

export type ReleasesQueryVariables = Exact<{
  owner: string;
  name: string;
  after?: string | null | undefined;
}>;


export type ReleasesQuery = { dataset: { fullName: string, viewerRole: Role, releases: { nodes: Array<{ tag: string, title: string, instances: number, bytes: number, createdAt: string, author: { login: string } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } };

export type DatasetSettingsQueryVariables = Exact<{
  owner: string;
  name: string;
  dataset: string;
}>;


export type DatasetSettingsQuery = { dataset: { fullName: string, visibility: Visibility, members: Array<{ grantee: string, kind: GranteeKind, role: Role }>, branchProtections: Array<{ pattern: string, requiredApprovals: number, dismissStaleReviews: boolean, blockDirectWrites: boolean, requiredChecks: Array<string>, updatedAt: string }> }, webhooks: Array<{ id: string, url: string, actions: Array<string>, active: boolean, createdAt: string, deliveries: Array<{ id: string, action: string, state: WebhookDeliveryState, attempts: number, responseStatus: number | null, lastError: string | null, createdAt: string }> }> };

export type SetVisibilityMutationVariables = Exact<{
  dataset: string;
  visibility: Visibility;
}>;


export type SetVisibilityMutation = { setVisibility: { visibility: Visibility } };

export type GrantRoleMutationVariables = Exact<{
  dataset: string;
  grantee: string;
  role: Role;
}>;


export type GrantRoleMutation = { grantRole: Array<{ grantee: string }> };

export type RevokeRoleMutationVariables = Exact<{
  dataset: string;
  grantee: string;
}>;


export type RevokeRoleMutation = { revokeRole: Array<{ grantee: string }> };

export type SetBranchProtectionMutationVariables = Exact<{
  dataset: string;
  pattern: string;
  requiredApprovals: number;
  dismissStaleReviews: boolean;
  blockDirectWrites: boolean;
  requiredChecks: Array<string> | string;
}>;


export type SetBranchProtectionMutation = { setBranchProtection: { pattern: string } };

export type RemoveBranchProtectionMutationVariables = Exact<{
  dataset: string;
  pattern: string;
}>;


export type RemoveBranchProtectionMutation = { removeBranchProtection: boolean };

export type CreateWebhookMutationVariables = Exact<{
  dataset: string;
  url: string;
  actions: Array<string> | string;
  secret?: string | null | undefined;
}>;


export type CreateWebhookMutation = { createWebhook: { secret: string, webhook: { id: string } } };

export type DeleteWebhookMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteWebhookMutation = { deleteWebhook: boolean };

export type RedeliverWebhookMutationVariables = Exact<{
  deliveryId: string | number;
}>;


export type RedeliverWebhookMutation = { redeliverWebhook: { id: string, state: WebhookDeliveryState } };

export type OwnerQueryVariables = Exact<{
  login: string;
}>;


export type OwnerQuery = { viewer: { login: string | null }, account: { login: string, displayName: string | null, isUser: boolean, viewerRole: OrgRole | null, datasets: Array<{ name: string, fullName: string, visibility: Visibility, viewerRole: Role, createdAt: string }>, members: Array<{ login: string, displayName: string | null, role: OrgRole }> | null, teams: Array<{ name: string, fullName: string, members: Array<string> }> | null } };

export type AddOrganizationMemberMutationVariables = Exact<{
  organization: string;
  login: string;
  role: OrgRole;
}>;


export type AddOrganizationMemberMutation = { addOrganizationMember: boolean };

export type RemoveOrganizationMemberMutationVariables = Exact<{
  organization: string;
  login: string;
}>;


export type RemoveOrganizationMemberMutation = { removeOrganizationMember: boolean };

export type CreateTeamMutationVariables = Exact<{
  organization: string;
  name: string;
}>;


export type CreateTeamMutation = { createTeam: { fullName: string } };

export type AddTeamMemberMutationVariables = Exact<{
  team: string;
  login: string;
}>;


export type AddTeamMemberMutation = { addTeamMember: { fullName: string } };

export type RemoveTeamMemberMutationVariables = Exact<{
  team: string;
  login: string;
}>;


export type RemoveTeamMemberMutation = { removeTeamMember: { fullName: string } };

export type DeleteTeamMutationVariables = Exact<{
  team: string;
}>;


export type DeleteTeamMutation = { deleteTeam: boolean };

export type DatasetsQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type DatasetsQuery = { viewer: { signedIn: boolean, organizations: Array<{ login: string, role: OrgRole }> }, datasets: { nodes: Array<{ owner: string, name: string, fullName: string, visibility: Visibility, defaultBranch: string, createdAt: string }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type CreateOrganizationMutationVariables = Exact<{
  login: string;
}>;


export type CreateOrganizationMutation = { createOrganization: { login: string } };

export type TokensQueryVariables = Exact<{ [key: string]: never; }>;


export type TokensQuery = { viewer: { login: string | null, tokens: Array<{ id: string, name: string, prefix: string, scope: Role, dataset: string | null, expiresAt: string | null, lastUsedAt: string | null, revokedAt: string | null, createdAt: string }> } };

export type CreateTokenMutationVariables = Exact<{
  name: string;
  scope: Role;
  dataset?: string | null | undefined;
  expiresAt?: string | null | undefined;
}>;


export type CreateTokenMutation = { createToken: { secret: string, token: { id: string } } };

export type RevokeTokenMutationVariables = Exact<{
  id: string | number;
}>;


export type RevokeTokenMutation = { revokeToken: boolean };

export type AuditLogQueryVariables = Exact<{
  dataset?: string | null | undefined;
  action?: string | null | undefined;
  actor?: string | null | undefined;
  after?: string | null | undefined;
}>;


export type AuditLogQuery = { auditLog: { nodes: Array<{ seq: number, at: string, action: string, actor: string | null, dataset: string | null, subject: string | null, data: Record<string, unknown> }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type DatasetNavQueryVariables = Exact<{
  owner: string;
  name: string;
}>;


export type DatasetNavQuery = { dataset: { defaultBranch: string, viewerRole: Role } };

export type DiffFieldsFragment = { fromId: string, toId: string, added: number, removed: number, changed: number, studies: Array<{ studyInstanceUid: string, series: Array<{ seriesInstanceUid: string, added: Array<string>, removed: Array<string>, changed: Array<string> }> }> };

export type DatasetHomeQueryVariables = Exact<{
  owner: string;
  name: string;
}>;


export type DatasetHomeQuery = { dataset: { owner: string, name: string, fullName: string, defaultBranch: string, visibility: Visibility, viewerRole: Role, isFork: boolean, forkedFrom: { owner: string, name: string, fullName: string } | null, branches: Array<{ name: string }>, tags: Array<{ name: string }> } };

export type RefCommitQueryVariables = Exact<{
  owner: string;
  name: string;
  rev: string;
}>;


export type RefCommitQuery = { dataset: { commit: { id: string, shortId: string, message: string, author: { name: string, time: string }, size: { instances: number, files: number, bytes: number } }, readme: { path: string, text: string, truncated: boolean } | null } };

export type DatasetEventsSubscriptionVariables = Exact<{
  dataset: string;
  actions?: Array<string> | string | null | undefined;
}>;


export type DatasetEventsSubscription = { datasetEvents: { seq: number, action: string, subject: string | null } };

export type EditCommentMutationVariables = Exact<{
  dataset: string;
  id: string | number;
  body: string;
}>;


export type EditCommentMutation = { editComment: { id: string } };

export type DeleteCommentMutationVariables = Exact<{
  dataset: string;
  id: string | number;
}>;


export type DeleteCommentMutation = { deleteComment: { id: string } };

export type AddCommentMutationVariables = Exact<{
  dataset: string;
  number: number;
  body: string;
}>;


export type AddCommentMutation = { addComment: { id: string } };

export type DismissReviewMutationVariables = Exact<{
  dataset: string;
  number: number;
  reviewId: string | number;
}>;


export type DismissReviewMutation = { dismissReview: { id: string, dismissed: boolean } };

export type SetLabelMutationVariables = Exact<{
  dataset: string;
  number: number;
  label: string;
  on: boolean;
}>;


export type SetLabelMutation = { setLabel: boolean };

export type SetAssigneeMutationVariables = Exact<{
  dataset: string;
  number: number;
  login: string;
  assigned: boolean;
}>;


export type SetAssigneeMutation = { setAssignee: boolean };

export type CreateLabelMutationVariables = Exact<{
  dataset: string;
  name: string;
  color: string;
  description?: string | null | undefined;
}>;


export type CreateLabelMutation = { createLabel: { name: string } };

export type CloseProposalMutationVariables = Exact<{
  dataset: string;
  number: number;
}>;


export type CloseProposalMutation = { closeProposal: { state: ProposalState } };

export type ReopenProposalMutationVariables = Exact<{
  dataset: string;
  number: number;
}>;


export type ReopenProposalMutation = { reopenProposal: { state: ProposalState } };

export type CloseIssueMutationVariables = Exact<{
  dataset: string;
  number: number;
}>;


export type CloseIssueMutation = { closeIssue: { state: IssueState } };

export type ReopenIssueMutationVariables = Exact<{
  dataset: string;
  number: number;
}>;


export type ReopenIssueMutation = { reopenIssue: { state: IssueState } };

export type CommentFieldsFragment = { id: string, body: string, createdAt: string, updatedAt: string, deleted: boolean, author: { login: string } | null, anchor: { commitId: string, studyInstanceUid: string, seriesInstanceUid: string | null, sopInstanceUid: string | null, frame: number | null } | null };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { viewer: { signedIn: boolean, login: string | null, siteAdmin: boolean } };

export type OpenThreadsQueryVariables = Exact<{
  owner: string;
  name: string;
}>;


export type OpenThreadsQuery = { dataset: { proposals: { nodes: Array<{ number: number, title: string }> }, issues: { nodes: Array<{ number: number, title: string }> } } };

export type AddAnchoredCommentMutationVariables = Exact<{
  dataset: string;
  number: number;
  body: string;
  anchor: AnchorInput;
}>;


export type AddAnchoredCommentMutation = { addComment: { id: string } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const DiffFieldsFragmentDoc = new TypedDocumentString(`
    fragment DiffFields on Diff {
  fromId
  toId
  added
  removed
  changed
  studies {
    studyInstanceUid
    series {
      seriesInstanceUid
      added
      removed
      changed
    }
  }
}
    `, {"fragmentName":"DiffFields"}) as unknown as TypedDocumentString<DiffFieldsFragment, unknown>;
export const CommentFieldsFragmentDoc = new TypedDocumentString(`
    fragment CommentFields on Comment {
  id
  body
  createdAt
  updatedAt
  deleted
  author {
    login
  }
  anchor {
    commitId
    studyInstanceUid
    seriesInstanceUid
    sopInstanceUid
    frame
  }
}
    `, {"fragmentName":"CommentFields"}) as unknown as TypedDocumentString<CommentFieldsFragment, unknown>;
export const CommitDetailDocument = new TypedDocumentString(`
    query CommitDetail($owner: String!, $name: String!, $rev: String!) {
  dataset(owner: $owner, name: $name) {
    fullName
    commit(rev: $rev) {
      id
      shortId
      message
      author {
        name
        email
        time
      }
      committer {
        name
        time
      }
      parents {
        id
        shortId
        message
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CommitDetailQuery, CommitDetailQueryVariables>;
export const CommitDiffDocument = new TypedDocumentString(`
    query CommitDiff($owner: String!, $name: String!, $from: String!, $to: String!) {
  dataset(owner: $owner, name: $name) {
    diff(from: $from, to: $to) {
      ...DiffFields
    }
  }
}
    fragment DiffFields on Diff {
  fromId
  toId
  added
  removed
  changed
  studies {
    studyInstanceUid
    series {
      seriesInstanceUid
      added
      removed
      changed
    }
  }
}`) as unknown as TypedDocumentString<CommitDiffQuery, CommitDiffQueryVariables>;
export const HistoryDocument = new TypedDocumentString(`
    query History($owner: String!, $name: String!, $rev: String!, $after: String) {
  dataset(owner: $owner, name: $name) {
    fullName
    history(rev: $rev, first: 30, after: $after) {
      nodes {
        id
        shortId
        message
        author {
          name
          time
        }
        parentIds
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}
    `) as unknown as TypedDocumentString<HistoryQuery, HistoryQueryVariables>;
export const CompareDocument = new TypedDocumentString(`
    query Compare($owner: String!, $name: String!, $from: String!, $to: String!) {
  dataset(owner: $owner, name: $name) {
    fullName
    diff(from: $from, to: $to) {
      ...DiffFields
    }
  }
}
    fragment DiffFields on Diff {
  fromId
  toId
  added
  removed
  changed
  studies {
    studyInstanceUid
    series {
      seriesInstanceUid
      added
      removed
      changed
    }
  }
}`) as unknown as TypedDocumentString<CompareQuery, CompareQueryVariables>;
export const IssueDetailDocument = new TypedDocumentString(`
    query IssueDetail($owner: String!, $name: String!, $number: Int!) {
  viewer {
    signedIn
    login
  }
  dataset(owner: $owner, name: $name) {
    fullName
    viewerRole
    labels {
      name
      description
    }
    issue(number: $number) {
      number
      title
      body
      state
      createdAt
      closedAt
      author {
        login
      }
      assignees {
        login
      }
      labels {
        name
      }
      comments(first: 100) {
        nodes {
          ...CommentFields
        }
        pageInfo {
          hasNextPage
        }
      }
    }
  }
}
    fragment CommentFields on Comment {
  id
  body
  createdAt
  updatedAt
  deleted
  author {
    login
  }
  anchor {
    commitId
    studyInstanceUid
    seriesInstanceUid
    sopInstanceUid
    frame
  }
}`) as unknown as TypedDocumentString<IssueDetailQuery, IssueDetailQueryVariables>;
export const OpenIssueDocument = new TypedDocumentString(`
    mutation OpenIssue($dataset: String!, $title: String!, $body: String) {
  openIssue(dataset: $dataset, title: $title, body: $body) {
    number
  }
}
    `) as unknown as TypedDocumentString<OpenIssueMutation, OpenIssueMutationVariables>;
export const NewIssueDocument = new TypedDocumentString(`
    query NewIssue($owner: String!, $name: String!) {
  viewer {
    signedIn
  }
  dataset(owner: $owner, name: $name) {
    fullName
  }
}
    `) as unknown as TypedDocumentString<NewIssueQuery, NewIssueQueryVariables>;
export const IssuesDocument = new TypedDocumentString(`
    query Issues($owner: String!, $name: String!, $states: [IssueState!], $label: String, $assignee: String, $after: String) {
  viewer {
    signedIn
  }
  dataset(owner: $owner, name: $name) {
    fullName
    labels {
      name
    }
    issues(
      states: $states
      label: $label
      assignee: $assignee
      first: 30
      after: $after
    ) {
      nodes {
        number
        title
        state
        createdAt
        commentCount
        author {
          login
        }
        assignees {
          login
        }
        labels {
          name
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}
    `) as unknown as TypedDocumentString<IssuesQuery, IssuesQueryVariables>;
export const MergeProposalDocument = new TypedDocumentString(`
    mutation MergeProposal($dataset: String!, $number: Int!, $method: MergeMethod!, $expectedHeadId: String) {
  mergeProposal(
    dataset: $dataset
    number: $number
    method: $method
    expectedHeadId: $expectedHeadId
  ) {
    state
  }
}
    `) as unknown as TypedDocumentString<MergeProposalMutation, MergeProposalMutationVariables>;
export const ProposalDetailDocument = new TypedDocumentString(`
    query ProposalDetail($owner: String!, $name: String!, $number: Int!) {
  viewer {
    signedIn
    login
  }
  dataset(owner: $owner, name: $name) {
    fullName
    viewerRole
    labels {
      name
    }
    proposal(number: $number) {
      number
      title
      body
      state
      sourceBranch
      sourceDataset {
        owner
        name
        fullName
      }
      targetBranch
      headCommitId
      baseCommitId
      mergeCommitId
      mergeMethod
      mergedAt
      createdAt
      closedAt
      author {
        login
      }
      mergedBy {
        login
      }
      labels {
        name
      }
      assignees {
        login
      }
      diff {
        ...DiffFields
      }
      reviews {
        id
        verdict
        body
        commitId
        createdAt
        stale
        dismissed
        reviewer {
          login
        }
      }
      comments(first: 100) {
        nodes {
          ...CommentFields
        }
        pageInfo {
          hasNextPage
        }
      }
      status {
        headCommitId
        sourceExists
        approvals
        requiredApprovals
        changesRequested
        requiredChecks
        checks {
          context
          state
          description
        }
        blockers
      }
      mergeability {
        clean
        upToDate
        canFastForward
        conflicts {
          path
        }
      }
    }
  }
}
    fragment DiffFields on Diff {
  fromId
  toId
  added
  removed
  changed
  studies {
    studyInstanceUid
    series {
      seriesInstanceUid
      added
      removed
      changed
    }
  }
}
fragment CommentFields on Comment {
  id
  body
  createdAt
  updatedAt
  deleted
  author {
    login
  }
  anchor {
    commitId
    studyInstanceUid
    seriesInstanceUid
    sopInstanceUid
    frame
  }
}`) as unknown as TypedDocumentString<ProposalDetailQuery, ProposalDetailQueryVariables>;
export const ReviewProposalDocument = new TypedDocumentString(`
    mutation ReviewProposal($dataset: String!, $number: Int!, $verdict: ReviewVerdict!, $body: String!, $commitId: String) {
  reviewProposal(
    dataset: $dataset
    number: $number
    verdict: $verdict
    body: $body
    commitId: $commitId
  ) {
    id
  }
}
    `) as unknown as TypedDocumentString<ReviewProposalMutation, ReviewProposalMutationVariables>;
export const OpenProposalDocument = new TypedDocumentString(`
    mutation OpenProposal($dataset: String!, $source: String!, $target: String!, $title: String!, $body: String!) {
  openProposal(
    dataset: $dataset
    source: $source
    target: $target
    title: $title
    body: $body
  ) {
    number
  }
}
    `) as unknown as TypedDocumentString<OpenProposalMutation, OpenProposalMutationVariables>;
export const NewProposalDocument = new TypedDocumentString(`
    query NewProposal($owner: String!, $name: String!) {
  viewer {
    signedIn
  }
  dataset(owner: $owner, name: $name) {
    fullName
    defaultBranch
    branches {
      name
    }
  }
}
    `) as unknown as TypedDocumentString<NewProposalQuery, NewProposalQueryVariables>;
export const ProposalsDocument = new TypedDocumentString(`
    query Proposals($owner: String!, $name: String!, $states: [ProposalState!], $after: String) {
  viewer {
    signedIn
  }
  dataset(owner: $owner, name: $name) {
    fullName
    proposals(states: $states, first: 20, after: $after) {
      nodes {
        number
        title
        state
        sourceBranch
        targetBranch
        createdAt
        commentCount
        reviewCount
        author {
          login
        }
        labels {
          name
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ProposalsQuery, ProposalsQueryVariables>;
export const EditReadmeDocument = new TypedDocumentString(`
    query EditReadme($owner: String!, $name: String!, $branch: String!) {
  dataset(owner: $owner, name: $name) {
    fullName
    viewerRole
    branches {
      name
    }
    commit(rev: $branch) {
      id
    }
    readme(rev: $branch) {
      path
      text
      truncated
    }
  }
}
    `) as unknown as TypedDocumentString<EditReadmeQuery, EditReadmeQueryVariables>;
export const SaveReadmeDocument = new TypedDocumentString(`
    mutation SaveReadme($dataset: String!, $branch: String!, $text: String!, $message: String, $expectedHead: String) {
  saveReadme(
    dataset: $dataset
    branch: $branch
    text: $text
    message: $message
    expectedHead: $expectedHead
  ) {
    commitId
    changed
  }
}
    `) as unknown as TypedDocumentString<SaveReadmeMutation, SaveReadmeMutationVariables>;
export const ReleaseDocument = new TypedDocumentString(`
    query Release($owner: String!, $name: String!, $tag: String!) {
  dataset(owner: $owner, name: $name) {
    fullName
    release(tag: $tag) {
      tag
      title
      notes
      commitId
      studies
      series
      instances
      bytes
      dicomwebPath
      manifestPath
      createdAt
      author {
        login
      }
      citation {
        version
        license
        doi
        authors {
          name
          affiliation
          orcid
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ReleaseQuery, ReleaseQueryVariables>;
export const NewReleaseDocument = new TypedDocumentString(`
    query NewRelease($owner: String!, $name: String!) {
  dataset(owner: $owner, name: $name) {
    fullName
    defaultBranch
    viewerRole
    branches {
      name
    }
    tags {
      name
    }
    releases(first: 100) {
      nodes {
        tag
      }
    }
  }
}
    `) as unknown as TypedDocumentString<NewReleaseQuery, NewReleaseQueryVariables>;
export const CreateReleaseDocument = new TypedDocumentString(`
    mutation CreateRelease($dataset: String!, $tag: String!, $at: String, $existingTag: Boolean!, $title: String!, $notes: String, $citation: CitationInput!) {
  createRelease(
    dataset: $dataset
    tag: $tag
    at: $at
    existingTag: $existingTag
    title: $title
    notes: $notes
    citation: $citation
  ) {
    tag
  }
}
    `) as unknown as TypedDocumentString<CreateReleaseMutation, CreateReleaseMutationVariables>;
export const ReleasesDocument = new TypedDocumentString(`
    query Releases($owner: String!, $name: String!, $after: String) {
  dataset(owner: $owner, name: $name) {
    fullName
    viewerRole
    releases(first: 30, after: $after) {
      nodes {
        tag
        title
        instances
        bytes
        createdAt
        author {
          login
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ReleasesQuery, ReleasesQueryVariables>;
export const DatasetSettingsDocument = new TypedDocumentString(`
    query DatasetSettings($owner: String!, $name: String!, $dataset: String!) {
  dataset(owner: $owner, name: $name) {
    fullName
    visibility
    members {
      grantee
      kind
      role
    }
    branchProtections {
      pattern
      requiredApprovals
      dismissStaleReviews
      blockDirectWrites
      requiredChecks
      updatedAt
    }
  }
  webhooks(dataset: $dataset) {
    id
    url
    actions
    active
    createdAt
    deliveries {
      id
      action
      state
      attempts
      responseStatus
      lastError
      createdAt
    }
  }
}
    `) as unknown as TypedDocumentString<DatasetSettingsQuery, DatasetSettingsQueryVariables>;
export const SetVisibilityDocument = new TypedDocumentString(`
    mutation SetVisibility($dataset: String!, $visibility: Visibility!) {
  setVisibility(dataset: $dataset, visibility: $visibility) {
    visibility
  }
}
    `) as unknown as TypedDocumentString<SetVisibilityMutation, SetVisibilityMutationVariables>;
export const GrantRoleDocument = new TypedDocumentString(`
    mutation GrantRole($dataset: String!, $grantee: String!, $role: Role!) {
  grantRole(dataset: $dataset, grantee: $grantee, role: $role) {
    grantee
  }
}
    `) as unknown as TypedDocumentString<GrantRoleMutation, GrantRoleMutationVariables>;
export const RevokeRoleDocument = new TypedDocumentString(`
    mutation RevokeRole($dataset: String!, $grantee: String!) {
  revokeRole(dataset: $dataset, grantee: $grantee) {
    grantee
  }
}
    `) as unknown as TypedDocumentString<RevokeRoleMutation, RevokeRoleMutationVariables>;
export const SetBranchProtectionDocument = new TypedDocumentString(`
    mutation SetBranchProtection($dataset: String!, $pattern: String!, $requiredApprovals: Int!, $dismissStaleReviews: Boolean!, $blockDirectWrites: Boolean!, $requiredChecks: [String!]!) {
  setBranchProtection(
    dataset: $dataset
    pattern: $pattern
    requiredApprovals: $requiredApprovals
    dismissStaleReviews: $dismissStaleReviews
    blockDirectWrites: $blockDirectWrites
    requiredChecks: $requiredChecks
  ) {
    pattern
  }
}
    `) as unknown as TypedDocumentString<SetBranchProtectionMutation, SetBranchProtectionMutationVariables>;
export const RemoveBranchProtectionDocument = new TypedDocumentString(`
    mutation RemoveBranchProtection($dataset: String!, $pattern: String!) {
  removeBranchProtection(dataset: $dataset, pattern: $pattern)
}
    `) as unknown as TypedDocumentString<RemoveBranchProtectionMutation, RemoveBranchProtectionMutationVariables>;
export const CreateWebhookDocument = new TypedDocumentString(`
    mutation CreateWebhook($dataset: String!, $url: String!, $actions: [String!]!, $secret: String) {
  createWebhook(dataset: $dataset, url: $url, actions: $actions, secret: $secret) {
    secret
    webhook {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<CreateWebhookMutation, CreateWebhookMutationVariables>;
export const DeleteWebhookDocument = new TypedDocumentString(`
    mutation DeleteWebhook($id: ID!) {
  deleteWebhook(id: $id)
}
    `) as unknown as TypedDocumentString<DeleteWebhookMutation, DeleteWebhookMutationVariables>;
export const RedeliverWebhookDocument = new TypedDocumentString(`
    mutation RedeliverWebhook($deliveryId: ID!) {
  redeliverWebhook(deliveryId: $deliveryId) {
    id
    state
  }
}
    `) as unknown as TypedDocumentString<RedeliverWebhookMutation, RedeliverWebhookMutationVariables>;
export const OwnerDocument = new TypedDocumentString(`
    query Owner($login: String!) {
  viewer {
    login
  }
  account(login: $login) {
    login
    displayName
    isUser
    viewerRole
    datasets {
      name
      fullName
      visibility
      viewerRole
      createdAt
    }
    members {
      login
      displayName
      role
    }
    teams {
      name
      fullName
      members
    }
  }
}
    `) as unknown as TypedDocumentString<OwnerQuery, OwnerQueryVariables>;
export const AddOrganizationMemberDocument = new TypedDocumentString(`
    mutation AddOrganizationMember($organization: String!, $login: String!, $role: OrgRole!) {
  addOrganizationMember(organization: $organization, login: $login, role: $role)
}
    `) as unknown as TypedDocumentString<AddOrganizationMemberMutation, AddOrganizationMemberMutationVariables>;
export const RemoveOrganizationMemberDocument = new TypedDocumentString(`
    mutation RemoveOrganizationMember($organization: String!, $login: String!) {
  removeOrganizationMember(organization: $organization, login: $login)
}
    `) as unknown as TypedDocumentString<RemoveOrganizationMemberMutation, RemoveOrganizationMemberMutationVariables>;
export const CreateTeamDocument = new TypedDocumentString(`
    mutation CreateTeam($organization: String!, $name: String!) {
  createTeam(organization: $organization, name: $name) {
    fullName
  }
}
    `) as unknown as TypedDocumentString<CreateTeamMutation, CreateTeamMutationVariables>;
export const AddTeamMemberDocument = new TypedDocumentString(`
    mutation AddTeamMember($team: String!, $login: String!) {
  addTeamMember(team: $team, login: $login) {
    fullName
  }
}
    `) as unknown as TypedDocumentString<AddTeamMemberMutation, AddTeamMemberMutationVariables>;
export const RemoveTeamMemberDocument = new TypedDocumentString(`
    mutation RemoveTeamMember($team: String!, $login: String!) {
  removeTeamMember(team: $team, login: $login) {
    fullName
  }
}
    `) as unknown as TypedDocumentString<RemoveTeamMemberMutation, RemoveTeamMemberMutationVariables>;
export const DeleteTeamDocument = new TypedDocumentString(`
    mutation DeleteTeam($team: String!) {
  deleteTeam(team: $team)
}
    `) as unknown as TypedDocumentString<DeleteTeamMutation, DeleteTeamMutationVariables>;
export const DatasetsDocument = new TypedDocumentString(`
    query Datasets($after: String) {
  viewer {
    signedIn
    organizations {
      login
      role
    }
  }
  datasets(first: 50, after: $after) {
    nodes {
      owner
      name
      fullName
      visibility
      defaultBranch
      createdAt
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<DatasetsQuery, DatasetsQueryVariables>;
export const CreateOrganizationDocument = new TypedDocumentString(`
    mutation CreateOrganization($login: String!) {
  createOrganization(login: $login) {
    login
  }
}
    `) as unknown as TypedDocumentString<CreateOrganizationMutation, CreateOrganizationMutationVariables>;
export const TokensDocument = new TypedDocumentString(`
    query Tokens {
  viewer {
    login
    tokens {
      id
      name
      prefix
      scope
      dataset
      expiresAt
      lastUsedAt
      revokedAt
      createdAt
    }
  }
}
    `) as unknown as TypedDocumentString<TokensQuery, TokensQueryVariables>;
export const CreateTokenDocument = new TypedDocumentString(`
    mutation CreateToken($name: String!, $scope: Role!, $dataset: String, $expiresAt: DateTimeISO) {
  createToken(
    name: $name
    scope: $scope
    dataset: $dataset
    expiresAt: $expiresAt
  ) {
    secret
    token {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<CreateTokenMutation, CreateTokenMutationVariables>;
export const RevokeTokenDocument = new TypedDocumentString(`
    mutation RevokeToken($id: ID!) {
  revokeToken(id: $id)
}
    `) as unknown as TypedDocumentString<RevokeTokenMutation, RevokeTokenMutationVariables>;
export const AuditLogDocument = new TypedDocumentString(`
    query AuditLog($dataset: String, $action: String, $actor: String, $after: String) {
  auditLog(
    dataset: $dataset
    action: $action
    actor: $actor
    after: $after
    first: 50
  ) {
    nodes {
      seq
      at
      action
      actor
      dataset
      subject
      data
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<AuditLogQuery, AuditLogQueryVariables>;
export const DatasetNavDocument = new TypedDocumentString(`
    query DatasetNav($owner: String!, $name: String!) {
  dataset(owner: $owner, name: $name) {
    defaultBranch
    viewerRole
  }
}
    `) as unknown as TypedDocumentString<DatasetNavQuery, DatasetNavQueryVariables>;
export const DatasetHomeDocument = new TypedDocumentString(`
    query DatasetHome($owner: String!, $name: String!) {
  dataset(owner: $owner, name: $name) {
    owner
    name
    fullName
    defaultBranch
    visibility
    viewerRole
    isFork
    forkedFrom {
      owner
      name
      fullName
    }
    branches {
      name
    }
    tags {
      name
    }
  }
}
    `) as unknown as TypedDocumentString<DatasetHomeQuery, DatasetHomeQueryVariables>;
export const RefCommitDocument = new TypedDocumentString(`
    query RefCommit($owner: String!, $name: String!, $rev: String!) {
  dataset(owner: $owner, name: $name) {
    commit(rev: $rev) {
      id
      shortId
      message
      author {
        name
        time
      }
      size {
        instances
        files
        bytes
      }
    }
    readme(rev: $rev) {
      path
      text
      truncated
    }
  }
}
    `) as unknown as TypedDocumentString<RefCommitQuery, RefCommitQueryVariables>;
export const DatasetEventsDocument = new TypedDocumentString(`
    subscription DatasetEvents($dataset: String!, $actions: [String!]) {
  datasetEvents(dataset: $dataset, actions: $actions) {
    seq
    action
    subject
  }
}
    `) as unknown as TypedDocumentString<DatasetEventsSubscription, DatasetEventsSubscriptionVariables>;
export const EditCommentDocument = new TypedDocumentString(`
    mutation EditComment($dataset: String!, $id: ID!, $body: String!) {
  editComment(dataset: $dataset, id: $id, body: $body) {
    id
  }
}
    `) as unknown as TypedDocumentString<EditCommentMutation, EditCommentMutationVariables>;
export const DeleteCommentDocument = new TypedDocumentString(`
    mutation DeleteComment($dataset: String!, $id: ID!) {
  deleteComment(dataset: $dataset, id: $id) {
    id
  }
}
    `) as unknown as TypedDocumentString<DeleteCommentMutation, DeleteCommentMutationVariables>;
export const AddCommentDocument = new TypedDocumentString(`
    mutation AddComment($dataset: String!, $number: Int!, $body: String!) {
  addComment(dataset: $dataset, number: $number, body: $body) {
    id
  }
}
    `) as unknown as TypedDocumentString<AddCommentMutation, AddCommentMutationVariables>;
export const DismissReviewDocument = new TypedDocumentString(`
    mutation DismissReview($dataset: String!, $number: Int!, $reviewId: ID!) {
  dismissReview(dataset: $dataset, number: $number, reviewId: $reviewId) {
    id
    dismissed
  }
}
    `) as unknown as TypedDocumentString<DismissReviewMutation, DismissReviewMutationVariables>;
export const SetLabelDocument = new TypedDocumentString(`
    mutation SetLabel($dataset: String!, $number: Int!, $label: String!, $on: Boolean!) {
  setLabel(dataset: $dataset, number: $number, label: $label, on: $on)
}
    `) as unknown as TypedDocumentString<SetLabelMutation, SetLabelMutationVariables>;
export const SetAssigneeDocument = new TypedDocumentString(`
    mutation SetAssignee($dataset: String!, $number: Int!, $login: String!, $assigned: Boolean!) {
  setAssignee(
    dataset: $dataset
    number: $number
    login: $login
    assigned: $assigned
  )
}
    `) as unknown as TypedDocumentString<SetAssigneeMutation, SetAssigneeMutationVariables>;
export const CreateLabelDocument = new TypedDocumentString(`
    mutation CreateLabel($dataset: String!, $name: String!, $color: String!, $description: String) {
  createLabel(
    dataset: $dataset
    name: $name
    color: $color
    description: $description
  ) {
    name
  }
}
    `) as unknown as TypedDocumentString<CreateLabelMutation, CreateLabelMutationVariables>;
export const CloseProposalDocument = new TypedDocumentString(`
    mutation CloseProposal($dataset: String!, $number: Int!) {
  closeProposal(dataset: $dataset, number: $number) {
    state
  }
}
    `) as unknown as TypedDocumentString<CloseProposalMutation, CloseProposalMutationVariables>;
export const ReopenProposalDocument = new TypedDocumentString(`
    mutation ReopenProposal($dataset: String!, $number: Int!) {
  reopenProposal(dataset: $dataset, number: $number) {
    state
  }
}
    `) as unknown as TypedDocumentString<ReopenProposalMutation, ReopenProposalMutationVariables>;
export const CloseIssueDocument = new TypedDocumentString(`
    mutation CloseIssue($dataset: String!, $number: Int!) {
  closeIssue(dataset: $dataset, number: $number) {
    state
  }
}
    `) as unknown as TypedDocumentString<CloseIssueMutation, CloseIssueMutationVariables>;
export const ReopenIssueDocument = new TypedDocumentString(`
    mutation ReopenIssue($dataset: String!, $number: Int!) {
  reopenIssue(dataset: $dataset, number: $number) {
    state
  }
}
    `) as unknown as TypedDocumentString<ReopenIssueMutation, ReopenIssueMutationVariables>;
export const ViewerDocument = new TypedDocumentString(`
    query Viewer {
  viewer {
    signedIn
    login
    siteAdmin
  }
}
    `) as unknown as TypedDocumentString<ViewerQuery, ViewerQueryVariables>;
export const OpenThreadsDocument = new TypedDocumentString(`
    query OpenThreads($owner: String!, $name: String!) {
  dataset(owner: $owner, name: $name) {
    proposals(states: [OPEN], first: 50) {
      nodes {
        number
        title
      }
    }
    issues(states: [OPEN], first: 50) {
      nodes {
        number
        title
      }
    }
  }
}
    `) as unknown as TypedDocumentString<OpenThreadsQuery, OpenThreadsQueryVariables>;
export const AddAnchoredCommentDocument = new TypedDocumentString(`
    mutation AddAnchoredComment($dataset: String!, $number: Int!, $body: String!, $anchor: AnchorInput!) {
  addComment(dataset: $dataset, number: $number, body: $body, anchor: $anchor) {
    id
  }
}
    `) as unknown as TypedDocumentString<AddAnchoredCommentMutation, AddAnchoredCommentMutationVariables>;