import { DateTimeISOResolver, SafeIntResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum WebhookDeliveryStateValue {
  QUEUED = 'queued',
  RUNNING = 'running',
  RETRYING = 'retrying',
  FAILED = 'failed',
  DONE = 'done',
}
registerEnumType(WebhookDeliveryStateValue, {
  name: 'WebhookDeliveryState',
  description: 'FAILED is dead-lettered: retried only by redeliverWebhook.',
});

@ObjectType({ description: 'One event sent (or being sent) to one webhook.' })
export class WebhookDelivery {
  @Field(() => ID, { description: 'Also the Strata-Delivery header and the body’s id.' })
  id!: string;

  @Field(() => SafeIntResolver, { description: 'The seq of the audit event delivered.' })
  eventSeq!: number;

  @Field(() => String)
  action!: string;

  @Field(() => WebhookDeliveryStateValue)
  state!: WebhookDeliveryStateValue;

  @Field(() => Int, { description: 'Attempts made, redeliveries included.' })
  attempts!: number;

  @Field(() => Int, { nullable: true, description: 'The HTTP status of the last answer (null: none came).' })
  responseStatus!: number | null;

  @Field(() => String, { nullable: true, description: 'The first 2,000 characters of the last answer’s body.' })
  responseBody!: string | null;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When the next attempt runs, while one is due.' })
  nextAttemptAt!: Date | null;

  @Field(() => DateTimeISOResolver)
  createdAt!: Date;

  @Field(() => DateTimeISOResolver)
  updatedAt!: Date;
}

@ObjectType({ description: 'Where a dataset’s events are POSTed, signed with HMAC-SHA256 (Strata-Signature-256).' })
export class Webhook {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'owner/name' })
  dataset!: string;

  @Field(() => String)
  url!: string;

  @Field(() => [String], { description: 'Action names, prefixes ending in a dot, or *.' })
  actions!: string[];

  @Field(() => Boolean)
  active!: boolean;

  @Field(() => DateTimeISOResolver)
  createdAt!: Date;

  @Field(() => DateTimeISOResolver)
  updatedAt!: Date;

  @Field(() => [WebhookDelivery], { description: 'The latest 20 deliveries, newest first.' })
  deliveries!: WebhookDelivery[];
}

@ObjectType({ description: 'A webhook just created, with its secret: shown this once.' })
export class CreatedWebhook {
  @Field(() => Webhook)
  webhook!: Webhook;

  @Field(() => String)
  secret!: string;
}
