'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { graphql } from '../../../../../gql';
import { mutate } from '../../../../../lib/mutate';
import { paths } from '../../../../../lib/paths';

const CreateReleaseMutation = graphql(`
  mutation CreateRelease(
    $dataset: String!
    $tag: String!
    $at: String
    $existingTag: Boolean!
    $title: String!
    $notes: String
    $citation: CitationInput!
  ) {
    createRelease(
      dataset: $dataset
      tag: $tag
      at: $at
      existingTag: $existingTag
      title: $title
      notes: $notes
      citation: $citation
    ) {
      tag
    }
  }
`);

/** `Name; affiliation; ORCID` per line, the last two optional. */
function authorsOf(text: string) {
  return text
    .split('\n')
    .map((line) => line.split(';').map((part) => part.trim()))
    .filter(([name]) => name !== undefined && name !== '')
    .map(([name = '', affiliation, orcid]) => ({
      name,
      ...(affiliation !== undefined && affiliation !== '' && { affiliation }),
      ...(orcid !== undefined && orcid !== '' && { orcid }),
    }));
}

/** Picks an existing tag or names a new one at a ref, then the title, notes and citation. */
export function ReleaseForm(props: { dataset: string; owner: string; name: string; tags: string[]; refs: string[] }) {
  const router = useRouter();
  const [source, setSource] = useState<'existing' | 'new'>(props.tags.length > 0 ? 'existing' : 'new');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (key: string) => {
      const value = form.get(key);
      return typeof value === 'string' ? value.trim() : '';
    };
    const existing = source === 'existing';
    setBusy(true);
    setError(undefined);
    const outcome = await mutate(CreateReleaseMutation, {
      dataset: props.dataset,
      tag: existing ? text('existing-tag') : text('new-tag'),
      at: existing ? null : text('at'),
      existingTag: existing,
      title: text('title'),
      notes: text('notes'),
      citation: {
        authors: authorsOf(text('authors')),
        version: text('version'),
        license: text('license'),
        doi: text('doi') === '' ? null : text('doi'),
      },
    });
    if (outcome.ok) {
      router.push(paths.release(props.owner, props.name, outcome.data.createRelease.tag));
      return;
    }
    setError(outcome.message);
    setBusy(false);
  };
  return (
    <form className="stack" aria-label="New release" onSubmit={(event) => void submit(event)}>
      <fieldset>
        <legend>What to release</legend>
        <label className="choice">
          <input
            type="radio"
            name="source"
            value="existing"
            checked={source === 'existing'}
            disabled={props.tags.length === 0}
            onChange={() => setSource('existing')}
          />{' '}
          An existing tag{props.tags.length === 0 && ' (every tag is released already)'}
        </label>
        <label className="choice">
          <input type="radio" name="source" value="new" checked={source === 'new'} onChange={() => setSource('new')} />{' '}
          A new tag at a branch or commit
        </label>
        {source === 'existing' ? (
          <div>
            <label htmlFor="existing-tag">Tag</label>
            <select id="existing-tag" name="existing-tag" required>
              {props.tags.map((tag) => (
                <option key={tag} value={tag}>
                  {tag}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <div className="inline-fields">
            <div>
              <label htmlFor="new-tag">New tag</label>
              <input id="new-tag" name="new-tag" required placeholder="v1.0" />
            </div>
            <div>
              <label htmlFor="at">At</label>
              <input id="at" name="at" list="release-refs" defaultValue={props.refs[0]} required />
              <datalist id="release-refs">
                {props.refs.map((ref) => (
                  <option key={ref} value={ref} />
                ))}
              </datalist>
            </div>
          </div>
        )}
      </fieldset>
      <div>
        <label htmlFor="title">Title</label>
        <input id="title" name="title" required maxLength={300} size={60} />
      </div>
      <div>
        <label htmlFor="notes">Notes</label>
        <textarea id="notes" name="notes" rows={5} />
      </div>
      <fieldset className="stack">
        <legend>Citation</legend>
        <div>
          <label htmlFor="authors">Authors</label>
          <textarea id="authors" name="authors" rows={3} required aria-describedby="authors-help" />
          <span id="authors-help" className="muted help">
            One per line: name; affiliation; ORCID iD (the last two optional).
          </span>
        </div>
        <div className="inline-fields">
          <div>
            <label htmlFor="version">Version</label>
            <input id="version" name="version" required size={10} placeholder="1.0" />
          </div>
          <div>
            <label htmlFor="license">License (SPDX)</label>
            <input id="license" name="license" required defaultValue="CC-BY-4.0" size={14} />
          </div>
          <div>
            <label htmlFor="doi">DOI (optional)</label>
            <input id="doi" name="doi" placeholder="10.5281/zenodo.123" />
          </div>
        </div>
      </fieldset>
      {error !== undefined && (
        <p role="alert" className="notice">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? 'Publishing…' : 'Publish release'}
      </button>
    </form>
  );
}
