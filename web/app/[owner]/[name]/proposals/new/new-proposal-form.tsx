'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { graphql } from '../../../../../gql';
import { field, mutate } from '../../../../../lib/mutate';
import { paths } from '../../../../../lib/paths';

const OpenProposalMutation = graphql(`
  mutation OpenProposal($dataset: String!, $source: String!, $target: String!, $title: String!, $body: String!) {
    openProposal(dataset: $dataset, source: $source, target: $target, title: $title, body: $body) {
      number
    }
  }
`);

/** Source and target branches, a title and a description; opens the proposal and goes to it. */
export function NewProposalForm(props: {
  dataset: string;
  owner: string;
  name: string;
  branches: string[];
  source: string;
  target: string;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const [source, target] = [field(form, 'source'), field(form, 'target')];
    if (source === target) {
      setError('The source and the target are the same branch: pick two.');
      return;
    }
    setBusy(true);
    setError(undefined);
    const outcome = await mutate(OpenProposalMutation, {
      dataset: props.dataset,
      source,
      target,
      title: field(form, 'title'),
      body: field(form, 'body'),
    });
    if (outcome.ok) {
      router.push(paths.proposal(props.owner, props.name, outcome.data.openProposal.number));
      return;
    }
    setError(outcome.message);
    setBusy(false);
  };
  const options = props.branches.map((branch) => (
    <option key={branch} value={branch}>
      {branch}
    </option>
  ));
  return (
    <form className="stack" onSubmit={(event) => void submit(event)}>
      <div className="inline">
        <div>
          <label htmlFor="source">Merge changes from</label>
          <select id="source" name="source" defaultValue={props.source}>
            {options}
          </select>
        </div>
        <div>
          <label htmlFor="target">into</label>
          <select id="target" name="target" defaultValue={props.target}>
            {options}
          </select>
        </div>
      </div>
      <div>
        <label htmlFor="title">Title</label>
        <input id="title" name="title" required maxLength={200} size={60} />
      </div>
      <div>
        <label htmlFor="body">Description</label>
        <textarea id="body" name="body" rows={6} />
      </div>
      {error !== undefined && (
        <p role="alert" className="notice">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? 'Opening…' : 'Open proposal'}
      </button>
    </form>
  );
}
