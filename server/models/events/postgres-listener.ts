import pg, { type Client } from 'pg';
import { EVENTS_CHANNEL, type EventListener, type EventListenerOptions, type EventSignal } from './event-listener.js';

/**
 * LISTENs on a connection of its own (a pooled one would be handed to queries, and a LISTEN
 * belongs to its session). When the connection drops it reconnects with exponential backoff and
 * signals `connected`, so the caller reads what it missed from the log: notifications are only a
 * wake-up, never the data.
 */
export async function listenOnPostgres(
  url: string,
  onSignal: (signal: EventSignal) => void,
  options: EventListenerOptions = {},
): Promise<EventListener> {
  const minDelay = options.minDelayMs ?? 100;
  const maxDelay = options.maxDelayMs ?? 10_000;
  let current: Client | undefined;
  let closed = false;
  let delay = minDelay;
  let timer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: url, application_name: 'strata-events' });
    const dropped = () => {
      if (client !== current) return;
      current = undefined;
      client.end().catch(() => undefined);
      if (!closed) schedule();
    };
    client.on('error', dropped);
    client.on('end', dropped);
    client.on('notification', (message) => {
      if (message.channel === EVENTS_CHANNEL) onSignal('notified');
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (closed) {
      await client.end().catch(() => undefined);
      return;
    }
    current = client;
    delay = minDelay;
    onSignal('connected');
  };

  const schedule = () => {
    timer = setTimeout(() => {
      timer = undefined;
      connect().catch((error: unknown) => {
        options.onError?.(error);
        delay = Math.min(delay * 2, maxDelay);
        if (!closed) schedule();
      });
    }, delay);
  };

  await connect();
  return {
    async close() {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      const client = current;
      current = undefined;
      await client?.end().catch(() => undefined);
    },
  };
}
