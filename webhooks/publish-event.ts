import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { insertedCount } from '../db/inserted-count';
import { WebhookDeliveryStatus } from '../entities/webhook-delivery.entity';
import { WebhookEvent } from '../entities/webhook-event.entity';
import type { WebhookEvents, WebhookEventType } from './event-types';

/**
 * The outbox: records an event, and one pending delivery per active subscription that wants it,
 * inside the caller's transaction, so the event exists exactly when the change it reports commits.
 * The dispatcher sends it afterwards, with retries.
 *
 * `key` makes publishing idempotent (e.g. `period:<id>:<status>:v<version>` or
 * `task:<id>:created`): a retried activity that publishes the same key again adds nothing.
 * Returns the event id, or null when the key was already published or nobody subscribes to the
 * type: events exist to be delivered, and a subscription receives what happens after it is made,
 * so an event no one wants is not written.
 */
export async function publishEvent<T extends WebhookEventType>(
  manager: EntityManager,
  type: T,
  payload: WebhookEvents[T],
  key: string = randomUUID(),
): Promise<string | null> {
  if (!manager.queryRunner?.isTransactionActive) {
    return manager.transaction((inner) => publishEvent(inner, type, payload, key));
  }
  if (!(await someoneSubscribes(manager, type))) return null;
  const result = await manager
    .createQueryBuilder()
    .insert()
    .into(WebhookEvent)
    // A JSON column defeats TypeORM's deep-partial typing.
    .values({
      type,
      eventKey: key.slice(0, 191),
      payload,
      occurredAt: new Date(),
    } as QueryDeepPartialEntity<WebhookEvent>)
    .orIgnore()
    .updateEntity(false)
    .execute();
  if (insertedCount(result) === 0) return null;
  const [{ id }] = (await manager.query('SELECT CAST(LAST_INSERT_ID() AS CHAR) AS id')) as Array<{
    id: string;
  }>;
  await manager.query(
    `INSERT INTO webhook_deliveries (event_id, subscription_id, status, attempts, next_attempt_at)
     SELECT ?, s.id, ?, 0, UTC_TIMESTAMP(3) FROM webhook_subscriptions s
      WHERE s.active = 1 AND (JSON_LENGTH(s.event_types) = 0 OR JSON_CONTAINS(s.event_types, JSON_QUOTE(?)))`,
    [id, WebhookDeliveryStatus.PENDING, type],
  );
  return id;
}

/** Whether an active subscription wants events of `type`: publishers ask before building an event. */
export async function someoneSubscribes(manager: EntityManager, type: WebhookEventType): Promise<boolean> {
  const rows = (await manager.query(
    `SELECT 1 AS yes FROM webhook_subscriptions
      WHERE active = 1 AND (JSON_LENGTH(event_types) = 0 OR JSON_CONTAINS(event_types, JSON_QUOTE(?))) LIMIT 1`,
    [type],
  )) as unknown[];
  return rows.length > 0;
}
