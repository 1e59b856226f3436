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
    "\n  query Release($owner: String!, $name: String!, $tag: String!) {\n    dataset(owner: $owner, name: $name) {\n      fullName\n      release(tag: $tag) {\n        tag\n        title\n        notes\n        commitId\n        studies\n        series\n        instances\n        bytes\n        dicomwebPath\n        manifestPath\n        createdAt\n        author {\n          login\n        }\n        citation {\n          version\n          license\n          doi\n          authors {\n            name\n            affiliation\n            orcid\n          }\n        }\n      }\n    }\n  }\n": typeof types.ReleaseDocument,
    "\n  query NewRelease($owner: String!, $name: String!) {\n    dataset(owner: $owner, name: $name) {\n      fullName\n      defaultBranch\n      viewerRole\n      branches {\n        name\n      }\n      tags {\n        name\n      }\n      releases(first: 100) {\n        nodes {\n          tag\n        }\n      }\n    }\n  }\n": typeof types.NewReleaseDocument,
    "\n  mutation CreateRelease(\n    $dataset: String!\n    $tag: String!\n    $at: String\n    $existingTag: Boolean!\n    $title: String!\n    $notes: String\n    $citation: CitationInput!\n  ) {\n    createRelease(\n      dataset: $dataset\n      tag: $tag\n      at: $at\n      existingTag: $existingTag\n      title: $title\n      notes: $notes\n      citation: $citation\n    ) {\n      tag\n    }\n  }\n": typeof types.CreateReleaseDocument,
    "\n  query Releases($owner: String!, $name: String!, $after: String) {\n    dataset(owner: $owner, name: $name) {\n      fullName\n      viewerRole\n      releases(first: 30, after: $after) {\n        nodes {\n          tag\n          title\n          instances\n          bytes\n          createdAt\n          author {\n            login\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.ReleasesDocument,
    "\n  query DatasetSettings($owner: String!, $name: String!, $dataset: String!) {\n    dataset(owner: $owner, name: $name) {\n      fullName\n      visibility\n      members {\n        grantee\n        kind\n        role\n      }\n      branchProtections {\n        pattern\n        requiredApprovals\n        dismissStaleReviews\n        blockDirectWrites\n        requiredChecks\n        updatedAt\n      }\n    }\n    webhooks(dataset: $dataset) {\n      id\n      url\n      actions\n      active\n      createdAt\n      deliveries {\n        id\n        action\n        state\n        attempts\n        responseStatus\n        lastError\n        createdAt\n      }\n    }\n  }\n": typeof types.DatasetSettingsDocument,
    "\n  mutation SetVisibility($dataset: String!, $visibility: Visibility!) {\n    setVisibility(dataset: $dataset, visibility: $visibility) {\n      visibility\n    }\n  }\n": typeof types.SetVisibilityDocument,
    "\n  mutation GrantRole($dataset: String!, $grantee: String!, $role: Role!) {\n    grantRole(dataset: $dataset, grantee: $grantee, role: $role) {\n      grantee\n    }\n  }\n": typeof types.GrantRoleDocument,
    "\n  mutation RevokeRole($dataset: String!, $grantee: String!) {\n    revokeRole(dataset: $dataset, grantee: $grantee) {\n      grantee\n    }\n  }\n": typeof types.RevokeRoleDocument,
    "\n  mutation SetBranchProtection(\n    $dataset: String!\n    $pattern: String!\n    $requiredApprovals: Int!\n    $dismissStaleReviews: Boolean!\n    $blockDirectWrites: Boolean!\n    $requiredChecks: [String!]!\n  ) {\n    setBranchProtection(\n      dataset: $dataset\n      pattern: $pattern\n      requiredApprovals: $requiredApprovals\n      dismissStaleReviews: $dismissStaleReviews\n      blockDirectWrites: $blockDirectWrites\n      requiredChecks: $requiredChecks\n    ) {\n      pattern\n    }\n  }\n": typeof types.SetBranchProtectionDocument,
    "\n  mutation RemoveBranchProtection($dataset: String!, $pattern: String!) {\n    removeBranchProtection(dataset: $dataset, pattern: $pattern)\n  }\n": typeof types.RemoveBranchProtectionDocument,
    "\n  mutation CreateWebhook($dataset: String!, $url: String!, $actions: [String!]!, $secret: String) {\n    createWebhook(dataset: $dataset, url: $url, actions: $actions, secret: $secret) {\n      secret\n      webhook {\n        id\n      }\n    }\n  }\n": typeof types.CreateWebhookDocument,
    "\n  mutation DeleteWebhook($id: ID!) {\n    deleteWebhook(id: $id)\n  }\n": typeof types.DeleteWebhookDocument,
    "\n  query Owner($login: String!) {\n    account(login: $login) {\n      login\n      displayName\n      isUser\n      viewerRole\n      datasets {\n        name\n        fullName\n        visibility\n        viewerRole\n        createdAt\n      }\n      members {\n        login\n        displayName\n        role\n      }\n      teams {\n        name\n        fullName\n        members\n      }\n    }\n  }\n": typeof types.OwnerDocument,
    "\n  mutation AddOrganizationMember($organization: String!, $login: String!, $role: OrgRole!) {\n    addOrganizationMember(organization: $organization, login: $login, role: $role)\n  }\n": typeof types.AddOrganizationMemberDocument,
    "\n  mutation CreateTeam($organization: String!, $name: String!) {\n    createTeam(organization: $organization, name: $name) {\n      fullName\n    }\n  }\n": typeof types.CreateTeamDocument,
    "\n  mutation AddTeamMember($team: String!, $login: String!) {\n    addTeamMember(team: $team, login: $login) {\n      fullName\n    }\n  }\n": typeof types.AddTeamMemberDocument,
    "\n  query Datasets($after: String) {\n    viewer {\n      signedIn\n      organizations {\n        login\n        role\n      }\n    }\n    datasets(first: 50, after: $after) {\n      nodes {\n        owner\n        name\n        fullName\n        visibility\n        defaultBranch\n        createdAt\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.DatasetsDocument,
    "\n  mutation CreateOrganization($login: String!) {\n    createOrganization(login: $login) {\n      login\n    }\n  }\n": typeof types.CreateOrganizationDocument,
    "\n  query Tokens {\n    viewer {\n      login\n      tokens {\n        id\n        name\n        prefix\n        scope\n        dataset\n        expiresAt\n        lastUsedAt\n        revokedAt\n        createdAt\n      }\n    }\n  }\n": typeof types.TokensDocument,
    "\n  mutation CreateToken($name: String!, $scope: Role!, $dataset: String, $expiresAt: DateTimeISO) {\n    createToken(name: $name, scope: $scope, dataset: $dataset, expiresAt: $expiresAt) {\n      secret\n      token {\n        id\n      }\n    }\n  }\n": typeof types.CreateTokenDocument,
    "\n  mutation RevokeToken($id: ID!) {\n    revokeToken(id: $id)\n  }\n": typeof types.RevokeTokenDocument,
    "\n  query AuditLog($dataset: String, $action: String, $actor: String, $after: String) {\n    auditLog(dataset: $dataset, action: $action, actor: $actor, after: $after, first: 50) {\n      nodes {\n        seq\n        at\n        action\n        actor\n        dataset\n        subject\n        data\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.AuditLogDocument,
    "\n  query DatasetNav($owner: String!, $name: String!) {\n    dataset(owner: $owner, name: $name) {\n      defaultBranch\n      viewerRole\n    }\n  }\n": typeof types.DatasetNavDocument,
    "\n  query DatasetHome($owner: String!, $name: String!) {\n    dataset(owner: $owner, name: $name) {\n      owner\n      name\n      fullName\n      defaultBranch\n      visibility\n      viewerRole\n      isFork\n      forkedFrom {\n        owner\n        name\n        fullName\n      }\n      branches {\n        name\n      }\n      tags {\n        name\n      }\n    }\n  }\n": typeof types.DatasetHomeDocument,
    "\n  query RefCommit($owner: String!, $name: String!, $rev: String!) {\n    dataset(owner: $owner, name: $name) {\n      commit(rev: $rev) {\n        id\n        shortId\n        message\n        author {\n          name\n          time\n        }\n        size {\n          instances\n          files\n          bytes\n        }\n      }\n      readme(rev: $rev) {\n        path\n        text\n        truncated\n      }\n    }\n  }\n": typeof types.RefCommitDocument,
    "\n  query Viewer {\n    viewer {\n      signedIn\n      login\n      siteAdmin\n    }\n  }\n": typeof types.ViewerDocument,
};
const documents: Documents = {
    "\n  query History($owner: String!, $name: String!, $rev: String!, $after: String) {\n    dataset(owner: $owner, name: $name) {\n      fullName\n      history(rev: $rev, first: 30, after: $after) {\n        nodes {\n          id\n          shortId\n          message\n          author {\n            name\n            time\n          }\n          parentIds\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.HistoryDocument,
    "\n  query Release($owner: String!, $name: String!, $tag: String!) {\n    dataset(owner: $owner, name: $name) {\n      fullName\n      release(tag: $tag) {\n        tag\n        title\n        notes\n        commitId\n        studies\n        series\n        instances\n        bytes\n        dicomwebPath\n        manifestPath\n        createdAt\n        author {\n          login\n        }\n        citation {\n          version\n          license\n          doi\n          authors {\n            name\n            affiliation\n            orcid\n          }\n        }\n      }\n    }\n  }\n": types.ReleaseDocument,
    "\n  query NewRelease($owner: String!, $name: String!) {\n    dataset(owner: $owner, name: $name) {\n      fullName\n      defaultBranch\n      viewerRole\n      branches {\n        name\n      }\n      tags {\n        name\n      }\n      releases(first: 100) {\n        nodes {\n          tag\n        }\n      }\n    }\n  }\n": types.NewReleaseDocument,
    "\n  mutation CreateRelease(\n    $dataset: String!\n    $tag: String!\n    $at: String\n    $existingTag: Boolean!\n    $title: String!\n    $notes: String\n    $citation: CitationInput!\n  ) {\n    createRelease(\n      dataset: $dataset\n      tag: $tag\n      at: $at\n      existingTag: $existingTag\n      title: $title\n      notes: $notes\n      citation: $citation\n    ) {\n      tag\n    }\n  }\n": types.CreateReleaseDocument,
    "\n  query Releases($owner: String!, $name: String!, $after: String) {\n    dataset(owner: $owner, name: $name) {\n      fullName\n      viewerRole\n      releases(first: 30, after: $after) {\n        nodes {\n          tag\n          title\n          instances\n          bytes\n          createdAt\n          author {\n            login\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.ReleasesDocument,
    "\n  query DatasetSettings($owner: String!, $name: String!, $dataset: String!) {\n    dataset(owner: $owner, name: $name) {\n      fullName\n      visibility\n      members {\n        grantee\n        kind\n        role\n      }\n      branchProtections {\n        pattern\n        requiredApprovals\n        dismissStaleReviews\n        blockDirectWrites\n        requiredChecks\n        updatedAt\n      }\n    }\n    webhooks(dataset: $dataset) {\n      id\n      url\n      actions\n      active\n      createdAt\n      deliveries {\n        id\n        action\n        state\n        attempts\n        responseStatus\n        lastError\n        createdAt\n      }\n    }\n  }\n": types.DatasetSettingsDocument,
    "\n  mutation SetVisibility($dataset: String!, $visibility: Visibility!) {\n    setVisibility(dataset: $dataset, visibility: $visibility) {\n      visibility\n    }\n  }\n": types.SetVisibilityDocument,
    "\n  mutation GrantRole($dataset: String!, $grantee: String!, $role: Role!) {\n    grantRole(dataset: $dataset, grantee: $grantee, role: $role) {\n      grantee\n    }\n  }\n": types.GrantRoleDocument,
    "\n  mutation RevokeRole($dataset: String!, $grantee: String!) {\n    revokeRole(dataset: $dataset, grantee: $grantee) {\n      grantee\n    }\n  }\n": types.RevokeRoleDocument,
    "\n  mutation SetBranchProtection(\n    $dataset: String!\n    $pattern: String!\n    $requiredApprovals: Int!\n    $dismissStaleReviews: Boolean!\n    $blockDirectWrites: Boolean!\n    $requiredChecks: [String!]!\n  ) {\n    setBranchProtection(\n      dataset: $dataset\n      pattern: $pattern\n      requiredApprovals: $requiredApprovals\n      dismissStaleReviews: $dismissStaleReviews\n      blockDirectWrites: $blockDirectWrites\n      requiredChecks: $requiredChecks\n    ) {\n      pattern\n    }\n  }\n": types.SetBranchProtectionDocument,
    "\n  mutation RemoveBranchProtection($dataset: String!, $pattern: String!) {\n    removeBranchProtection(dataset: $dataset, pattern: $pattern)\n  }\n": types.RemoveBranchProtectionDocument,
    "\n  mutation CreateWebhook($dataset: String!, $url: String!, $actions: [String!]!, $secret: String) {\n    createWebhook(dataset: $dataset, url: $url, actions: $actions, secret: $secret) {\n      secret\n      webhook {\n        id\n      }\n    }\n  }\n": types.CreateWebhookDocument,
    "\n  mutation DeleteWebhook($id: ID!) {\n    deleteWebhook(id: $id)\n  }\n": types.DeleteWebhookDocument,
    "\n  query Owner($login: String!) {\n    account(login: $login) {\n      login\n      displayName\n      isUser\n      viewerRole\n      datasets {\n        name\n        fullName\n        visibility\n        viewerRole\n        createdAt\n      }\n      members {\n        login\n        displayName\n        role\n      }\n      teams {\n        name\n        fullName\n        members\n      }\n    }\n  }\n": types.OwnerDocument,
    "\n  mutation AddOrganizationMember($organization: String!, $login: String!, $role: OrgRole!) {\n    addOrganizationMember(organization: $organization, login: $login, role: $role)\n  }\n": types.AddOrganizationMemberDocument,
    "\n  mutation CreateTeam($organization: String!, $name: String!) {\n    createTeam(organization: $organization, name: $name) {\n      fullName\n    }\n  }\n": types.CreateTeamDocument,
    "\n  mutation AddTeamMember($team: String!, $login: String!) {\n    addTeamMember(team: $team, login: $login) {\n      fullName\n    }\n  }\n": types.AddTeamMemberDocument,
    "\n  query Datasets($after: String) {\n    viewer {\n      signedIn\n      organizations {\n        login\n        role\n      }\n    }\n    datasets(first: 50, after: $after) {\n      nodes {\n        owner\n        name\n        fullName\n        visibility\n        defaultBranch\n        createdAt\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.DatasetsDocument,
    "\n  mutation CreateOrganization($login: String!) {\n    createOrganization(login: $login) {\n      login\n    }\n  }\n": types.CreateOrganizationDocument,
    "\n  query Tokens {\n    viewer {\n      login\n      tokens {\n        id\n        name\n        prefix\n        scope\n        dataset\n        expiresAt\n        lastUsedAt\n        revokedAt\n        createdAt\n      }\n    }\n  }\n": types.TokensDocument,
    "\n  mutation CreateToken($name: String!, $scope: Role!, $dataset: String, $expiresAt: DateTimeISO) {\n    createToken(name: $name, scope: $scope, dataset: $dataset, expiresAt: $expiresAt) {\n      secret\n      token {\n        id\n      }\n    }\n  }\n": types.CreateTokenDocument,
    "\n  mutation RevokeToken($id: ID!) {\n    revokeToken(id: $id)\n  }\n": types.RevokeTokenDocument,
    "\n  query AuditLog($dataset: String, $action: String, $actor: String, $after: String) {\n    auditLog(dataset: $dataset, action: $action, actor: $actor, after: $after, first: 50) {\n      nodes {\n        seq\n        at\n        action\n        actor\n        dataset\n        subject\n        data\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.AuditLogDocument,
    "\n  query DatasetNav($owner: String!, $name: String!) {\n    dataset(owner: $owner, name: $name) {\n      defaultBranch\n      viewerRole\n    }\n  }\n": types.DatasetNavDocument,
    "\n  query DatasetHome($owner: String!, $name: String!) {\n    dataset(owner: $owner, name: $name) {\n      owner\n      name\n      fullName\n      defaultBranch\n      visibility\n      viewerRole\n      isFork\n      forkedFrom {\n        owner\n        name\n        fullName\n      }\n      branches {\n        name\n      }\n      tags {\n        name\n      }\n    }\n  }\n": types.DatasetHomeDocument,
    "\n  query RefCommit($owner: String!, $name: String!, $rev: String!) {\n    dataset(owner: $owner, name: $name) {\n      commit(rev: $rev) {\n        id\n        shortId\n        message\n        author {\n          name\n          time\n        }\n        size {\n          instances\n          files\n          bytes\n        }\n      }\n      readme(rev: $rev) {\n        path\n        text\n        truncated\n      }\n    }\n  }\n": types.RefCommitDocument,
    "\n  query Viewer {\n    viewer {\n      signedIn\n      login\n      siteAdmin\n    }\n  }\n": types.ViewerDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query History($owner: String!, $name: String!, $rev: String!, $after: String) {\n    dataset(owner: $owner, name: $name) {\n      fullName\n      history(rev: $rev, first: 30, after: $after) {\n        nodes {\n          id\n          shortId\n          message\n          author {\n            name\n            time\n          }\n          parentIds\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').HistoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Release($owner: String!, $name: String!, $tag: String!) {\n    dataset(owner: $owner, name: $name) {\n      fullName\n      release(tag: $tag) {\n        tag\n        title\n        notes\n        commitId\n        studies\n        series\n        instances\n        bytes\n        dicomwebPath\n        manifestPath\n        createdAt\n        author {\n          login\n        }\n        citation {\n          version\n          license\n          doi\n          authors {\n            name\n            affiliation\n            orcid\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ReleaseDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NewRelease($owner: String!, $name: String!) {\n    dataset(owner: $owner, name: $name) {\n      fullName\n      defaultBranch\n      viewerRole\n      branches {\n        name\n      }\n      tags {\n        name\n      }\n      releases(first: 100) {\n        nodes {\n          tag\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').NewReleaseDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateRelease(\n    $dataset: String!\n    $tag: String!\n    $at: String\n    $existingTag: Boolean!\n    $title: String!\n    $notes: String\n    $citation: CitationInput!\n  ) {\n    createRelease(\n      dataset: $dataset\n      tag: $tag\n      at: $at\n      existingTag: $existingTag\n      title: $title\n      notes: $notes\n      citation: $citation\n    ) {\n      tag\n    }\n  }\n"): typeof import('./graphql').CreateReleaseDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Releases($owner: String!, $name: String!, $after: String) {\n    dataset(owner: $owner, name: $name) {\n      fullName\n      viewerRole\n      releases(first: 30, after: $after) {\n        nodes {\n          tag\n          title\n          instances\n          bytes\n          createdAt\n          author {\n            login\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ReleasesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DatasetSettings($owner: String!, $name: String!, $dataset: String!) {\n    dataset(owner: $owner, name: $name) {\n      fullName\n      visibility\n      members {\n        grantee\n        kind\n        role\n      }\n      branchProtections {\n        pattern\n        requiredApprovals\n        dismissStaleReviews\n        blockDirectWrites\n        requiredChecks\n        updatedAt\n      }\n    }\n    webhooks(dataset: $dataset) {\n      id\n      url\n      actions\n      active\n      createdAt\n      deliveries {\n        id\n        action\n        state\n        attempts\n        responseStatus\n        lastError\n        createdAt\n      }\n    }\n  }\n"): typeof import('./graphql').DatasetSettingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetVisibility($dataset: String!, $visibility: Visibility!) {\n    setVisibility(dataset: $dataset, visibility: $visibility) {\n      visibility\n    }\n  }\n"): typeof import('./graphql').SetVisibilityDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GrantRole($dataset: String!, $grantee: String!, $role: Role!) {\n    grantRole(dataset: $dataset, grantee: $grantee, role: $role) {\n      grantee\n    }\n  }\n"): typeof import('./graphql').GrantRoleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeRole($dataset: String!, $grantee: String!) {\n    revokeRole(dataset: $dataset, grantee: $grantee) {\n      grantee\n    }\n  }\n"): typeof import('./graphql').RevokeRoleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetBranchProtection(\n    $dataset: String!\n    $pattern: String!\n    $requiredApprovals: Int!\n    $dismissStaleReviews: Boolean!\n    $blockDirectWrites: Boolean!\n    $requiredChecks: [String!]!\n  ) {\n    setBranchProtection(\n      dataset: $dataset\n      pattern: $pattern\n      requiredApprovals: $requiredApprovals\n      dismissStaleReviews: $dismissStaleReviews\n      blockDirectWrites: $blockDirectWrites\n      requiredChecks: $requiredChecks\n    ) {\n      pattern\n    }\n  }\n"): typeof import('./graphql').SetBranchProtectionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveBranchProtection($dataset: String!, $pattern: String!) {\n    removeBranchProtection(dataset: $dataset, pattern: $pattern)\n  }\n"): typeof import('./graphql').RemoveBranchProtectionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWebhook($dataset: String!, $url: String!, $actions: [String!]!, $secret: String) {\n    createWebhook(dataset: $dataset, url: $url, actions: $actions, secret: $secret) {\n      secret\n      webhook {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').CreateWebhookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteWebhook($id: ID!) {\n    deleteWebhook(id: $id)\n  }\n"): typeof import('./graphql').DeleteWebhookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Owner($login: String!) {\n    account(login: $login) {\n      login\n      displayName\n      isUser\n      viewerRole\n      datasets {\n        name\n        fullName\n        visibility\n        viewerRole\n        createdAt\n      }\n      members {\n        login\n        displayName\n        role\n      }\n      teams {\n        name\n        fullName\n        members\n      }\n    }\n  }\n"): typeof import('./graphql').OwnerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddOrganizationMember($organization: String!, $login: String!, $role: OrgRole!) {\n    addOrganizationMember(organization: $organization, login: $login, role: $role)\n  }\n"): typeof import('./graphql').AddOrganizationMemberDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateTeam($organization: String!, $name: String!) {\n    createTeam(organization: $organization, name: $name) {\n      fullName\n    }\n  }\n"): typeof import('./graphql').CreateTeamDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddTeamMember($team: String!, $login: String!) {\n    addTeamMember(team: $team, login: $login) {\n      fullName\n    }\n  }\n"): typeof import('./graphql').AddTeamMemberDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Datasets($after: String) {\n    viewer {\n      signedIn\n      organizations {\n        login\n        role\n      }\n    }\n    datasets(first: 50, after: $after) {\n      nodes {\n        owner\n        name\n        fullName\n        visibility\n        defaultBranch\n        createdAt\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').DatasetsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateOrganization($login: String!) {\n    createOrganization(login: $login) {\n      login\n    }\n  }\n"): typeof import('./graphql').CreateOrganizationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Tokens {\n    viewer {\n      login\n      tokens {\n        id\n        name\n        prefix\n        scope\n        dataset\n        expiresAt\n        lastUsedAt\n        revokedAt\n        createdAt\n      }\n    }\n  }\n"): typeof import('./graphql').TokensDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateToken($name: String!, $scope: Role!, $dataset: String, $expiresAt: DateTimeISO) {\n    createToken(name: $name, scope: $scope, dataset: $dataset, expiresAt: $expiresAt) {\n      secret\n      token {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').CreateTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeToken($id: ID!) {\n    revokeToken(id: $id)\n  }\n"): typeof import('./graphql').RevokeTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLog($dataset: String, $action: String, $actor: String, $after: String) {\n    auditLog(dataset: $dataset, action: $action, actor: $actor, after: $after, first: 50) {\n      nodes {\n        seq\n        at\n        action\n        actor\n        dataset\n        subject\n        data\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').AuditLogDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DatasetNav($owner: String!, $name: String!) {\n    dataset(owner: $owner, name: $name) {\n      defaultBranch\n      viewerRole\n    }\n  }\n"): typeof import('./graphql').DatasetNavDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DatasetHome($owner: String!, $name: String!) {\n    dataset(owner: $owner, name: $name) {\n      owner\n      name\n      fullName\n      defaultBranch\n      visibility\n      viewerRole\n      isFork\n      forkedFrom {\n        owner\n        name\n        fullName\n      }\n      branches {\n        name\n      }\n      tags {\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').DatasetHomeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RefCommit($owner: String!, $name: String!, $rev: String!) {\n    dataset(owner: $owner, name: $name) {\n      commit(rev: $rev) {\n        id\n        shortId\n        message\n        author {\n          name\n          time\n        }\n        size {\n          instances\n          files\n          bytes\n        }\n      }\n      readme(rev: $rev) {\n        path\n        text\n        truncated\n      }\n    }\n  }\n"): typeof import('./graphql').RefCommitDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    viewer {\n      signedIn\n      login\n      siteAdmin\n    }\n  }\n"): typeof import('./graphql').ViewerDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
