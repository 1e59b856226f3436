import { Arg, Ctx, Int, Query, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { StrataError } from '@strata/modules/errors';
import { searchEvents } from '@strata/services/audit';
import { subscribeToAudit, subscribeToDataset, type PublishedEvent } from '@strata/services/events';
import type { GraphqlContext } from '../context.js';
import { Event, EventConnection } from '../types/event-types.js';
import { pageSize } from './page-size.js';

interface DatasetEventsArgs {
  dataset: string;
  actions?: string[] | null;
}

/** The connection's hub and session; subscriptions exist over graphql-ws only. */
function eventsOf(context: GraphqlContext): NonNullable<GraphqlContext['events']> {
  if (context.events === undefined) {
    throw new StrataError(
      'graphql.subscriptions_over_websocket',
      'invalid',
      'Subscriptions are served over WebSocket (graphql-transport-ws) at /graphql.',
    );
  }
  return context.events;
}

function eventOf(event: PublishedEvent): Event {
  return {
    seq: event.seq,
    at: event.at,
    action: event.action,
    actor: event.actor,
    dataset: event.dataset,
    subject: event.subject,
    data: event.data,
  };
}

/** Domain events, live (subscriptions) and past (the audit log). */
@Resolver()
export class EventResolver {
  @Subscription(() => Event, {
    description:
      'The events of a dataset the viewer can read, from now on, in order; `actions` keeps those named or starting with a prefix ending in a dot (`proposal.`). Each event is authorised again before it is sent: a viewer who loses access stops receiving.',
    subscribe: async ({ args, context }: SubscribeResolverData<unknown, DatasetEventsArgs, GraphqlContext>) => {
      const { hub, session } = eventsOf(context);
      return subscribeToDataset(context.deps, hub, session, args.dataset, args.actions ?? undefined);
    },
  })
  datasetEvents(
    @Root() event: PublishedEvent,
    @Arg('dataset', () => String, { description: 'owner/name' }) _dataset: string,
    @Arg('actions', () => [String], { nullable: true }) _actions: string[] | null,
  ): Event {
    return eventOf(event);
  }

  @Subscription(() => Event, {
    description: 'Every event from now on, or one dataset’s: the audit log as it grows (site admins only).',
    subscribe: async ({
      args,
      context,
    }: SubscribeResolverData<unknown, { dataset?: string | null }, GraphqlContext>) => {
      const { hub, session } = eventsOf(context);
      return subscribeToAudit(context.deps, hub, session, args.dataset ?? undefined);
    },
  })
  auditEvents(
    @Root() event: PublishedEvent,
    @Arg('dataset', () => String, { nullable: true, description: 'owner/name' }) _dataset: string | null,
  ): Event {
    return eventOf(event);
  }

  @Query(() => EventConnection, {
    description:
      'The audit log, newest first, filtered by dataset, action (or a prefix ending in a dot) and actor login: one dataset’s for its admins, all of it for site admins.',
  })
  async auditLog(
    @Arg('dataset', () => String, { nullable: true, description: 'owner/name' }) dataset: string | null,
    @Arg('action', () => String, { nullable: true }) action: string | null,
    @Arg('actor', () => String, { nullable: true, description: 'The acting user’s login.' }) actor: string | null,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() context: GraphqlContext,
  ): Promise<EventConnection> {
    const page = await searchEvents(context.deps, context.actor, {
      ...(dataset !== null && { dataset }),
      ...(action !== null && { action }),
      ...(actor !== null && { actor }),
      first: pageSize(first),
      ...(after !== null && { after }),
    });
    return {
      nodes: page.events.map(eventOf),
      pageInfo: { hasNextPage: page.next !== undefined, endCursor: page.next ?? null },
    };
  }
}
