import { defineEntity, p } from '@mikro-orm/core';

/**
 * One event of the append-only audit log (docs/design/collaboration.md): who did what to which
 * dataset or subject, chained by hash to the event before it. Rows are never updated or deleted;
 * no foreign keys, so the log outlives what it names (a deleted user, token or dataset).
 */
export const AuditEventSchema = defineEntity({
  name: 'AuditEvent',
  tableName: 'audit_event',
  properties: {
    seq: p.bigint('number').primary().autoincrement(false),
    at: p.datetime(),
    actorKind: p.enum(['anonymous', 'operator', 'user'] as const),
    actorId: p.uuid().nullable(),
    actorLogin: p.string().length(100).nullable(),
    tokenId: p.uuid().nullable(),
    action: p.string().length(100),
    datasetId: p.uuid().nullable().index('audit_event_dataset_id_index'),
    subject: p.string().length(300).nullable(),
    /** Canonical JSON (sorted keys): exactly the bytes the hash covers. */
    data: p.text(),
    prevHash: p.blob().columnType('bytea'),
    hash: p.blob().columnType('bytea'),
  },
});

export class AuditEvent extends AuditEventSchema.class {}
AuditEventSchema.setClass(AuditEvent);

/** The chain's head (one row): appends lock it, so concurrent writers still make one chain. */
export const AuditHeadSchema = defineEntity({
  name: 'AuditHead',
  tableName: 'audit_head',
  properties: {
    id: p.smallint().primary().autoincrement(false),
    seq: p.bigint('number'),
    hash: p.blob().columnType('bytea'),
  },
});

export class AuditHead extends AuditHeadSchema.class {}
AuditHeadSchema.setClass(AuditHead);
