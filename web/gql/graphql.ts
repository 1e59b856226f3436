/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
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

/** OWNER: administers the organization and its datasets; MEMBER: reads its datasets. */
export type OrgRole =
  | 'MEMBER'
  | 'OWNER';

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

export type HistoryQueryVariables = Exact<{
  owner: string;
  name: string;
  rev: string;
  after?: string | null | undefined;
}>;


export type HistoryQuery = { dataset: { fullName: string, history: { nodes: Array<{ id: string, shortId: string, message: string, parentIds: Array<string>, author: { name: string, time: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } };

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

export type OwnerQueryVariables = Exact<{
  login: string;
}>;


export type OwnerQuery = { account: { login: string, displayName: string | null, isUser: boolean, viewerRole: OrgRole | null, datasets: Array<{ name: string, fullName: string, visibility: Visibility, viewerRole: Role, createdAt: string }>, members: Array<{ login: string, displayName: string | null, role: OrgRole }> | null, teams: Array<{ name: string, fullName: string, members: Array<string> }> | null } };

export type AddOrganizationMemberMutationVariables = Exact<{
  organization: string;
  login: string;
  role: OrgRole;
}>;


export type AddOrganizationMemberMutation = { addOrganizationMember: boolean };

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

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { viewer: { signedIn: boolean, login: string | null, siteAdmin: boolean } };

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
export const OwnerDocument = new TypedDocumentString(`
    query Owner($login: String!) {
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
export const ViewerDocument = new TypedDocumentString(`
    query Viewer {
  viewer {
    signedIn
    login
    siteAdmin
  }
}
    `) as unknown as TypedDocumentString<ViewerQuery, ViewerQueryVariables>;