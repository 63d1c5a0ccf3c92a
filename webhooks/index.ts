export { WebhookDispatcher, type DispatcherOptions } from './dispatcher';
export { WEBHOOK_EVENT_TYPES, type WebhookEvents, type WebhookEventType } from './event-types';
export { publishPeriodStatus, publishTasksCreated } from './domain-events';
export { publishEvent, someoneSubscribes } from './publish-event';
export { signWebhook, verifyWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signature';
