'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { graphql } from '../../../../../gql';
import type { MergeMethod } from '../../../../../gql/graphql';
import { field, mutate } from '../../../../../lib/mutate';

const MergeProposalMutation = graphql(`
  mutation MergeProposal($dataset: String!, $number: Int!, $method: MergeMethod!, $expectedHeadId: String) {
    mergeProposal(dataset: $dataset, number: $number, method: $method, expectedHeadId: $expectedHeadId) {
      state
    }
  }
`);

/**
 * The merge button: disabled, with the reasons beside it, while the page's status says it cannot
 * merge; merges only the head this page showed (expectedHeadId), so a push meanwhile is refused.
 */
export function MergeForm(props: {
  dataset: string;
  number: number;
  headCommitId: string;
  reasons: string[];
  canFastForward: boolean;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const blocked = props.reasons.length > 0;
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const method = (field(new FormData(event.currentTarget), 'method') || 'MERGE') as MergeMethod;
    const outcome = await mutate(MergeProposalMutation, {
      dataset: props.dataset,
      number: props.number,
      method,
      expectedHeadId: props.headCommitId,
    });
    setBusy(false);
    if (outcome.ok) router.refresh();
    else setError(outcome.message);
  };
  return (
    <form className="stack" aria-label="Merge" onSubmit={(event) => void submit(event)}>
      <fieldset disabled={blocked}>
        <legend>Merge method</legend>
        <label className="choice">
          <input type="radio" name="method" value="MERGE" defaultChecked /> Merge commit (both parents kept)
        </label>
        <label className="choice">
          <input type="radio" name="method" value="FAST_FORWARD" disabled={!props.canFastForward} /> Fast-forward
          {!props.canFastForward && <span className="muted"> (not possible: the target has moved)</span>}
        </label>
      </fieldset>
      {blocked && (
        <ul id="merge-blockers" aria-label="Why it cannot merge">
          {props.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
      {error !== undefined && (
        <p role="alert" className="notice">
          {error}
        </p>
      )}
      <button type="submit" disabled={blocked || busy} aria-describedby={blocked ? 'merge-blockers' : undefined}>
        {busy ? 'Merging…' : 'Merge proposal'}
      </button>
    </form>
  );
}
