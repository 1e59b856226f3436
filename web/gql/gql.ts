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
    "\n  query CommitDetail($owner: String!, $name: String!, $rev: String!) {\n    dataset(owner: $owner, name: $name) {\n      fullName\n      commit(rev: $rev) {\n        id\n        shortId\n        message\n        author {\n          name\n          email\n          time\n        }\n        committer {\n          name\n          time\n        }\n        parents {\n          id\n          shortId\n          message\n        }\n      }\n    }\n  }\n": typeof types.CommitDetailDocument,
    "\n  query CommitDiff($owner: String!, $name: String!, $from: String!, $to: String!) {\n    dataset(owner: $owner, name: $name) {\n      diff(from: $from, to: $to) {\n        ...DiffFields\n      }\n    }\n  }\n": typeof types.CommitDiffDocument,
    "\n  query History($owner: String!, $name: String!, $rev: String!, $after: String) {\n    dataset(owner: $owner, name: $name) {\n      fullName\n      history(rev: $rev, first: 30, after: $after) {\n        nodes {\n          id\n          shortId\n          message\n          author {\n            name\n            time\n          }\n          parentIds\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.HistoryDocument,
    "\n  query Compare($owner: String!, $name: String!, $from: String!, $to: String!) {\n    dataset(owner: $owner, name: $name) {\n      fullName\n      diff(from: $from, to: $to) {\n        ...DiffFields\n      }\n    }\n  }\n": typeof types.CompareDocument,
    "\n  query IssueDetail($owner: String!, $name: String!, $number: Int!) {\n    viewer {\n      signedIn\n      login\n    }\n    dataset(owner: $owner, name: $name) {\n      fullName\n      viewerRole\n      labels {\n        name\n        description\n      }\n      issue(number: $number) {\n        number\n        title\n        body\n        state\n        createdAt\n        closedAt\n        author {\n          login\n        }\n        assignees {\n          login\n        }\n        labels {\n          name\n        }\n        comments(first: 100) {\n          nodes {\n            ...CommentFields\n          }\n          pageInfo {\n            hasNextPage\n          }\n        }\n      }\n    }\n  }\n": typeof types.IssueDetailDocument,
    "\n  mutation OpenIssue($dataset: String!, $title: String!, $body: String) {\n    openIssue(dataset: $dataset, title: $title, body: $body) {\n      number\n    }\n  }\n": typeof types.OpenIssueDocument,
    "\n  query NewIssue($owner: String!, $name: String!) {\n    viewer {\n      signedIn\n    }\n    dataset(owner: $owner, name: $name) {\n      fullName\n    }\n  }\n": typeof types.NewIssueDocument,
    "\n  query Issues(\n    $owner: String!\n    $name: String!\n    $states: [IssueState!]\n    $label: String\n    $assignee: String\n    $after: String\n  ) {\n    viewer {\n      signedIn\n    }\n    dataset(owner: $owner, name: $name) {\n      fullName\n      labels {\n        name\n      }\n      issues(states: $states, label: $label, assignee: $assignee, first: 30, after: $after) {\n        nodes {\n          number\n          title\n          state\n          createdAt\n          commentCount\n          author {\n            login\n          }\n          assignees {\n            login\n          }\n          labels {\n            name\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.IssuesDocument,
    "\n  mutation MergeProposal($dataset: String!, $number: Int!, $method: MergeMethod!, $expectedHeadId: String) {\n    mergeProposal(dataset: $dataset, number: $number, method: $method, expectedHeadId: $expectedHeadId) {\n      state\n    }\n  }\n": typeof types.MergeProposalDocument,
    "\n  query ProposalDetail($owner: String!, $name: String!, $number: Int!) {\n    viewer {\n      signedIn\n      login\n    }\n    dataset(owner: $owner, name: $name) {\n      fullName\n      viewerRole\n      labels {\n        name\n      }\n      proposal(number: $number) {\n        number\n        title\n        body\n        state\n        sourceBranch\n        sourceDataset {\n          owner\n          name\n          fullName\n        }\n        targetBranch\n        headCommitId\n        baseCommitId\n        mergeCommitId\n        mergeMethod\n        mergedAt\n        createdAt\n        closedAt\n        author {\n          login\n        }\n        mergedBy {\n          login\n        }\n        labels {\n          name\n        }\n        assignees {\n          login\n        }\n        diff {\n          ...DiffFields\n        }\n        reviews {\n          id\n          verdict\n          body\n          commitId\n          createdAt\n          stale\n          dismissed\n          reviewer {\n            login\n          }\n        }\n        comments(first: 100) {\n          nodes {\n            ...CommentFields\n          }\n          pageInfo {\n            hasNextPage\n          }\n        }\n        status {\n          headCommitId\n          sourceExists\n          approvals\n          requiredApprovals\n          changesRequested\n          requiredChecks\n          checks {\n            context\n            state\n            description\n          }\n          blockers\n        }\n        mergeability {\n          clean\n          upToDate\n          canFastForward\n          conflicts {\n            path\n          }\n        }\n      }\n    }\n  }\n": typeof types.ProposalDetailDocument,
    "\n  mutation ReviewProposal(\n    $dataset: String!\n    $number: Int!\n    $verdict: ReviewVerdict!\n    $body: String!\n    $commitId: String\n  ) {\n    reviewProposal(dataset: $dataset, number: $number, verdict: $verdict, body: $body, commitId: $commitId) {\n      id\n    }\n  }\n": typeof types.ReviewProposalDocument,
    "\n  mutation OpenProposal($dataset: String!, $source: String!, $target: String!, $title: String!, $body: String!) {\n    openProposal(dataset: $dataset, source: $source, target: $target, title: $title, body: $body) {\n      number\n    }\n  }\n": typeof types.OpenProposalDocument,
    "\n  query NewProposal($owner: String!, $name: String!) {\n    viewer {\n      signedIn\n    }\n    dataset(owner: $owner, name: $name) {\n      fullName\n      defaultBranch\n      branches {\n        name\n      }\n    }\n  }\n": typeof types.NewProposalDocument,
    "\n  query Proposals($owner: String!, $name: String!, $states: [ProposalState!], $after: String) {\n    viewer {\n      signedIn\n    }\n    dataset(owner: $owner, name: $name) {\n      fullName\n      proposals(states: $states, first: 20, after: $after) {\n        nodes {\n          number\n          title\n          state\n          sourceBranch\n          targetBranch\n          createdAt\n          commentCount\n          reviewCount\n          author {\n            login\n          }\n          labels {\n            name\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.ProposalsDocument,
    "\n  query EditReadme($owner: String!, $name: String!, $branch: String!) {\n    dataset(owner: $owner, name: $name) {\n      fullName\n      viewerRole\n      branches {\n        name\n      }\n      commit(rev: $branch) {\n        id\n      }\n      readme(rev: $branch) {\n        path\n        text\n        truncated\n      }\n    }\n  }\n": typeof types.EditReadmeDocument,
    "\n  mutation SaveReadme($dataset: String!, $branch: String!, $text: String!, $message: String, $expectedHead: String) {\n    saveReadme(dataset: $dataset, branch: $branch, text: $text, message: $message, expectedHead: $expectedHead) {\n      commitId\n      changed\n    }\n  }\n": typeof types.SaveReadmeDocument,
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
    "\n  mutation RedeliverWebhook($deliveryId: ID!) {\n    redeliverWebhook(deliveryId: $deliveryId) {\n      id\n      state\n    }\n  }\n": typeof types.RedeliverWebhookDocument,
    "\n  query Owner($login: String!) {\n    viewer {\n      login\n    }\n    account(login: $login) {\n      login\n      displayName\n      isUser\n      viewerRole\n      datasets {\n        name\n        fullName\n        visibility\n        viewerRole\n        createdAt\n      }\n      members {\n        login\n        displayName\n        role\n      }\n      teams {\n        name\n        fullName\n        members\n      }\n    }\n  }\n": typeof types.OwnerDocument,
    "\n  mutation AddOrganizationMember($organization: String!, $login: String!, $role: OrgRole!) {\n    addOrganizationMember(organization: $organization, login: $login, role: $role)\n  }\n": typeof types.AddOrganizationMemberDocument,
    "\n  mutation RemoveOrganizationMember($organization: String!, $login: String!) {\n    removeOrganizationMember(organization: $organization, login: $login)\n  }\n": typeof types.RemoveOrganizationMemberDocument,
    "\n  mutation CreateTeam($organization: String!, $name: String!) {\n    createTeam(organization: $organization, name: $name) {\n      fullName\n    }\n  }\n": typeof types.CreateTeamDocument,
    "\n  mutation AddTeamMember($team: String!, $login: String!) {\n    addTeamMember(team: $team, login: $login) {\n      fullName\n    }\n  }\n": typeof types.AddTeamMemberDocument,
    "\n  mutation RemoveTeamMember($team: String!, $login: String!) {\n    removeTeamMember(team: $team, login: $login) {\n      fullName\n    }\n  }\n": typeof types.RemoveTeamMemberDocument,
    "\n  mutation DeleteTeam($team: String!) {\n    deleteTeam(team: $team)\n  }\n": typeof types.DeleteTeamDocument,
    "\n  query Datasets($after: String) {\n    viewer {\n      signedIn\n      organizations {\n        login\n        role\n      }\n    }\n    datasets(first: 50, after: $after) {\n      nodes {\n        owner\n        name\n        fullName\n        visibility\n        defaultBranch\n        createdAt\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.DatasetsDocument,
    "\n  mutation CreateOrganization($login: String!) {\n    createOrganization(login: $login) {\n      login\n    }\n  }\n": typeof types.CreateOrganizationDocument,
    "\n  query Tokens {\n    viewer {\n      login\n      tokens {\n        id\n        name\n        prefix\n        scope\n        dataset\n        expiresAt\n        lastUsedAt\n        revokedAt\n        createdAt\n      }\n    }\n  }\n": typeof types.TokensDocument,
    "\n  mutation CreateToken($name: String!, $scope: Role!, $dataset: String, $expiresAt: DateTimeISO) {\n    createToken(name: $name, scope: $scope, dataset: $dataset, expiresAt: $expiresAt) {\n      secret\n      token {\n        id\n      }\n    }\n  }\n": typeof types.CreateTokenDocument,
    "\n  mutation RevokeToken($id: ID!) {\n    revokeToken(id: $id)\n  }\n": typeof types.RevokeTokenDocument,
    "\n  query AuditLog($dataset: String, $action: String, $actor: String, $after: String) {\n    auditLog(dataset: $dataset, action: $action, actor: $actor, after: $after, first: 50) {\n      nodes {\n        seq\n        at\n        action\n        actor\n        dataset\n        subject\n        data\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.AuditLogDocument,
    "\n  query DatasetNav($owner: String!, $name: String!) {\n    dataset(owner: $owner, name: $name) {\n      defaultBranch\n      viewerRole\n    }\n  }\n": typeof types.DatasetNavDocument,
    "\n  fragment DiffFields on Diff {\n    fromId\n    toId\n    added\n    removed\n    changed\n    studies {\n      studyInstanceUid\n      series {\n        seriesInstanceUid\n        added\n        removed\n        changed\n      }\n    }\n  }\n": typeof types.DiffFieldsFragmentDoc,
    "\n  query DatasetHome($owner: String!, $name: String!) {\n    dataset(owner: $owner, name: $name) {\n      owner\n      name\n      fullName\n      defaultBranch\n      visibility\n      viewerRole\n      isFork\n      forkedFrom {\n        owner\n        name\n        fullName\n      }\n      branches {\n        name\n      }\n      tags {\n        name\n      }\n    }\n  }\n": typeof types.DatasetHomeDocument,
    "\n  query RefCommit($owner: String!, $name: String!, $rev: String!) {\n    dataset(owner: $owner, name: $name) {\n      commit(rev: $rev) {\n        id\n        shortId\n        message\n        author {\n          name\n          time\n        }\n        size {\n          instances\n          files\n          bytes\n        }\n      }\n      readme(rev: $rev) {\n        path\n        text\n        truncated\n      }\n    }\n  }\n": typeof types.RefCommitDocument,
    "\n  subscription DatasetEvents($dataset: String!, $actions: [String!]) {\n    datasetEvents(dataset: $dataset, actions: $actions) {\n      seq\n      action\n      subject\n    }\n  }\n": typeof types.DatasetEventsDocument,
    "\n  mutation EditComment($dataset: String!, $id: ID!, $body: String!) {\n    editComment(dataset: $dataset, id: $id, body: $body) {\n      id\n    }\n  }\n": typeof types.EditCommentDocument,
    "\n  mutation DeleteComment($dataset: String!, $id: ID!) {\n    deleteComment(dataset: $dataset, id: $id) {\n      id\n    }\n  }\n": typeof types.DeleteCommentDocument,
    "\n  mutation AddComment($dataset: String!, $number: Int!, $body: String!) {\n    addComment(dataset: $dataset, number: $number, body: $body) {\n      id\n    }\n  }\n": typeof types.AddCommentDocument,
    "\n  mutation DismissReview($dataset: String!, $number: Int!, $reviewId: ID!) {\n    dismissReview(dataset: $dataset, number: $number, reviewId: $reviewId) {\n      id\n      dismissed\n    }\n  }\n": typeof types.DismissReviewDocument,
    "\n  mutation SetLabel($dataset: String!, $number: Int!, $label: String!, $on: Boolean!) {\n    setLabel(dataset: $dataset, number: $number, label: $label, on: $on)\n  }\n": typeof types.SetLabelDocument,
    "\n  mutation SetAssignee($dataset: String!, $number: Int!, $login: String!, $assigned: Boolean!) {\n    setAssignee(dataset: $dataset, number: $number, login: $login, assigned: $assigned)\n  }\n": typeof types.SetAssigneeDocument,
    "\n  mutation CreateLabel($dataset: String!, $name: String!, $color: String!, $description: String) {\n    createLabel(dataset: $dataset, name: $name, color: $color, description: $description) {\n      name\n    }\n  }\n": typeof types.CreateLabelDocument,
    "\n  mutation CloseProposal($dataset: String!, $number: Int!) {\n    closeProposal(dataset: $dataset, number: $number) {\n      state\n    }\n  }\n": typeof types.CloseProposalDocument,
    "\n  mutation ReopenProposal($dataset: String!, $number: Int!) {\n    reopenProposal(dataset: $dataset, number: $number) {\n      state\n    }\n  }\n": typeof types.ReopenProposalDocument,
    "\n  mutation CloseIssue($dataset: String!, $number: Int!) {\n    closeIssue(dataset: $dataset, number: $number) {\n      state\n    }\n  }\n": typeof types.CloseIssueDocument,
    "\n  mutation ReopenIssue($dataset: String!, $number: Int!) {\n    reopenIssue(dataset: $dataset, number: $number) {\n      state\n    }\n  }\n": typeof types.ReopenIssueDocument,
    "\n  fragment CommentFields on Comment {\n    id\n    body\n    createdAt\n    updatedAt\n    deleted\n    author {\n      login\n    }\n    anchor {\n      commitId\n      studyInstanceUid\n      seriesInstanceUid\n      sopInstanceUid\n      frame\n    }\n  }\n": typeof types.CommentFieldsFragmentDoc,
    "\n  query Viewer {\n    viewer {\n      signedIn\n      login\n      siteAdmin\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  query OpenThreads($owner: String!, $name: String!) {\n    dataset(owner: $owner, name: $name) {\n      proposals(states: [OPEN], first: 50) {\n        nodes {\n          number\n          title\n        }\n      }\n      issues(states: [OPEN], first: 50) {\n        nodes {\n          number\n          title\n        }\n      }\n    }\n  }\n": typeof types.OpenThreadsDocument,
    "\n  mutation AddAnchoredComment($dataset: String!, $number: Int!, $body: String!, $anchor: AnchorInput!) {\n    addComment(dataset: $dataset, number: $number, body: $body, anchor: $anchor) {\n      id\n    }\n  }\n": typeof types.AddAnchoredCommentDocument,
};
const documents: Documents = {
    "\n  query CommitDetail($owner: String!, $name: String!, $rev: String!) {\n    dataset(owner: $owner, name: $name) {\n      fullName\n      commit(rev: $rev) {\n        id\n        shortId\n        message\n        author {\n          name\n          email\n          time\n        }\n        committer {\n          name\n          time\n        }\n        parents {\n          id\n          shortId\n          message\n        }\n      }\n    }\n  }\n": types.CommitDetailDocument,
    "\n  query CommitDiff($owner: String!, $name: String!, $from: String!, $to: String!) {\n    dataset(owner: $owner, name: $name) {\n      diff(from: $from, to: $to) {\n        ...DiffFields\n      }\n    }\n  }\n": types.CommitDiffDocument,
    "\n  query History($owner: String!, $name: String!, $rev: String!, $after: String) {\n    dataset(owner: $owner, name: $name) {\n      fullName\n      history(rev: $rev, first: 30, after: $after) {\n        nodes {\n          id\n          shortId\n          message\n          author {\n            name\n            time\n          }\n          parentIds\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.HistoryDocument,
    "\n  query Compare($owner: String!, $name: String!, $from: String!, $to: String!) {\n    dataset(owner: $owner, name: $name) {\n      fullName\n      diff(from: $from, to: $to) {\n        ...DiffFields\n      }\n    }\n  }\n": types.CompareDocument,
    "\n  query IssueDetail($owner: String!, $name: String!, $number: Int!) {\n    viewer {\n      signedIn\n      login\n    }\n    dataset(owner: $owner, name: $name) {\n      fullName\n      viewerRole\n      labels {\n        name\n        description\n      }\n      issue(number: $number) {\n        number\n        title\n        body\n        state\n        createdAt\n        closedAt\n        author {\n          login\n        }\n        assignees {\n          login\n        }\n        labels {\n          name\n        }\n        comments(first: 100) {\n          nodes {\n            ...CommentFields\n          }\n          pageInfo {\n            hasNextPage\n          }\n        }\n      }\n    }\n  }\n": types.IssueDetailDocument,
    "\n  mutation OpenIssue($dataset: String!, $title: String!, $body: String) {\n    openIssue(dataset: $dataset, title: $title, body: $body) {\n      number\n    }\n  }\n": types.OpenIssueDocument,
    "\n  query NewIssue($owner: String!, $name: String!) {\n    viewer {\n      signedIn\n    }\n    dataset(owner: $owner, name: $name) {\n      fullName\n    }\n  }\n": types.NewIssueDocument,
    "\n  query Issues(\n    $owner: String!\n    $name: String!\n    $states: [IssueState!]\n    $label: String\n    $assignee: String\n    $after: String\n  ) {\n    viewer {\n      signedIn\n    }\n    dataset(owner: $owner, name: $name) {\n      fullName\n      labels {\n        name\n      }\n      issues(states: $states, label: $label, assignee: $assignee, first: 30, after: $after) {\n        nodes {\n          number\n          title\n          state\n          createdAt\n          commentCount\n          author {\n            login\n          }\n          assignees {\n            login\n          }\n          labels {\n            name\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.IssuesDocument,
    "\n  mutation MergeProposal($dataset: String!, $number: Int!, $method: MergeMethod!, $expectedHeadId: String) {\n    mergeProposal(dataset: $dataset, number: $number, method: $method, expectedHeadId: $expectedHeadId) {\n      state\n    }\n  }\n": types.MergeProposalDocument,
    "\n  query ProposalDetail($owner: String!, $name: String!, $number: Int!) {\n    viewer {\n      signedIn\n      login\n    }\n    dataset(owner: $owner, name: $name) {\n      fullName\n      viewerRole\n      labels {\n        name\n      }\n      proposal(number: $number) {\n        number\n        title\n        body\n        state\n        sourceBranch\n        sourceDataset {\n          owner\n          name\n          fullName\n        }\n        targetBranch\n        headCommitId\n        baseCommitId\n        mergeCommitId\n        mergeMethod\n        mergedAt\n        createdAt\n        closedAt\n        author {\n          login\n        }\n        mergedBy {\n          login\n        }\n        labels {\n          name\n        }\n        assignees {\n          login\n        }\n        diff {\n          ...DiffFields\n        }\n        reviews {\n          id\n          verdict\n          body\n          commitId\n          createdAt\n          stale\n          dismissed\n          reviewer {\n            login\n          }\n        }\n        comments(first: 100) {\n          nodes {\n            ...CommentFields\n          }\n          pageInfo {\n            hasNextPage\n          }\n        }\n        status {\n          headCommitId\n          sourceExists\n          approvals\n          requiredApprovals\n          changesRequested\n          requiredChecks\n          checks {\n            context\n            state\n            description\n          }\n          blockers\n        }\n        mergeability {\n          clean\n          upToDate\n          canFastForward\n          conflicts {\n            path\n          }\n        }\n      }\n    }\n  }\n": types.ProposalDetailDocument,
    "\n  mutation ReviewProposal(\n    $dataset: String!\n    $number: Int!\n    $verdict: ReviewVerdict!\n    $body: String!\n    $commitId: String\n  ) {\n    reviewProposal(dataset: $dataset, number: $number, verdict: $verdict, body: $body, commitId: $commitId) {\n      id\n    }\n  }\n": types.ReviewProposalDocument,
    "\n  mutation OpenProposal($dataset: String!, $source: String!, $target: String!, $title: String!, $body: String!) {\n    openProposal(dataset: $dataset, source: $source, target: $target, title: $title, body: $body) {\n      number\n    }\n  }\n": types.OpenProposalDocument,
    "\n  query NewProposal($owner: String!, $name: String!) {\n    viewer {\n      signedIn\n    }\n    dataset(owner: $owner, name: $name) {\n      fullName\n      defaultBranch\n      branches {\n        name\n      }\n    }\n  }\n": types.NewProposalDocument,
    "\n  query Proposals($owner: String!, $name: String!, $states: [ProposalState!], $after: String) {\n    viewer {\n      signedIn\n    }\n    dataset(owner: $owner, name: $name) {\n      fullName\n      proposals(states: $states, first: 20, after: $after) {\n        nodes {\n          number\n          title\n          state\n          sourceBranch\n          targetBranch\n          createdAt\n          commentCount\n          reviewCount\n          author {\n            login\n          }\n          labels {\n            name\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.ProposalsDocument,
    "\n  query EditReadme($owner: String!, $name: String!, $branch: String!) {\n    dataset(owner: $owner, name: $name) {\n      fullName\n      viewerRole\n      branches {\n        name\n      }\n      commit(rev: $branch) {\n        id\n      }\n      readme(rev: $branch) {\n        path\n        text\n        truncated\n      }\n    }\n  }\n": types.EditReadmeDocument,
    "\n  mutation SaveReadme($dataset: String!, $branch: String!, $text: String!, $message: String, $expectedHead: String) {\n    saveReadme(dataset: $dataset, branch: $branch, text: $text, message: $message, expectedHead: $expectedHead) {\n      commitId\n      changed\n    }\n  }\n": types.SaveReadmeDocument,
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
    "\n  mutation RedeliverWebhook($deliveryId: ID!) {\n    redeliverWebhook(deliveryId: $deliveryId) {\n      id\n      state\n    }\n  }\n": types.RedeliverWebhookDocument,
    "\n  query Owner($login: String!) {\n    viewer {\n      login\n    }\n    account(login: $login) {\n      login\n      displayName\n      isUser\n      viewerRole\n      datasets {\n        name\n        fullName\n        visibility\n        viewerRole\n        createdAt\n      }\n      members {\n        login\n        displayName\n        role\n      }\n      teams {\n        name\n        fullName\n        members\n      }\n    }\n  }\n": types.OwnerDocument,
    "\n  mutation AddOrganizationMember($organization: String!, $login: String!, $role: OrgRole!) {\n    addOrganizationMember(organization: $organization, login: $login, role: $role)\n  }\n": types.AddOrganizationMemberDocument,
    "\n  mutation RemoveOrganizationMember($organization: String!, $login: String!) {\n    removeOrganizationMember(organization: $organization, login: $login)\n  }\n": types.RemoveOrganizationMemberDocument,
    "\n  mutation CreateTeam($organization: String!, $name: String!) {\n    createTeam(organization: $organization, name: $name) {\n      fullName\n    }\n  }\n": types.CreateTeamDocument,
    "\n  mutation AddTeamMember($team: String!, $login: String!) {\n    addTeamMember(team: $team, login: $login) {\n      fullName\n    }\n  }\n": types.AddTeamMemberDocument,
    "\n  mutation RemoveTeamMember($team: String!, $login: String!) {\n    removeTeamMember(team: $team, login: $login) {\n      fullName\n    }\n  }\n": types.RemoveTeamMemberDocument,
    "\n  mutation DeleteTeam($team: String!) {\n    deleteTeam(team: $team)\n  }\n": types.DeleteTeamDocument,
    "\n  query Datasets($after: String) {\n    viewer {\n      signedIn\n      organizations {\n        login\n        role\n      }\n    }\n    datasets(first: 50, after: $after) {\n      nodes {\n        owner\n        name\n        fullName\n        visibility\n        defaultBranch\n        createdAt\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.DatasetsDocument,
    "\n  mutation CreateOrganization($login: String!) {\n    createOrganization(login: $login) {\n      login\n    }\n  }\n": types.CreateOrganizationDocument,
    "\n  query Tokens {\n    viewer {\n      login\n      tokens {\n        id\n        name\n        prefix\n        scope\n        dataset\n        expiresAt\n        lastUsedAt\n        revokedAt\n        createdAt\n      }\n    }\n  }\n": types.TokensDocument,
    "\n  mutation CreateToken($name: String!, $scope: Role!, $dataset: String, $expiresAt: DateTimeISO) {\n    createToken(name: $name, scope: $scope, dataset: $dataset, expiresAt: $expiresAt) {\n      secret\n      token {\n        id\n      }\n    }\n  }\n": types.CreateTokenDocument,
    "\n  mutation RevokeToken($id: ID!) {\n    revokeToken(id: $id)\n  }\n": types.RevokeTokenDocument,
    "\n  query AuditLog($dataset: String, $action: String, $actor: String, $after: String) {\n    auditLog(dataset: $dataset, action: $action, actor: $actor, after: $after, first: 50) {\n      nodes {\n        seq\n        at\n        action\n        actor\n        dataset\n        subject\n        data\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.AuditLogDocument,
    "\n  query DatasetNav($owner: String!, $name: String!) {\n    dataset(owner: $owner, name: $name) {\n      defaultBranch\n      viewerRole\n    }\n  }\n": types.DatasetNavDocument,
    "\n  fragment DiffFields on Diff {\n    fromId\n    toId\n    added\n    removed\n    changed\n    studies {\n      studyInstanceUid\n      series {\n        seriesInstanceUid\n        added\n        removed\n        changed\n      }\n    }\n  }\n": types.DiffFieldsFragmentDoc,
    "\n  query DatasetHome($owner: String!, $name: String!) {\n    dataset(owner: $owner, name: $name) {\n      owner\n      name\n      fullName\n      defaultBranch\n      visibility\n      viewerRole\n      isFork\n      forkedFrom {\n        owner\n        name\n        fullName\n      }\n      branches {\n        name\n      }\n      tags {\n        name\n      }\n    }\n  }\n": types.DatasetHomeDocument,
    "\n  query RefCommit($owner: String!, $name: String!, $rev: String!) {\n    dataset(owner: $owner, name: $name) {\n      commit(rev: $rev) {\n        id\n        shortId\n        message\n        author {\n          name\n          time\n        }\n        size {\n          instances\n          files\n          bytes\n        }\n      }\n      readme(rev: $rev) {\n        path\n        text\n        truncated\n      }\n    }\n  }\n": types.RefCommitDocument,
    "\n  subscription DatasetEvents($dataset: String!, $actions: [String!]) {\n    datasetEvents(dataset: $dataset, actions: $actions) {\n      seq\n      action\n      subject\n    }\n  }\n": types.DatasetEventsDocument,
    "\n  mutation EditComment($dataset: String!, $id: ID!, $body: String!) {\n    editComment(dataset: $dataset, id: $id, body: $body) {\n      id\n    }\n  }\n": types.EditCommentDocument,
    "\n  mutation DeleteComment($dataset: String!, $id: ID!) {\n    deleteComment(dataset: $dataset, id: $id) {\n      id\n    }\n  }\n": types.DeleteCommentDocument,
    "\n  mutation AddComment($dataset: String!, $number: Int!, $body: String!) {\n    addComment(dataset: $dataset, number: $number, body: $body) {\n      id\n    }\n  }\n": types.AddCommentDocument,
    "\n  mutation DismissReview($dataset: String!, $number: Int!, $reviewId: ID!) {\n    dismissReview(dataset: $dataset, number: $number, reviewId: $reviewId) {\n      id\n      dismissed\n    }\n  }\n": types.DismissReviewDocument,
    "\n  mutation SetLabel($dataset: String!, $number: Int!, $label: String!, $on: Boolean!) {\n    setLabel(dataset: $dataset, number: $number, label: $label, on: $on)\n  }\n": types.SetLabelDocument,
    "\n  mutation SetAssignee($dataset: String!, $number: Int!, $login: String!, $assigned: Boolean!) {\n    setAssignee(dataset: $dataset, number: $number, login: $login, assigned: $assigned)\n  }\n": types.SetAssigneeDocument,
    "\n  mutation CreateLabel($dataset: String!, $name: String!, $color: String!, $description: String) {\n    createLabel(dataset: $dataset, name: $name, color: $color, description: $description) {\n      name\n    }\n  }\n": types.CreateLabelDocument,
    "\n  mutation CloseProposal($dataset: String!, $number: Int!) {\n    closeProposal(dataset: $dataset, number: $number) {\n      state\n    }\n  }\n": types.CloseProposalDocument,
    "\n  mutation ReopenProposal($dataset: String!, $number: Int!) {\n    reopenProposal(dataset: $dataset, number: $number) {\n      state\n    }\n  }\n": types.ReopenProposalDocument,
    "\n  mutation CloseIssue($dataset: String!, $number: Int!) {\n    closeIssue(dataset: $dataset, number: $number) {\n      state\n    }\n  }\n": types.CloseIssueDocument,
    "\n  mutation ReopenIssue($dataset: String!, $number: Int!) {\n    reopenIssue(dataset: $dataset, number: $number) {\n      state\n    }\n  }\n": types.ReopenIssueDocument,
    "\n  fragment CommentFields on Comment {\n    id\n    body\n    createdAt\n    updatedAt\n    deleted\n    author {\n      login\n    }\n    anchor {\n      commitId\n      studyInstanceUid\n      seriesInstanceUid\n      sopInstanceUid\n      frame\n    }\n  }\n": types.CommentFieldsFragmentDoc,
    "\n  query Viewer {\n    viewer {\n      signedIn\n      login\n      siteAdmin\n    }\n  }\n": types.ViewerDocument,
    "\n  query OpenThreads($owner: String!, $name: String!) {\n    dataset(owner: $owner, name: $name) {\n      proposals(states: [OPEN], first: 50) {\n        nodes {\n          number\n          title\n        }\n      }\n      issues(states: [OPEN], first: 50) {\n        nodes {\n          number\n          title\n        }\n      }\n    }\n  }\n": types.OpenThreadsDocument,
    "\n  mutation AddAnchoredComment($dataset: String!, $number: Int!, $body: String!, $anchor: AnchorInput!) {\n    addComment(dataset: $dataset, number: $number, body: $body, anchor: $anchor) {\n      id\n    }\n  }\n": types.AddAnchoredCommentDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CommitDetail($owner: String!, $name: String!, $rev: String!) {\n    dataset(owner: $owner, name: $name) {\n      fullName\n      commit(rev: $rev) {\n        id\n        shortId\n        message\n        author {\n          name\n          email\n          time\n        }\n        committer {\n          name\n          time\n        }\n        parents {\n          id\n          shortId\n          message\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').CommitDetailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CommitDiff($owner: String!, $name: String!, $from: String!, $to: String!) {\n    dataset(owner: $owner, name: $name) {\n      diff(from: $from, to: $to) {\n        ...DiffFields\n      }\n    }\n  }\n"): typeof import('./graphql').CommitDiffDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query History($owner: String!, $name: String!, $rev: String!, $after: String) {\n    dataset(owner: $owner, name: $name) {\n      fullName\n      history(rev: $rev, first: 30, after: $after) {\n        nodes {\n          id\n          shortId\n          message\n          author {\n            name\n            time\n          }\n          parentIds\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').HistoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Compare($owner: String!, $name: String!, $from: String!, $to: String!) {\n    dataset(owner: $owner, name: $name) {\n      fullName\n      diff(from: $from, to: $to) {\n        ...DiffFields\n      }\n    }\n  }\n"): typeof import('./graphql').CompareDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IssueDetail($owner: String!, $name: String!, $number: Int!) {\n    viewer {\n      signedIn\n      login\n    }\n    dataset(owner: $owner, name: $name) {\n      fullName\n      viewerRole\n      labels {\n        name\n        description\n      }\n      issue(number: $number) {\n        number\n        title\n        body\n        state\n        createdAt\n        closedAt\n        author {\n          login\n        }\n        assignees {\n          login\n        }\n        labels {\n          name\n        }\n        comments(first: 100) {\n          nodes {\n            ...CommentFields\n          }\n          pageInfo {\n            hasNextPage\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').IssueDetailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OpenIssue($dataset: String!, $title: String!, $body: String) {\n    openIssue(dataset: $dataset, title: $title, body: $body) {\n      number\n    }\n  }\n"): typeof import('./graphql').OpenIssueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NewIssue($owner: String!, $name: String!) {\n    viewer {\n      signedIn\n    }\n    dataset(owner: $owner, name: $name) {\n      fullName\n    }\n  }\n"): typeof import('./graphql').NewIssueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Issues(\n    $owner: String!\n    $name: String!\n    $states: [IssueState!]\n    $label: String\n    $assignee: String\n    $after: String\n  ) {\n    viewer {\n      signedIn\n    }\n    dataset(owner: $owner, name: $name) {\n      fullName\n      labels {\n        name\n      }\n      issues(states: $states, label: $label, assignee: $assignee, first: 30, after: $after) {\n        nodes {\n          number\n          title\n          state\n          createdAt\n          commentCount\n          author {\n            login\n          }\n          assignees {\n            login\n          }\n          labels {\n            name\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').IssuesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MergeProposal($dataset: String!, $number: Int!, $method: MergeMethod!, $expectedHeadId: String) {\n    mergeProposal(dataset: $dataset, number: $number, method: $method, expectedHeadId: $expectedHeadId) {\n      state\n    }\n  }\n"): typeof import('./graphql').MergeProposalDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProposalDetail($owner: String!, $name: String!, $number: Int!) {\n    viewer {\n      signedIn\n      login\n    }\n    dataset(owner: $owner, name: $name) {\n      fullName\n      viewerRole\n      labels {\n        name\n      }\n      proposal(number: $number) {\n        number\n        title\n        body\n        state\n        sourceBranch\n        sourceDataset {\n          owner\n          name\n          fullName\n        }\n        targetBranch\n        headCommitId\n        baseCommitId\n        mergeCommitId\n        mergeMethod\n        mergedAt\n        createdAt\n        closedAt\n        author {\n          login\n        }\n        mergedBy {\n          login\n        }\n        labels {\n          name\n        }\n        assignees {\n          login\n        }\n        diff {\n          ...DiffFields\n        }\n        reviews {\n          id\n          verdict\n          body\n          commitId\n          createdAt\n          stale\n          dismissed\n          reviewer {\n            login\n          }\n        }\n        comments(first: 100) {\n          nodes {\n            ...CommentFields\n          }\n          pageInfo {\n            hasNextPage\n          }\n        }\n        status {\n          headCommitId\n          sourceExists\n          approvals\n          requiredApprovals\n          changesRequested\n          requiredChecks\n          checks {\n            context\n            state\n            description\n          }\n          blockers\n        }\n        mergeability {\n          clean\n          upToDate\n          canFastForward\n          conflicts {\n            path\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ProposalDetailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReviewProposal(\n    $dataset: String!\n    $number: Int!\n    $verdict: ReviewVerdict!\n    $body: String!\n    $commitId: String\n  ) {\n    reviewProposal(dataset: $dataset, number: $number, verdict: $verdict, body: $body, commitId: $commitId) {\n      id\n    }\n  }\n"): typeof import('./graphql').ReviewProposalDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OpenProposal($dataset: String!, $source: String!, $target: String!, $title: String!, $body: String!) {\n    openProposal(dataset: $dataset, source: $source, target: $target, title: $title, body: $body) {\n      number\n    }\n  }\n"): typeof import('./graphql').OpenProposalDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NewProposal($owner: String!, $name: String!) {\n    viewer {\n      signedIn\n    }\n    dataset(owner: $owner, name: $name) {\n      fullName\n      defaultBranch\n      branches {\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').NewProposalDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Proposals($owner: String!, $name: String!, $states: [ProposalState!], $after: String) {\n    viewer {\n      signedIn\n    }\n    dataset(owner: $owner, name: $name) {\n      fullName\n      proposals(states: $states, first: 20, after: $after) {\n        nodes {\n          number\n          title\n          state\n          sourceBranch\n          targetBranch\n          createdAt\n          commentCount\n          reviewCount\n          author {\n            login\n          }\n          labels {\n            name\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ProposalsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EditReadme($owner: String!, $name: String!, $branch: String!) {\n    dataset(owner: $owner, name: $name) {\n      fullName\n      viewerRole\n      branches {\n        name\n      }\n      commit(rev: $branch) {\n        id\n      }\n      readme(rev: $branch) {\n        path\n        text\n        truncated\n      }\n    }\n  }\n"): typeof import('./graphql').EditReadmeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveReadme($dataset: String!, $branch: String!, $text: String!, $message: String, $expectedHead: String) {\n    saveReadme(dataset: $dataset, branch: $branch, text: $text, message: $message, expectedHead: $expectedHead) {\n      commitId\n      changed\n    }\n  }\n"): typeof import('./graphql').SaveReadmeDocument;
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
export function graphql(source: "\n  mutation RedeliverWebhook($deliveryId: ID!) {\n    redeliverWebhook(deliveryId: $deliveryId) {\n      id\n      state\n    }\n  }\n"): typeof import('./graphql').RedeliverWebhookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Owner($login: String!) {\n    viewer {\n      login\n    }\n    account(login: $login) {\n      login\n      displayName\n      isUser\n      viewerRole\n      datasets {\n        name\n        fullName\n        visibility\n        viewerRole\n        createdAt\n      }\n      members {\n        login\n        displayName\n        role\n      }\n      teams {\n        name\n        fullName\n        members\n      }\n    }\n  }\n"): typeof import('./graphql').OwnerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddOrganizationMember($organization: String!, $login: String!, $role: OrgRole!) {\n    addOrganizationMember(organization: $organization, login: $login, role: $role)\n  }\n"): typeof import('./graphql').AddOrganizationMemberDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveOrganizationMember($organization: String!, $login: String!) {\n    removeOrganizationMember(organization: $organization, login: $login)\n  }\n"): typeof import('./graphql').RemoveOrganizationMemberDocument;
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
export function graphql(source: "\n  mutation RemoveTeamMember($team: String!, $login: String!) {\n    removeTeamMember(team: $team, login: $login) {\n      fullName\n    }\n  }\n"): typeof import('./graphql').RemoveTeamMemberDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteTeam($team: String!) {\n    deleteTeam(team: $team)\n  }\n"): typeof import('./graphql').DeleteTeamDocument;
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
export function graphql(source: "\n  fragment DiffFields on Diff {\n    fromId\n    toId\n    added\n    removed\n    changed\n    studies {\n      studyInstanceUid\n      series {\n        seriesInstanceUid\n        added\n        removed\n        changed\n      }\n    }\n  }\n"): typeof import('./graphql').DiffFieldsFragmentDoc;
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
export function graphql(source: "\n  subscription DatasetEvents($dataset: String!, $actions: [String!]) {\n    datasetEvents(dataset: $dataset, actions: $actions) {\n      seq\n      action\n      subject\n    }\n  }\n"): typeof import('./graphql').DatasetEventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EditComment($dataset: String!, $id: ID!, $body: String!) {\n    editComment(dataset: $dataset, id: $id, body: $body) {\n      id\n    }\n  }\n"): typeof import('./graphql').EditCommentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteComment($dataset: String!, $id: ID!) {\n    deleteComment(dataset: $dataset, id: $id) {\n      id\n    }\n  }\n"): typeof import('./graphql').DeleteCommentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddComment($dataset: String!, $number: Int!, $body: String!) {\n    addComment(dataset: $dataset, number: $number, body: $body) {\n      id\n    }\n  }\n"): typeof import('./graphql').AddCommentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DismissReview($dataset: String!, $number: Int!, $reviewId: ID!) {\n    dismissReview(dataset: $dataset, number: $number, reviewId: $reviewId) {\n      id\n      dismissed\n    }\n  }\n"): typeof import('./graphql').DismissReviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetLabel($dataset: String!, $number: Int!, $label: String!, $on: Boolean!) {\n    setLabel(dataset: $dataset, number: $number, label: $label, on: $on)\n  }\n"): typeof import('./graphql').SetLabelDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetAssignee($dataset: String!, $number: Int!, $login: String!, $assigned: Boolean!) {\n    setAssignee(dataset: $dataset, number: $number, login: $login, assigned: $assigned)\n  }\n"): typeof import('./graphql').SetAssigneeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateLabel($dataset: String!, $name: String!, $color: String!, $description: String) {\n    createLabel(dataset: $dataset, name: $name, color: $color, description: $description) {\n      name\n    }\n  }\n"): typeof import('./graphql').CreateLabelDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CloseProposal($dataset: String!, $number: Int!) {\n    closeProposal(dataset: $dataset, number: $number) {\n      state\n    }\n  }\n"): typeof import('./graphql').CloseProposalDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReopenProposal($dataset: String!, $number: Int!) {\n    reopenProposal(dataset: $dataset, number: $number) {\n      state\n    }\n  }\n"): typeof import('./graphql').ReopenProposalDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CloseIssue($dataset: String!, $number: Int!) {\n    closeIssue(dataset: $dataset, number: $number) {\n      state\n    }\n  }\n"): typeof import('./graphql').CloseIssueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReopenIssue($dataset: String!, $number: Int!) {\n    reopenIssue(dataset: $dataset, number: $number) {\n      state\n    }\n  }\n"): typeof import('./graphql').ReopenIssueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CommentFields on Comment {\n    id\n    body\n    createdAt\n    updatedAt\n    deleted\n    author {\n      login\n    }\n    anchor {\n      commitId\n      studyInstanceUid\n      seriesInstanceUid\n      sopInstanceUid\n      frame\n    }\n  }\n"): typeof import('./graphql').CommentFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    viewer {\n      signedIn\n      login\n      siteAdmin\n    }\n  }\n"): typeof import('./graphql').ViewerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OpenThreads($owner: String!, $name: String!) {\n    dataset(owner: $owner, name: $name) {\n      proposals(states: [OPEN], first: 50) {\n        nodes {\n          number\n          title\n        }\n      }\n      issues(states: [OPEN], first: 50) {\n        nodes {\n          number\n          title\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').OpenThreadsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddAnchoredComment($dataset: String!, $number: Int!, $body: String!, $anchor: AnchorInput!) {\n    addComment(dataset: $dataset, number: $number, body: $body, anchor: $anchor) {\n      id\n    }\n  }\n"): typeof import('./graphql').AddAnchoredCommentDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
