// The service records of proposals, named by what the services return (graphql never imports models).
import type {
  commitStatuses,
  getProposal,
  listProtections,
  proposalStatus,
  reviewsOfProposals,
} from '@strata/services/collaboration';

export type ProposalRecord = Awaited<ReturnType<typeof getProposal>>;
export type ReviewRecordView = Awaited<ReturnType<typeof reviewsOfProposals>>[number][number];
export type ReviewViewRecord = Awaited<ReturnType<typeof proposalStatus>>['reviews'][number];
export type CommitStatusRecord = Awaited<ReturnType<typeof commitStatuses>>[number];
export type ProtectionRule = Awaited<ReturnType<typeof listProtections>>[number];
