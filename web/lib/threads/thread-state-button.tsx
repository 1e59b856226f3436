'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { graphql } from '../../gql';
import { mutate, type Outcome } from '../mutate';

const CloseProposalMutation = graphql(`
  mutation CloseProposal($dataset: String!, $number: Int!) {
    closeProposal(dataset: $dataset, number: $number) {
      state
    }
  }
`);
const ReopenProposalMutation = graphql(`
  mutation ReopenProposal($dataset: String!, $number: Int!) {
    reopenProposal(dataset: $dataset, number: $number) {
      state
    }
  }
`);
const CloseIssueMutation = graphql(`
  mutation CloseIssue($dataset: String!, $number: Int!) {
    closeIssue(dataset: $dataset, number: $number) {
      state
    }
  }
`);
const ReopenIssueMutation = graphql(`
  mutation ReopenIssue($dataset: String!, $number: Int!) {
    reopenIssue(dataset: $dataset, number: $number) {
      state
    }
  }
`);

/** Closes an open issue or proposal, or reopens a closed one. */
export function ThreadStateButton({
  dataset,
  number,
  kind,
  open,
}: {
  dataset: string;
  number: number;
  kind: 'issue' | 'proposal';
  open: boolean;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setError(undefined);
    const variables = { dataset, number };
    const outcome: Outcome<unknown> =
      kind === 'issue'
        ? open
          ? await mutate(CloseIssueMutation, variables)
          : await mutate(ReopenIssueMutation, variables)
        : open
          ? await mutate(CloseProposalMutation, variables)
          : await mutate(ReopenProposalMutation, variables);
    setBusy(false);
    if (outcome.ok) router.refresh();
    else setError(outcome.message);
  };
  return (
    <div>
      <button type="button" disabled={busy} onClick={() => void run()}>
        {open ? `Close ${kind}` : `Reopen ${kind}`}
      </button>
      {error !== undefined && (
        <p role="alert" className="notice">
          {error}
        </p>
      )}
    </div>
  );
}
