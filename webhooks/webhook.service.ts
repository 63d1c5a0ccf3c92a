import { randomBytes } from 'node:crypto';
import { In, type DataSource } from 'typeorm';
import { appendAudit } from '../audit/audit-log';
import { auditFields, type Actor } from '../contract/actor';
import { WebhookAttempt } from '../entities/webhook-attempt.entity';
import { WebhookDelivery, WebhookDeliveryStatus } from '../entities/webhook-delivery.entity';
import { WebhookSubscription } from '../entities/webhook-subscription.entity';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './event-types';
import { PrivateHostAllowList } from './private-addresses';
import { WebhookError, WebhookErrorCode } from './webhook-error';
import { checkWebhookTarget, TargetRefused } from './webhook-target';

const invalid = (field: string, reason: string) =>
  new WebhookError(WebhookErrorCode.INVALID_INPUT, `${field} ${reason}`, [{ index: -1, field, reason }]);

async function checkUrl(raw: string, allow: PrivateHostAllowList): Promise<string> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid('url', 'is not a URL');
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || raw.length > 2000)
    throw invalid('url', 'must be an http(s) URL of at most 2000 characters');
  if (url.username || url.password) throw invalid('url', 'must not carry credentials');
  try {
    await checkWebhookTarget(url, allow);
  } catch (error) {
    if (error instanceof TargetRefused) throw invalid('url', error.message);
    throw error;
  }
  return url.toString();
}

export interface NewSubscription {
  name: string;
  url: string;
  /** Empty: every event type. */
  eventTypes: string[];
}

/**
 * Registers an endpoint; the signing secret is returned here once. A URL whose host is, or resolves
 * to, a loopback, private or link-local address is refused unless `allowPrivateHosts`
 * (WEBHOOK_ALLOW_PRIVATE_HOSTS) names it.
 */
export async function createSubscription(
  dataSource: DataSource,
  input: NewSubscription,
  actor: Actor,
  allowPrivateHosts: readonly string[] = [],
): Promise<{ secret: string; subscription: WebhookSubscription }> {
  const name = input.name.trim();
  if (!name || name.length > 100) throw invalid('name', 'must be 1 to 100 characters');
  const url = await checkUrl(input.url, new PrivateHostAllowList(allowPrivateHosts));
  const eventTypes = [...new Set(input.eventTypes)];
  if (eventTypes.some((type) => !WEBHOOK_EVENT_TYPES.includes(type as WebhookEventType)))
    throw invalid('eventTypes', `must be some of ${WEBHOOK_EVENT_TYPES.join(', ')}`);
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  return dataSource.transaction(async (manager) => {
    const saved = await manager
      .getRepository(WebhookSubscription)
      .save({ name, url, eventTypes, secret, createdBy: actor.id });
    await appendAudit(manager, {
      ...auditFields(actor),
      action: 'webhook.subscribed',
      entityType: 'webhook_subscription',
      entityId: saved.id,
      after: { name, url, eventTypes },
    });
    const subscription = await manager.getRepository(WebhookSubscription).findOneByOrFail({ id: saved.id });
    return { secret, subscription };
  });
}

/** Pauses or resumes an endpoint; while paused, new events are not queued for it. */
export async function setSubscriptionActive(
  dataSource: DataSource,
  id: string,
  active: boolean,
  actor: Actor,
): Promise<WebhookSubscription> {
  return dataSource.transaction(async (manager) => {
    const repository = manager.getRepository(WebhookSubscription);
    const before = await repository.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!before) throw new WebhookError(WebhookErrorCode.NOT_FOUND, `no webhook subscription ${id}`);
    if (before.active === active) return before;
    await repository.update({ id }, { active });
    await appendAudit(manager, {
      ...auditFields(actor),
      action: active ? 'webhook.resumed' : 'webhook.paused',
      entityType: 'webhook_subscription',
      entityId: id,
      before: { active: before.active },
      after: { active },
    });
    return repository.findOneByOrFail({ id });
  });
}

/** Sends a delivery again with a fresh set of retries (e.g. after the receiver was fixed). */
export async function redeliver(dataSource: DataSource, id: string, actor: Actor): Promise<WebhookDelivery> {
  return dataSource.transaction(async (manager) => {
    const repository = manager.getRepository(WebhookDelivery);
    const before = await repository.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!before) throw new WebhookError(WebhookErrorCode.NOT_FOUND, `no webhook delivery ${id}`);
    if (before.status === WebhookDeliveryStatus.PENDING)
      throw new WebhookError(WebhookErrorCode.WRONG_STATE, 'the delivery is still being tried');
    await repository.update(
      { id },
      { status: WebhookDeliveryStatus.PENDING, attempts: 0, nextAttemptAt: new Date(), deliveredAt: null },
    );
    await appendAudit(manager, {
      ...auditFields(actor),
      action: 'webhook.redelivered',
      entityType: 'webhook_delivery',
      entityId: id,
      before: { status: before.status, attempts: before.attempts },
      after: { status: WebhookDeliveryStatus.PENDING },
    });
    return repository.findOneByOrFail({ id });
  });
}

export const listSubscriptions = (dataSource: DataSource) =>
  dataSource.getRepository(WebhookSubscription).find({ order: { id: 'ASC' } });

export interface DeliveryFilter {
  subscriptionId?: string | null;
  status?: WebhookDeliveryStatus | null;
}

/** The delivery log, newest first, keyset-paged on id. */
export async function findDeliveries(
  dataSource: DataSource,
  filter: DeliveryFilter,
  first: number,
  beforeId?: string,
): Promise<{ deliveries: WebhookDelivery[]; hasNextPage: boolean }> {
  const query = dataSource
    .getRepository(WebhookDelivery)
    .createQueryBuilder('d')
    .orderBy('d.id', 'DESC')
    .limit(first + 1);
  if (beforeId) query.andWhere('d.id < :beforeId', { beforeId });
  if (filter.subscriptionId) query.andWhere('d.subscriptionId = :s', { s: filter.subscriptionId });
  if (filter.status) query.andWhere('d.status = :status', { status: filter.status });
  const rows = await query.getMany();
  return { deliveries: rows.slice(0, first), hasNextPage: rows.length > first };
}

/** Attempts per delivery, oldest first (for a DataLoader). */
export async function attemptsOf(dataSource: DataSource, deliveryIds: readonly string[]) {
  const rows = await dataSource
    .getRepository(WebhookAttempt)
    .find({ where: { deliveryId: In([...deliveryIds]) }, order: { id: 'ASC' } });
  return deliveryIds.map((id) => rows.filter((row) => row.deliveryId === id));
}
