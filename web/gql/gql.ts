/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query History($owner: String!, $name: String!, $rev: String!, $after: String) {\n    dataset(owner: $owner, name: $name) {\n      fullName\n      history(rev: $rev, first: 30, after: $after) {\n        nodes {\n          id\n          shortId\n          message\n          author {\n            name\n            time\n          }\n          parentIds\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.HistoryDocument,
    "\n  query Datasets($after: String) {\n    viewer {\n      signedIn\n    }\n    datasets(first: 50, after: $after) {\n      nodes {\n        owner\n        name\n        fullName\n        visibility\n        defaultBranch\n        createdAt\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.DatasetsDocument,
    "\n  query DatasetHome($owner: String!, $name: String!) {\n    dataset(owner: $owner, name: $name) {\n      owner\n      name\n      fullName\n      defaultBranch\n      visibility\n      viewerRole\n      isFork\n      forkedFrom {\n        owner\n        name\n        fullName\n      }\n      branches {\n        name\n      }\n      tags {\n        name\n      }\n    }\n  }\n": typeof types.DatasetHomeDocument,
    "\n  query RefCommit($owner: String!, $name: String!, $rev: String!) {\n    dataset(owner: $owner, name: $name) {\n      commit(rev: $rev) {\n        id\n        shortId\n        message\n        author {\n          name\n          time\n        }\n      }\n    }\n  }\n": typeof types.RefCommitDocument,
    "\n  query Viewer {\n    viewer {\n      signedIn\n      login\n      siteAdmin\n    }\n  }\n": typeof types.ViewerDocument,
};
const documents: Documents = {
    "\n  query History($owner: String!, $name: String!, $rev: String!, $after: String) {\n    dataset(owner: $owner, name: $name) {\n      fullName\n      history(rev: $rev, first: 30, after: $after) {\n        nodes {\n          id\n          shortId\n          message\n          author {\n            name\n            time\n          }\n          parentIds\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.HistoryDocument,
    "\n  query Datasets($after: String) {\n    viewer {\n      signedIn\n    }\n    datasets(first: 50, after: $after) {\n      nodes {\n        owner\n        name\n        fullName\n        visibility\n        defaultBranch\n        createdAt\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.DatasetsDocument,
    "\n  query DatasetHome($owner: String!, $name: String!) {\n    dataset(owner: $owner, name: $name) {\n      owner\n      name\n      fullName\n      defaultBranch\n      visibility\n      viewerRole\n      isFork\n      forkedFrom {\n        owner\n        name\n        fullName\n      }\n      branches {\n        name\n      }\n      tags {\n        name\n      }\n    }\n  }\n": types.DatasetHomeDocument,
    "\n  query RefCommit($owner: String!, $name: String!, $rev: String!) {\n    dataset(owner: $owner, name: $name) {\n      commit(rev: $rev) {\n        id\n        shortId\n        message\n        author {\n          name\n          time\n        }\n      }\n    }\n  }\n": types.RefCommitDocument,
    "\n  query Viewer {\n    viewer {\n      signedIn\n      login\n      siteAdmin\n    }\n  }\n": types.ViewerDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query History($owner: String!, $name: String!, $rev: String!, $after: String) {\n    dataset(owner: $owner, name: $name) {\n      fullName\n      history(rev: $rev, first: 30, after: $after) {\n        nodes {\n          id\n          shortId\n          message\n          author {\n            name\n            time\n          }\n          parentIds\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').HistoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Datasets($after: String) {\n    viewer {\n      signedIn\n    }\n    datasets(first: 50, after: $after) {\n      nodes {\n        owner\n        name\n        fullName\n        visibility\n        defaultBranch\n        createdAt\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').DatasetsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DatasetHome($owner: String!, $name: String!) {\n    dataset(owner: $owner, name: $name) {\n      owner\n      name\n      fullName\n      defaultBranch\n      visibility\n      viewerRole\n      isFork\n      forkedFrom {\n        owner\n        name\n        fullName\n      }\n      branches {\n        name\n      }\n      tags {\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').DatasetHomeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RefCommit($owner: String!, $name: String!, $rev: String!) {\n    dataset(owner: $owner, name: $name) {\n      commit(rev: $rev) {\n        id\n        shortId\n        message\n        author {\n          name\n          time\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').RefCommitDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    viewer {\n      signedIn\n      login\n      siteAdmin\n    }\n  }\n"): typeof import('./graphql').ViewerDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
