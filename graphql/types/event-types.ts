import { DateTimeISOResolver, JSONObjectResolver, SafeIntResolver } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { PageInfo } from './object-types.js';

@ObjectType({
  description:
    'A domain event: one state change, as recorded in the audit log in the transaction that made it, and published once committed.',
})
export class Event {
  @Field(() => SafeIntResolver, {
    description: 'Its place in the log: events are delivered in this order, without gaps.',
  })
  seq!: number;

  @Field(() => DateTimeISOResolver)
  at!: Date;

  @Field(() => String, { description: 'What happened: `dataset.role_granted`, `token.revoked`, `proposal.opened`, …' })
  action!: string;

  @Field(() => String, { nullable: true, description: 'The acting user’s login; null for the local operator.' })
  actor!: string | null;

  @Field(() => String, { nullable: true, description: 'The dataset, owner/name; null when the event names none.' })
  dataset!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'What was acted on, named for people (`user:ada`, `lab/ct@main`).',
  })
  subject!: string | null;

  @Field(() => JSONObjectResolver, { description: 'The event’s details.' })
  data!: Record<string, unknown>;
}

@ObjectType()
export class EventConnection {
  @Field(() => [Event])
  nodes!: Event[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
