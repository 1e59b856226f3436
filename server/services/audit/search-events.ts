import { StrataError } from '@strata/modules/errors';
import type { Actor } from '../access/actor.js';
import { openDataset, requireSiteAdmin } from '../access/require-access.js';
import { publishedEvent, type PublishedEvent } from '../events/published-event.js';
import type { VersioningDeps } from '../versioning/versioning-deps.js';

/** Which events to list, newest first; every filter given must match. */
export interface EventSearch {
  /** `owner/name`. */
  dataset?: string;
  /** An action, or a prefix ending in a dot (`token.`). */
  action?: string;
  /** The acting user's login. */
  actor?: string;
  first: number;
  /** The previous page's `next`. */
  after?: string;
}

/**
 * A page of the audit log: one dataset's for its admins, all of it for site admins; `next` is
 * there when older events remain.
 */
export async function searchEvents(
  deps: VersioningDeps,
  actor: Actor,
  search: EventSearch,
): Promise<{ events: PublishedEvent[]; next?: string }> {
  // A dataset's own log is its admins' to read; the whole log (accounts, tokens) is the site's.
  const datasetId =
    search.dataset === undefined ? undefined : (await openDataset(deps, actor, search.dataset, 'admin')).id;
  if (datasetId === undefined) requireSiteAdmin(actor);
  if (search.after !== undefined && !/^[1-9][0-9]{0,15}$/.test(search.after)) {
    throw new StrataError('audit.invalid_cursor', 'invalid', 'after must be a cursor this API returned.', {
      details: { after: search.after },
    });
  }
  const rows = await deps.database.read().audit.search({
    ...(datasetId !== undefined && { datasetId }),
    ...(search.action !== undefined && { action: search.action }),
    ...(search.actor !== undefined && { actorLogin: search.actor }),
    ...(search.after !== undefined && { beforeSeq: Number(search.after) }),
    limit: search.first + 1,
  });
  const events = rows.slice(0, search.first).map(publishedEvent);
  const last = events.at(-1);
  return { events, ...(rows.length > search.first && last !== undefined && { next: String(last.seq) }) };
}
