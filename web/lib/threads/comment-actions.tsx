'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import { graphql } from '../../gql';
import { field, mutate, type Outcome } from '../mutate';

const EditCommentMutation = graphql(`
  mutation EditComment($dataset: String!, $id: ID!, $body: String!) {
    editComment(dataset: $dataset, id: $id, body: $body) {
      id
    }
  }
`);
const DeleteCommentMutation = graphql(`
  mutation DeleteComment($dataset: String!, $id: ID!) {
    deleteComment(dataset: $dataset, id: $id) {
      id
    }
  }
`);

/**
 * A comment's own controls: its author edits it in place; its author or a dataset admin deletes
 * it, after saying so a second time (the thread keeps a tombstone). The page re-renders after.
 */
export function CommentActions({
  dataset,
  id,
  body,
  canEdit,
  canDelete,
}: {
  dataset: string;
  id: string;
  body: string;
  canEdit: boolean;
  canDelete: boolean;
}) {
  const router = useRouter();
  const fieldId = useId();
  const [mode, setMode] = useState<'idle' | 'editing' | 'deleting'>('idle');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const run = async (change: () => Promise<Outcome<unknown>>) => {
    setBusy(true);
    setError(undefined);
    const outcome = await change();
    setBusy(false);
    if (!outcome.ok) {
      setError(outcome.message);
      return;
    }
    setMode('idle');
    router.refresh();
  };
  const save = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const edited = field(new FormData(event.currentTarget), 'body').trim();
    if (edited === '') {
      setError('A comment cannot be empty: delete it instead.');
      return;
    }
    void run(() => mutate(EditCommentMutation, { dataset, id, body: edited }));
  };
  return (
    <div className="stack">
      {mode === 'idle' && (
        <p className="inline">
          {canEdit && (
            <button type="button" onClick={() => setMode('editing')}>
              Edit comment
            </button>
          )}{' '}
          {canDelete && (
            <button type="button" onClick={() => setMode('deleting')}>
              Delete comment
            </button>
          )}
        </p>
      )}
      {mode === 'editing' && (
        <form className="stack" aria-label="Edit the comment" onSubmit={save}>
          <div>
            <label htmlFor={fieldId}>Edited comment</label>
            <textarea id={fieldId} name="body" rows={4} defaultValue={body} />
          </div>
          <p className="inline">
            <button type="submit" disabled={busy}>
              {busy ? 'Saving…' : 'Save'}
            </button>{' '}
            <button type="button" disabled={busy} onClick={() => setMode('idle')}>
              Cancel
            </button>
          </p>
        </form>
      )}
      {mode === 'deleting' && (
        <p className="inline" role="group" aria-label="Delete the comment?">
          Delete this comment? Its text is removed for good.{' '}
          <button
            type="button"
            disabled={busy}
            onClick={() => void run(() => mutate(DeleteCommentMutation, { dataset, id }))}
          >
            {busy ? 'Deleting…' : 'Yes, delete it'}
          </button>{' '}
          <button type="button" disabled={busy} onClick={() => setMode('idle')}>
            Keep it
          </button>
        </p>
      )}
      {error !== undefined && (
        <p role="alert" className="notice">
          {error}
        </p>
      )}
    </div>
  );
}
