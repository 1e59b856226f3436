/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
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

export type HistoryQueryVariables = Exact<{
  owner: string;
  name: string;
  rev: string;
  after?: string | null | undefined;
}>;


export type HistoryQuery = { dataset: { fullName: string, history: { nodes: Array<{ id: string, shortId: string, message: string, parentIds: Array<string>, author: { name: string, time: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } };

export type DatasetsQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type DatasetsQuery = { viewer: { signedIn: boolean }, datasets: { nodes: Array<{ owner: string, name: string, fullName: string, visibility: Visibility, defaultBranch: string, createdAt: string }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

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


export type RefCommitQuery = { dataset: { commit: { id: string, shortId: string, message: string, author: { name: string, time: string } } } };

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
export const DatasetsDocument = new TypedDocumentString(`
    query Datasets($after: String) {
  viewer {
    signedIn
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