import { createHash } from 'node:crypto';

/** The first event's `prevHash`: 32 zero bytes. */
export const GENESIS_HASH = new Uint8Array(32);

/** What an audit event says, as hashed (docs/design/collaboration.md). */
export interface AuditFacts {
  seq: number;
  at: Date;
  actorKind: 'anonymous' | 'operator' | 'user';
  actorId: string | null;
  actorLogin: string | null;
  tokenId: string | null;
  action: string;
  datasetId: string | null;
  subject: string | null;
  /** Canonical JSON (see canonicalJson). */
  data: string;
}

/** JSON with object keys sorted at every level: one text for one value, whatever the key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** SHA-256 of the previous event's hash followed by this event's facts as canonical JSON. */
export function auditHash(prevHash: Uint8Array, facts: AuditFacts): Uint8Array {
  const text = canonicalJson({ ...facts, at: facts.at.toISOString() });
  return new Uint8Array(createHash('sha256').update(prevHash).update(text, 'utf8').digest());
}
