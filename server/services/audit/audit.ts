import type { AuditEntry, AuditRecord, VersioningRepositories } from '@strata/models';
import { auditHash, canonicalJson, GENESIS_HASH } from '@strata/modules/audit';
import type { Actor } from '../access/actor.js';
import { requireSiteAdmin } from '../access/require-access.js';
import { findDataset } from '../versioning/datasets.js';
import type { VersioningDeps } from '../versioning/versioning-deps.js';

/** What an event is about, beside who did it and what it was. */
export interface AuditTarget {
  datasetId?: string;
  /** What was acted on, named for people: `user:ada`, `token:strata_ab12…`, `lab/ct@main`. */
  subject?: string;
  data?: Record<string, unknown>;
}

/**
 * Records an event in the audit log inside the transaction of the change it describes (pass that
 * transaction's repositories): the event exists exactly when the change does.
 */
export async function recordEvent(
  repositories: VersioningRepositories,
  deps: VersioningDeps,
  actor: Actor,
  action: string,
  target: AuditTarget = {},
): Promise<AuditRecord> {
  return repositories.audit.append(entryOf(actor, action, target), deps.now());
}

function entryOf(actor: Actor, action: string, target: AuditTarget): AuditEntry {
  return {
    actorKind: actor.kind,
    actorId: actor.kind === 'user' ? actor.userId : null,
    actorLogin: actor.kind === 'user' ? actor.login : null,
    tokenId: actor.kind === 'user' ? (actor.token?.tokenId ?? null) : null,
    action,
    datasetId: target.datasetId ?? null,
    subject: target.subject ?? null,
    data: canonicalJson(target.data ?? {}),
  };
}

/** The outcome of checking the whole chain. */
export interface AuditVerification {
  events: number;
  /** The last event's hash, hex (64 zeros when there are none). */
  head: string;
  /** The first event whose stored hashes do not follow from the chain, if any. */
  broken?: { seq: number; reason: string };
}

/**
 * Recomputes every event's hash from the one before it, in order, and checks the head: an event
 * edited, deleted or inserted after the fact breaks the chain at that event.
 */
export async function verifyAudit(deps: VersioningDeps): Promise<AuditVerification> {
  const audit = deps.database.read().audit;
  let previous: Uint8Array = GENESIS_HASH;
  let seq = 0;
  let events = 0;
  for (;;) {
    const page = await audit.after(seq, 1000);
    for (const event of page) {
      if (event.seq !== seq + 1) return result(events, previous, { seq: seq + 1, reason: 'missing event' });
      if (!equal(event.prevHash, previous)) {
        return result(events, previous, { seq: event.seq, reason: 'prev_hash is not the previous event’s hash' });
      }
      const { prevHash: _prev, hash, ...facts } = event;
      if (!equal(auditHash(previous, facts), hash)) {
        return result(events, previous, { seq: event.seq, reason: 'hash does not match the event' });
      }
      previous = hash;
      seq = event.seq;
      events++;
    }
    if (page.length < 1000) break;
  }
  const head = await audit.head();
  if (head.seq !== seq || !equal(head.hash, previous)) {
    return result(events, previous, { seq: head.seq, reason: 'the head does not match the last event' });
  }
  return result(events, previous);
}

function result(events: number, head: Uint8Array, broken?: AuditVerification['broken']): AuditVerification {
  return { events, head: Buffer.from(head).toString('hex'), ...(broken !== undefined && { broken }) };
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a).equals(Buffer.from(b));
}

/** The latest events, newest first, optionally of one dataset (site admins only). */
export async function latestEvents(
  deps: VersioningDeps,
  actor: Actor,
  limit: number,
  dataset?: string,
): Promise<AuditRecord[]> {
  requireSiteAdmin(actor);
  const datasetId = dataset === undefined ? undefined : (await findDataset(deps, dataset)).id;
  return deps.database.read().audit.latest(limit, datasetId);
}

/** Verifies the chain (site admins only); see verifyAudit. */
export async function verifyAuditAs(deps: VersioningDeps, actor: Actor): Promise<AuditVerification> {
  requireSiteAdmin(actor);
  return verifyAudit(deps);
}
