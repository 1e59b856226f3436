'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { graphql } from '../../../../../gql';
import type { ReviewVerdict } from '../../../../../gql/graphql';
import { field, mutate } from '../../../../../lib/mutate';

const ReviewProposalMutation = graphql(`
  mutation ReviewProposal(
    $dataset: String!
    $number: Int!
    $verdict: ReviewVerdict!
    $body: String!
    $commitId: String
  ) {
    reviewProposal(dataset: $dataset, number: $number, verdict: $verdict, body: $body, commitId: $commitId) {
      id
    }
  }
`);

const VERDICTS: [ReviewVerdict, string][] = [
  ['APPROVE', 'Approve'],
  ['REQUEST_CHANGES', 'Request changes'],
  ['COMMENT', 'Comment only'],
];

/**
 * A review of the head this page showed (`commitId`): if the source has moved since, the API
 * refuses it (proposal.head_moved) and the message says to look again.
 */
export function ReviewForm({
  dataset,
  number,
  headCommitId,
}: {
  dataset: string;
  number: number;
  headCommitId: string;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setBusy(true);
    setError(undefined);
    const outcome = await mutate(ReviewProposalMutation, {
      dataset,
      number,
      verdict: field(data, 'verdict') as ReviewVerdict,
      body: field(data, 'review-body'),
      commitId: headCommitId,
    });
    setBusy(false);
    if (!outcome.ok) {
      setError(outcome.message);
      return;
    }
    form.reset();
    router.refresh();
  };
  return (
    <form className="stack box" aria-labelledby="review-title" onSubmit={(event) => void submit(event)}>
      <h2 id="review-title">Review</h2>
      <p className="muted">
        Of the changes at <code>{headCommitId.slice(0, 12)}</code>.
      </p>
      <fieldset>
        <legend>Verdict</legend>
        {VERDICTS.map(([verdict, label]) => (
          <label key={verdict} className="choice">
            <input type="radio" name="verdict" value={verdict} defaultChecked={verdict === 'COMMENT'} /> {label}
          </label>
        ))}
      </fieldset>
      <div>
        <label htmlFor="review-body">Review comment</label>
        <textarea id="review-body" name="review-body" rows={3} />
      </div>
      {error !== undefined && (
        <p role="alert" className="notice">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? 'Submitting…' : 'Submit review'}
      </button>
    </form>
  );
}
