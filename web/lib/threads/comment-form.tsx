'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { graphql } from '../../gql';
import { field, mutate } from '../mutate';

const AddCommentMutation = graphql(`
  mutation AddComment($dataset: String!, $number: Int!, $body: String!) {
    addComment(dataset: $dataset, number: $number, body: $body) {
      id
    }
  }
`);

/** Adds a plain-text comment to issue or proposal #number, then re-renders the thread. */
export function CommentForm({ dataset, number }: { dataset: string; number: number }) {
  const router = useRouter();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const body = field(new FormData(form), 'comment').trim();
    if (body === '') {
      setError('Write something first.');
      return;
    }
    setBusy(true);
    setError(undefined);
    const outcome = await mutate(AddCommentMutation, { dataset, number, body });
    setBusy(false);
    if (!outcome.ok) {
      setError(outcome.message);
      return;
    }
    form.reset();
    router.refresh();
  };
  return (
    <form className="stack" aria-label="Add a comment" onSubmit={(event) => void submit(event)}>
      <div>
        <label htmlFor="comment">Comment</label>
        <textarea id="comment" name="comment" rows={4} />
      </div>
      {error !== undefined && (
        <p role="alert" className="notice">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? 'Commenting…' : 'Comment'}
      </button>
    </form>
  );
}
