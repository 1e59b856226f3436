import type { AuditEventView } from '@strata/models';

/** An event as subscribers and the audit log query see it (docs/design/collaboration.md). */
export interface PublishedEvent {
  seq: number;
  at: Date;
  action: string;
  /** The acting user's login when recorded; null for the operator and anonymous actors. */
  actor: string | null;
  datasetId: string | null;
  /** `owner/name` of the dataset now; null when the event names none, or it no longer exists. */
  dataset: string | null;
  subject: string | null;
  data: Record<string, unknown>;
}

export function publishedEvent(view: AuditEventView): PublishedEvent {
  return {
    seq: view.seq,
    at: view.at,
    action: view.action,
    actor: view.actorLogin,
    datasetId: view.datasetId,
    dataset: view.dataset === null ? null : `${view.dataset.owner}/${view.dataset.name}`,
    subject: view.subject,
    data: JSON.parse(view.data) as Record<string, unknown>,
  };
}
