import type { PGlite } from '@electric-sql/pglite';
import { EVENTS_CHANNEL, type EventListener, type EventSignal } from './event-listener.js';

/**
 * PGlite's own LISTEN: one process owns the data directory, and PGlite hands a NOTIFY to its
 * listeners when the notifying transaction commits (never for one that rolls back), exactly as
 * PostgreSQL does. The callback runs inside PGlite's query processing: the caller only schedules
 * its read there.
 */
export async function listenOnPglite(pglite: PGlite, onSignal: (signal: EventSignal) => void): Promise<EventListener> {
  const unlisten = await pglite.listen(EVENTS_CHANNEL, () => onSignal('notified'));
  onSignal('connected');
  return { close: () => unlisten() };
}
