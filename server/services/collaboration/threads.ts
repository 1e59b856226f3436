import { StrataError } from '@strata/modules/errors';
import type { DatasetRecord } from '@strata/models';
import { authRequired } from '../access/access-errors.js';
import type { Actor, UserActor } from '../access/actor.js';

/**
 * The user writing a thread, review or comment; undefined for the operator (the local CLI, which
 * writes as no account); `auth.required` when anonymous.
 */
export function needsUser(actor: Actor, _what: string): UserActor | undefined {
  if (actor.kind === 'anonymous') throw authRequired();
  return actor.kind === 'user' ? actor : undefined;
}

/** A text field within its length bounds (in characters), trimmed of nothing: what was typed is kept. */
export function checkText(field: string, value: string, min: number, max: number): string {
  const length = [...value].length;
  if (length < min || length > max || (min > 0 && value.trim() === '')) {
    throw new StrataError(
      'input.invalid',
      'invalid',
      min > 0 ? `${field} must be 1–${max} characters.` : `${field} must be at most ${max} characters.`,
      { details: { field } },
    );
  }
  return value;
}

/** How the audit log names a thread: `lab/ct#12`. */
export function subjectOf(dataset: DatasetRecord, number: number): string {
  return `${dataset.owner}/${dataset.name}#${number}`;
}
