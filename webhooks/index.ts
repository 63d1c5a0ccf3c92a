export { WebhookDispatcher, type DispatcherOptions } from './dispatcher';
export { WEBHOOK_EVENT_TYPES, type WebhookEvents, type WebhookEventType } from './event-types';
export { publishEvent } from './publish-event';
export { signWebhook, verifyWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signature';
