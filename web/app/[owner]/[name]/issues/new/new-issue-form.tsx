'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { graphql } from '../../../../../gql';
import { field, mutate } from '../../../../../lib/mutate';
import { paths } from '../../../../../lib/paths';

const OpenIssueMutation = graphql(`
  mutation OpenIssue($dataset: String!, $title: String!, $body: String) {
    openIssue(dataset: $dataset, title: $title, body: $body) {
      number
    }
  }
`);

/** A title and a description; opens the issue and goes to it. */
export function NewIssueForm(props: { dataset: string; owner: string; name: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    const outcome = await mutate(OpenIssueMutation, {
      dataset: props.dataset,
      title: field(form, 'title'),
      body: field(form, 'body'),
    });
    if (outcome.ok) {
      router.push(paths.issue(props.owner, props.name, outcome.data.openIssue.number));
      return;
    }
    setError(outcome.message);
    setBusy(false);
  };
  return (
    <form className="stack" onSubmit={(event) => void submit(event)}>
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
        {busy ? 'Opening…' : 'Open issue'}
      </button>
    </form>
  );
}
