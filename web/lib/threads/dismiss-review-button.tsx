'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { graphql } from '../../gql';
import { mutate } from '../mutate';

const DismissReviewMutation = graphql(`
  mutation DismissReview($dataset: String!, $number: Int!, $reviewId: ID!) {
    dismissReview(dataset: $dataset, number: $number, reviewId: $reviewId) {
      id
      dismissed
    }
  }
`);

/** A dataset admin's control on a review that counts: dismissed, it no longer does (the merge box follows). */
export function DismissReviewButton({
  dataset,
  number,
  reviewId,
  reviewer,
}: {
  dataset: string;
  number: number;
  reviewId: string;
  reviewer: string;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const dismiss = async () => {
    setBusy(true);
    setError(undefined);
    const outcome = await mutate(DismissReviewMutation, { dataset, number, reviewId });
    setBusy(false);
    if (outcome.ok) router.refresh();
    else setError(outcome.message);
  };
  return (
    <p className="inline">
      <button type="button" disabled={busy} onClick={() => void dismiss()}>
        {busy ? 'Dismissing…' : `Dismiss ${reviewer}’s review`}
      </button>
      {error !== undefined && (
        <span role="alert" className="notice">
          {error}
        </span>
      )}
    </p>
  );
}
