import { StrataError } from '@strata/modules/errors';
import { openDataset, requireSiteAdmin } from '../access/index.js';
import { findDataset } from '../versioning/datasets.js';
import type { VersioningDeps } from '../versioning/versioning-deps.js';
import type { EventHub } from './event-hub.js';
import type { EventSession } from './event-session.js';
import type { PublishedEvent } from './published-event.js';

const MAX_ACTIONS = 50;

/**
 * The events of one dataset the session may read, from now on; `actions` keeps those named, or
 * starting with a prefix that ends in a dot (`proposal.`). Refused like any read of the dataset.
 */
export async function subscribeToDataset(
  deps: VersioningDeps,
  hub: EventHub,
  session: EventSession,
  fullName: string,
  actions?: readonly string[],
): Promise<AsyncIterableIterator<PublishedEvent>> {
  if (
    actions !== undefined &&
    (actions.length > MAX_ACTIONS || actions.some((a) => a.length === 0 || a.length > 100))
  ) {
    throw new StrataError(
      'events.invalid_filter',
      'invalid',
      `Filter by 0 to ${MAX_ACTIONS} actions of 1–100 characters (an action, or a prefix ending in a dot).`,
    );
  }
  const dataset = await openDataset(deps, session.actor, fullName, 'read');
  return hub.subscribe(session, {
    kind: 'dataset',
    datasetId: dataset.id,
    ...(actions !== undefined && { actions: [...actions] }),
  });
}

/** Every event from now on, or one dataset's: the audit log as it grows (site admins only). */
export async function subscribeToAudit(
  deps: VersioningDeps,
  hub: EventHub,
  session: EventSession,
  fullName?: string,
): Promise<AsyncIterableIterator<PublishedEvent>> {
  requireSiteAdmin(session.actor);
  const datasetId = fullName === undefined ? undefined : (await findDataset(deps, fullName)).id;
  return hub.subscribe(session, { kind: 'audit', ...(datasetId !== undefined && { datasetId }) });
}
