/** The channel every audit append notifies, with the event's seq as the payload. */
export const EVENTS_CHANNEL = 'strata_events';

/**
 * Why a listener calls back: `notified`, events were committed (at least the one it names, maybe
 * more); `connected`, the listening connection was (re)established, so notifications sent while
 * it was down are lost and the caller must catch up from the log.
 */
export type EventSignal = 'notified' | 'connected';

/** A running listener on the events channel; `close` stops it (and any reconnecting). */
export interface EventListener {
  close(): Promise<void>;
}

export interface EventListenerOptions {
  /** Receives why a dropped listening connection could not be re-established yet (it keeps trying). */
  onError?: (error: unknown) => void;
  /** The first delay before reconnecting, doubled after each failure up to `maxDelayMs`. */
  minDelayMs?: number;
  maxDelayMs?: number;
}
