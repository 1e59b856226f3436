export { checkActions, WEBHOOK_ACTIONS, wantsAction } from './webhook-actions.js';
export { startWebhookConsumers, type WebhookConsumers } from './webhook-consumers.js';
export { deliverWebhook, type DeliveryJob, type DeliverySettings } from './webhook-delivery.js';
export { WebhookDispatcher, type DispatcherOptions } from './webhook-dispatcher.js';
export { signatureOf } from './webhook-signature.js';
export {
  createWebhook,
  DELIVERY_QUEUE,
  deleteWebhook,
  listWebhooks,
  recentDeliveries,
  redeliverWebhook,
  updateWebhook,
  type DeliveryView,
  type NewWebhook,
  type WebhookView,
} from './webhooks.js';
