import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import {
  createWebhook,
  deleteWebhook,
  listWebhooks,
  recentDeliveries,
  redeliverWebhook,
  updateWebhook,
  type DeliveryView,
  type WebhookView,
} from '@strata/services/webhooks';
import type { GraphqlContext } from '../context.js';
import { CreatedWebhook, Webhook, WebhookDelivery, WebhookDeliveryStateValue } from '../types/webhook-types.js';

const DATASET = { description: 'owner/name' };

/** A dataset's webhooks and their deliveries (ADMIN); every rule is the services'. */
@Resolver()
export class WebhookResolver {
  @Query(() => [Webhook], { description: 'The dataset’s webhooks with their latest deliveries (ADMIN).' })
  async webhooks(
    @Arg('dataset', () => String, DATASET) dataset: string,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<Webhook[]> {
    return withDeliveries(deps, await listWebhooks(deps, actor, dataset));
  }

  @Mutation(() => CreatedWebhook, {
    description: 'Registers a webhook (ADMIN). The secret, given or generated, is returned this once.',
  })
  async createWebhook(
    @Arg('dataset', () => String, DATASET) dataset: string,
    @Arg('url', () => String) url: string,
    @Arg('actions', () => [String], { description: 'Action names, prefixes ending in a dot, or *.' }) actions: string[],
    @Arg('secret', () => String, { nullable: true, description: '16 to 200 characters; generated when absent.' })
    secret: string | null,
    @Arg('active', () => Boolean, { nullable: true }) active: boolean | null,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<CreatedWebhook> {
    const created = await createWebhook(deps, actor, dataset, {
      url,
      actions,
      ...(secret !== null && { secret }),
      ...(active !== null && { active }),
    });
    const [webhook] = await withDeliveries(deps, [created.webhook]);
    return { webhook: webhook as Webhook, secret: created.secret };
  }

  @Mutation(() => Webhook, { description: 'Changes a webhook’s URL, actions, secret or active flag (ADMIN).' })
  async updateWebhook(
    @Arg('id', () => ID) id: string,
    @Arg('url', () => String, { nullable: true }) url: string | null,
    @Arg('actions', () => [String], { nullable: true }) actions: string[] | null,
    @Arg('secret', () => String, { nullable: true }) secret: string | null,
    @Arg('active', () => Boolean, { nullable: true }) active: boolean | null,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<Webhook> {
    const updated = await updateWebhook(deps, actor, id, {
      ...(url !== null && { url }),
      ...(actions !== null && { actions }),
      ...(secret !== null && { secret }),
      ...(active !== null && { active }),
    });
    const [webhook] = await withDeliveries(deps, [updated]);
    return webhook as Webhook;
  }

  @Mutation(() => Boolean, { description: 'Deletes a webhook and its deliveries (ADMIN).' })
  async deleteWebhook(@Arg('id', () => ID) id: string, @Ctx() { deps, actor }: GraphqlContext): Promise<boolean> {
    await deleteWebhook(deps, actor, id);
    return true;
  }

  @Mutation(() => WebhookDelivery, {
    description: 'Sends a failed (dead-lettered) or done delivery again, with fresh retries (ADMIN).',
  })
  async redeliverWebhook(
    @Arg('deliveryId', () => ID) deliveryId: string,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<WebhookDelivery> {
    return deliveryOf(await redeliverWebhook(deps, actor, deliveryId));
  }
}

async function withDeliveries(deps: GraphqlContext['deps'], hooks: WebhookView[]): Promise<Webhook[]> {
  const deliveries = await recentDeliveries(
    deps,
    hooks.map((hook) => hook.id),
  );
  return hooks.map((hook) => ({
    id: hook.id,
    dataset: hook.dataset,
    url: hook.url,
    actions: hook.actions,
    active: hook.active,
    createdAt: hook.createdAt,
    updatedAt: hook.updatedAt,
    deliveries: (deliveries.get(hook.id) ?? []).map(deliveryOf),
  }));
}

function deliveryOf(delivery: DeliveryView): WebhookDelivery {
  return {
    id: delivery.id,
    eventSeq: delivery.eventSeq,
    action: delivery.action,
    state: delivery.state as WebhookDeliveryStateValue,
    attempts: delivery.attempts,
    responseStatus: delivery.responseStatus,
    responseBody: delivery.responseBody,
    lastError: delivery.lastError,
    nextAttemptAt: delivery.nextAttemptAt,
    createdAt: delivery.createdAt,
    updatedAt: delivery.updatedAt,
  };
}
