'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { graphql } from '../../gql';
import { field, mutate, type Outcome } from '../mutate';

const SetLabelMutation = graphql(`
  mutation SetLabel($dataset: String!, $number: Int!, $label: String!, $on: Boolean!) {
    setLabel(dataset: $dataset, number: $number, label: $label, on: $on)
  }
`);
const SetAssigneeMutation = graphql(`
  mutation SetAssignee($dataset: String!, $number: Int!, $login: String!, $assigned: Boolean!) {
    setAssignee(dataset: $dataset, number: $number, login: $login, assigned: $assigned)
  }
`);

const CreateLabelMutation = graphql(`
  mutation CreateLabel($dataset: String!, $name: String!, $color: String!, $description: String) {
    createLabel(dataset: $dataset, name: $name, color: $color, description: $description) {
      name
    }
  }
`);

/** Writers' controls on an issue or a proposal: the dataset's labels on or off, people assigned or not. */
export function ThreadMetaForm(props: {
  dataset: string;
  number: number;
  labels: string[];
  applied: string[];
  assignees: string[];
}) {
  const router = useRouter();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const run = async (change: () => Promise<Outcome<unknown>>) => {
    setBusy(true);
    setError(undefined);
    const outcome = await change();
    setBusy(false);
    if (outcome.ok) router.refresh();
    else setError(outcome.message);
  };
  const thread = { dataset: props.dataset, number: props.number };
  const assign = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const login = field(new FormData(form), 'login').trim();
    if (login === '') return;
    void run(() => mutate(SetAssigneeMutation, { ...thread, login, assigned: true })).then(() => form.reset());
  };
  /** A new label for the dataset, put on this thread at once. */
  const createLabel = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const name = field(data, 'name').trim();
    const description = field(data, 'description').trim();
    if (name === '') return;
    void run(async () => {
      const created = await mutate(CreateLabelMutation, {
        dataset: props.dataset,
        name,
        color: field(data, 'color'),
        description: description === '' ? null : description,
      });
      return created.ok ? mutate(SetLabelMutation, { ...thread, label: name, on: true }) : created;
    }).then(() => form.reset());
  };
  return (
    <section aria-labelledby="meta-title" className="box stack">
      <h2 id="meta-title">Labels and assignees</h2>
      {props.labels.length === 0 ? (
        <p className="muted">This dataset has no labels yet.</p>
      ) : (
        <fieldset disabled={busy}>
          <legend>Labels</legend>
          {props.labels.map((label) => (
            // Keyed by its state on the server: a refresh that changes it resets the box.
            <label key={`${label}:${String(props.applied.includes(label))}`} className="choice">
              <input
                type="checkbox"
                defaultChecked={props.applied.includes(label)}
                onChange={(event) => {
                  const on = event.currentTarget.checked;
                  void run(() => mutate(SetLabelMutation, { ...thread, label, on }));
                }}
              />{' '}
              {label}
            </label>
          ))}
        </fieldset>
      )}
      {props.assignees.length > 0 && (
        <ul aria-label="Assignees">
          {props.assignees.map((login) => (
            <li key={login}>
              {login}{' '}
              <button
                type="button"
                disabled={busy}
                onClick={() => void run(() => mutate(SetAssigneeMutation, { ...thread, login, assigned: false }))}
              >
                Unassign {login}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="inline" onSubmit={createLabel} aria-label="Create a label">
        <div>
          <label htmlFor="label-name">New label</label>
          <input id="label-name" name="name" size={16} maxLength={50} />
        </div>
        <div>
          <label htmlFor="label-color">Colour</label>
          <input id="label-color" name="color" type="color" defaultValue="#d73a4a" />
        </div>
        <div>
          <label htmlFor="label-description">Description</label>
          <input id="label-description" name="description" size={24} />
        </div>
        <button type="submit" disabled={busy}>
          Create and add
        </button>
      </form>
      <form className="inline" onSubmit={assign} aria-label="Assign someone">
        <div>
          <label htmlFor="assignee-login">Assign (login)</label>
          <input id="assignee-login" name="login" size={16} />
        </div>
        <button type="submit" disabled={busy}>
          Assign
        </button>
      </form>
      {error !== undefined && (
        <p role="alert" className="notice">
          {error}
        </p>
      )}
    </section>
  );
}
