export {
  dismissReview,
  getProposal,
  listProposals,
  mergeProposal,
  openProposal,
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
export { checkText, needsUser, subjectOf } from './threads.js';
