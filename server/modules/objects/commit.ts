import { createHash } from 'node:crypto';
import { isDigest, type Digest } from '../blob/index.js';
import { StrataError } from '../errors/index.js';

export interface Signature {
  name: string;
  email: string;
  /** ISO 8601 UTC with milliseconds, e.g. `2026-11-23T01:02:03.456Z`. */
  time: string;
}

/** A version of a dataset: its tree, the versions it came from, who made it and why. */
export interface Commit {
  tree: Digest;
  parents: Digest[];
  author: Signature;
  committer: Signature;
  message: string;
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Canonical JSON: fixed key order, no spaces, so a commit has exactly one encoding. */
export function encodeCommit(commit: Commit): Uint8Array {
  const signature = (s: Signature) => ({ name: s.name, email: s.email, time: s.time });
  validateCommit(commit);
  return Buffer.from(
    JSON.stringify({
      tree: commit.tree,
      parents: commit.parents,
      author: signature(commit.author),
      committer: signature(commit.committer),
      message: commit.message,
    }),
    'utf8',
  );
}

export function commitId(encoded: Uint8Array): Digest {
  return createHash('sha256').update('commit\0').update(encoded).digest('hex') as Digest;
}

/** Decodes and checks a commit; `object.corrupt` if it is not exactly a canonical commit. */
export function decodeCommit(encoded: Uint8Array, id?: Digest): Commit {
  let commit: Commit;
  try {
    commit = JSON.parse(Buffer.from(encoded).toString('utf8')) as Commit;
    if (!Buffer.from(encodeCommit(commit)).equals(Buffer.from(encoded))) throw new Error('not canonical');
  } catch (error) {
    throw new StrataError(
      'object.corrupt',
      'internal',
      `Commit ${id ?? commitId(encoded)} is corrupt: ${String(error)}.`,
      {
        cause: error,
      },
    );
  }
  return commit;
}

function validateCommit(commit: Commit): void {
  const problems: string[] = [];
  if (typeof commit.tree !== 'string' || !isDigest(commit.tree)) problems.push('tree is not a digest');
  if (!Array.isArray(commit.parents) || !commit.parents.every((p) => typeof p === 'string' && isDigest(p))) {
    problems.push('parents are not digests');
  } else if (new Set(commit.parents).size !== commit.parents.length) problems.push('a parent is listed twice');
  for (const [role, s] of [
    ['author', commit.author],
    ['committer', commit.committer],
  ] as const) {
    if (typeof s !== 'object' || s === null || typeof s.name !== 'string' || typeof s.email !== 'string') {
      problems.push(`${role} is not a name and an email`);
    } else if (typeof s.time !== 'string' || !ISO_UTC.test(s.time) || Number.isNaN(Date.parse(s.time))) {
      problems.push(`${role} time is not ISO 8601 UTC with milliseconds`);
    }
  }
  if (typeof commit.message !== 'string') problems.push('message is not a string');
  if (problems.length > 0)
    throw new StrataError('commit.invalid', 'invalid', `Invalid commit: ${problems.join('; ')}.`);
}
