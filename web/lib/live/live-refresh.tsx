'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { createClient } from 'graphql-ws/client';
import { graphql } from '../../gql';

const DatasetEventsSubscription = graphql(`
  subscription DatasetEvents($dataset: String!, $actions: [String!]) {
    datasetEvents(dataset: $dataset, actions: $actions) {
      seq
      action
      subject
    }
  }
`);

type Connection = 'connecting' | 'live' | 'paused' | 'refused';

/** The server's close code for credentials it will not take (a session that ended): retrying cannot help. */
const FORBIDDEN = 4403;

function refused(event: unknown): boolean {
  return typeof event === 'object' && event !== null && 'code' in event && event.code === FORBIDDEN;
}

/**
 * How long to wait before reconnecting: 0.5 s, doubling up to 5 s. A wait still pending when the
 * page unsubscribes just runs out: with no subscription left, graphql-ws does not reconnect.
 */
function backoff(retries: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.min(500 * 2 ** retries, 5000)));
}

/** Whether an event's subject is one this page shows: any when none are named. */
function concerns(subject: string | null | undefined, subjects: readonly string[] | undefined): boolean {
  return subjects === undefined || (subject !== null && subject !== undefined && subjects.includes(subject));
}

/**
 * Keeps a server-rendered page current: subscribes to the dataset's events over this origin's
 * /graphql websocket (the session cookie authenticates the upgrade) and re-renders the page
 * (router.refresh) when one it shows arrives. While the socket is down a banner says so; it
 * reconnects on its own and refreshes once back, since events may have been missed meanwhile.
 */
export function LiveRefresh({
  dataset,
  actions,
  subjects,
}: {
  /** owner/name */
  dataset: string;
  /** Action names or prefixes ending in a dot (`proposal.`). */
  actions: string[];
  /** Event subjects that concern this page (`ada/ct#3`, `ada/ct@main`); any when absent. */
  subjects?: string[];
}) {
  const router = useRouter();
  const [connection, setConnection] = useState<Connection>('connecting');
  const key = JSON.stringify([dataset, actions, subjects]);
  useEffect(() => {
    const [watched, kinds, wanted] = JSON.parse(key) as [string, string[], string[] | undefined];
    let everConnected = false;
    // A burst of events (a merge writes several) becomes one re-render.
    let pending: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      clearTimeout(pending);
      pending = setTimeout(() => router.refresh(), 150);
    };
    const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    const client = createClient({
      url: `${protocol}//${window.location.host}/graphql`,
      retryAttempts: Number.POSITIVE_INFINITY,
      shouldRetry: (event) => !refused(event),
      retryWait: backoff,
      keepAlive: 10_000,
      on: {
        connected: () => {
          setConnection('live');
          if (everConnected) refresh();
          everConnected = true;
        },
        closed: (event) => setConnection(refused(event) ? 'refused' : 'paused'),
        error: () => setConnection('paused'),
      },
    });
    const unsubscribe = client.subscribe<{ datasetEvents: { action: string; subject?: string | null } }>(
      { query: DatasetEventsSubscription.toString(), variables: { dataset: watched, actions: kinds } },
      {
        next: (result) => {
          if (
            result.data !== undefined &&
            result.data !== null &&
            concerns(result.data.datasetEvents.subject, wanted)
          ) {
            refresh();
          }
        },
        error: (error) => setConnection(refused(error) ? 'refused' : 'paused'),
        complete: () => undefined,
      },
    );
    return () => {
      clearTimeout(pending);
      unsubscribe();
      void client.dispose();
    };
  }, [key, router]);
  return (
    <div role="status" className="live" data-live={connection}>
      {connection === 'paused' && <p className="notice">Live updates paused — reconnecting…</p>}
      {connection === 'refused' && (
        <p className="notice">Live updates are off: your session has ended. Sign in again, then reload.</p>
      )}
    </div>
  );
}
