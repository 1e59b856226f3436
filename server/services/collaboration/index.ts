export {
  dismissReview,
  getProposal,
  listProposals,
  mergeProposal,
  openProposal,
  proposalDiff,
  proposalMergeability,
  proposalStatus,
  reviewProposal,
  reviewsOfProposals,
  setProposalState,
  type MergeRequest,
  type NewProposal,
  type ProposalStatus,
  type ReviewView,
  type Verdict,
} from './proposals.js';
export {
  listProtections,
  matchesPattern,
  protectionFor,
  removeBranchProtection,
  requireDirectWrite,
  ruleFor,
  setBranchProtection,
  type ProtectionSettings,
} from './protection.js';
export { setCommitStatus, commitStatuses } from './statuses.js';
export { subjectOf } from './threads.js';
export { checkAnchor, type AnchorRequest } from './anchors.js';
export { assigneeIdsOfThreads, MAX_ASSIGNEES, setAssignee } from './assignees.js';
export { citationCff } from './citation.js';
export {
  addComment,
  anchoredComments,
  commentCounts,
  commentsOfThread,
  deleteComment,
  editComment,
  listComments,
} from './comments.js';
export { editIssue, getIssue, listIssues, openIssue, setIssueState, type IssueFilter } from './issues.js';
export { createLabel, deleteLabel, labelsOfThreads, listLabels, setThreadLabel } from './labels.js';
export { releaseManifest } from './release-manifest.js';
export {
  countTree,
  createRelease,
  editRelease,
  getRelease,
  listReleases,
  releaseDicomwebPath,
  type NewRelease,
} from './releases.js';
export type { Page } from './page-cursor.js';
export { MAX_BODY, MAX_TITLE } from './text-limits.js';
export { commitEvent, createBranchAs, createTagAs, deleteBranchAs } from './ref-changes.js';
export { saveReadme, type ReadmeEdit, type ReadmeSaved } from './readme.js';
export { forkDataset, forksOf, readableDataset, type ReadableDataset } from './forks.js';
