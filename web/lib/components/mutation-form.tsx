'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import type { TypedDocumentString } from '../../gql/graphql';
import { mutate } from '../mutate';
import { CopyButton } from './copy-button';

/** One input of a form; its value becomes the GraphQL variable of the same name. */
export interface FieldSpec {
  name: string;
  label: string;
  kind?: 'text' | 'number' | 'checkbox' | 'select' | 'textarea' | 'date';
  options?: { value: string; label: string }[];
  required?: boolean;
  placeholder?: string;
  defaultValue?: string | number | boolean;
  /** A comma-separated list, sent as a list of strings. */
  list?: boolean;
  /** Sent exactly as typed, spaces and final newline kept (a document, not a name). */
  raw?: boolean;
  /** A textarea's height in lines (5 by default). */
  rows?: number;
  help?: string;
}

interface Props {
  /** The mutation document (a typed `graphql(…)` document's text, checked against the schema by codegen). */
  mutation: string;
  /** Variables that are not inputs (the dataset, a grantee). */
  fixed?: Record<string, unknown>;
  fields?: FieldSpec[];
  submitLabel: string;
  /** An accessible name for the form. */
  label: string;
  /** A value in the answer to show once with a copy button (a secret), by its path in the data. */
  reveal?: { path: string[]; label: string };
  /** Where to go afterwards; `{}` is replaced by the (URL-encoded) value at `path` in the answer. */
  navigate?: { template: string; path?: string[] };
  /** Asks before sending (a destructive change). */
  confirm?: string;
  inline?: boolean;
}

/**
 * A form that sends one GraphQL mutation from the browser (with the session cookie) and then
 * reloads the server-rendered page, goes elsewhere, or shows a secret once. Refusals and a lost
 * connection are shown in words beside the form.
 */
export function MutationForm(props: Props) {
  const router = useRouter();
  const id = useId();
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const [secret, setSecret] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (props.confirm !== undefined && !window.confirm(props.confirm)) return;
    const form = event.currentTarget;
    const variables: Record<string, unknown> = { ...props.fixed };
    for (const field of props.fields ?? []) {
      const element = form.elements.namedItem(field.name) as HTMLInputElement | HTMLSelectElement | null;
      if (element === null) continue;
      if (field.kind === 'checkbox') variables[field.name] = (element as HTMLInputElement).checked;
      else if (field.raw === true) variables[field.name] = element.value;
      else if (element.value.trim() === '') variables[field.name] = field.list === true ? [] : null;
      else if (field.kind === 'number') variables[field.name] = Number(element.value);
      else if (field.kind === 'date') variables[field.name] = new Date(`${element.value}T23:59:59Z`).toISOString();
      else if (field.list === true)
        variables[field.name] = element.value
          .split(',')
          .map((item) => item.trim())
          .filter((item) => item !== '');
      else variables[field.name] = element.value.trim();
    }
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    const document = { toString: () => props.mutation } as unknown as TypedDocumentString<
      Record<string, unknown>,
      Record<string, unknown>
    >;
    const outcome = await mutate(document, variables);
    setBusy(false);
    if (!outcome.ok) {
      setError(outcome.message);
      return;
    }
    if (props.reveal !== undefined) setSecret(String(valueAt(outcome.data, props.reveal.path)));
    if (props.navigate !== undefined) {
      const value = props.navigate.path === undefined ? '' : String(valueAt(outcome.data, props.navigate.path));
      router.push(props.navigate.template.replace('{}', encodeURIComponent(value)));
      return;
    }
    // Inputs that start empty are emptied for the next entry; choices keep what was chosen,
    // which is now what the server holds.
    for (const field of props.fields ?? []) {
      const element = form.elements.namedItem(field.name);
      const blank = field.defaultValue === undefined && field.kind !== 'select' && field.kind !== 'checkbox';
      if (blank && (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement)) element.value = '';
    }
    setDone('Done.');
    router.refresh();
  };
  return (
    <form
      className={props.inline === true ? 'inline' : 'stack'}
      aria-label={props.label}
      onSubmit={(event) => void submit(event)}
    >
      {(props.fields ?? []).map((field) => (
        <Field key={field.name} field={field} id={`${id}-${field.name}`} />
      ))}
      <div>
        <button type="submit" disabled={busy}>
          {busy ? 'Working…' : props.submitLabel}
        </button>
        <span role="status" className="muted">
          {done === undefined ? '' : ` ${done}`}
        </span>
      </div>
      {error !== undefined && (
        <p role="alert" className="notice">
          {error}
        </p>
      )}
      {secret !== undefined && props.reveal !== undefined && (
        <div className="box secret" role="status">
          <label htmlFor={`${id}-revealed`}>{props.reveal.label}</label>
          <input id={`${id}-revealed`} readOnly value={secret} size={Math.min(secret.length + 2, 70)} />{' '}
          <CopyButton text={secret} label={`Copy: ${props.reveal.label}`} />
          <p className="muted">It is shown this once: copy it now.</p>
        </div>
      )}
    </form>
  );
}

function Field({ field, id }: { field: FieldSpec; id: string }) {
  const common = {
    id,
    name: field.name,
    required: field.required,
    'aria-describedby': field.help === undefined ? undefined : `${id}-help`,
  };
  const help =
    field.help === undefined ? null : (
      <span id={`${id}-help`} className="muted help">
        {field.help}
      </span>
    );
  if (field.kind === 'checkbox') {
    return (
      <div>
        <label className="choice" htmlFor={id}>
          <input {...common} type="checkbox" defaultChecked={field.defaultValue === true} /> {field.label}
        </label>
        {help}
      </div>
    );
  }
  return (
    <div>
      <label htmlFor={id}>{field.label}</label>
      {field.kind === 'select' ? (
        <select {...common} defaultValue={String(field.defaultValue ?? '')}>
          {(field.options ?? []).map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      ) : field.kind === 'textarea' ? (
        <textarea
          {...common}
          rows={field.rows ?? 5}
          defaultValue={String(field.defaultValue ?? '')}
          placeholder={field.placeholder}
        />
      ) : (
        <input
          {...common}
          type={field.kind ?? 'text'}
          min={field.kind === 'number' ? 0 : undefined}
          defaultValue={field.defaultValue === undefined ? undefined : String(field.defaultValue)}
          placeholder={field.placeholder}
        />
      )}
      {help}
    </div>
  );
}

function valueAt(data: unknown, path: string[]): unknown {
  return path.reduce<unknown>(
    (value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined),
    data,
  );
}
