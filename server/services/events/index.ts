export { changesCredentials, changesRoles } from './access-changes.js';
export { EventHub, type EventFilter, type EventHubOptions } from './event-hub.js';
export { EventSession } from './event-session.js';
export { publishedEvent, type PublishedEvent } from './published-event.js';
export { subscribeToAudit, subscribeToDataset } from './subscriptions.js';
