import type { DataSource } from 'typeorm';
import { WebhookAttempt } from '../entities/webhook-attempt.entity';
import { WebhookDelivery, WebhookDeliveryStatus } from '../entities/webhook-delivery.entity';
import { WebhookEvent } from '../entities/webhook-event.entity';
import { WebhookSubscription } from '../entities/webhook-subscription.entity';
import { retryDelaySeconds } from './backoff';
import { PrivateHostAllowList } from './private-addresses';
import { signWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signature';
import { postToWebhook } from './webhook-target';

export interface DispatcherOptions {
  /** How often to look for due deliveries. */
  pollMs?: number;
  /** Deliveries sent per round (concurrently). */
  batchSize?: number;
  /** After this many failed attempts a delivery is FAILED (an admin can send it again). */
  maxAttempts?: number;
  timeoutMs?: number;
  /** Seconds until the next try after n failures; tests shorten it. */
  retryDelay?: (failures: number) => number;
  /** WEBHOOK_ALLOW_PRIVATE_HOSTS: private hosts, addresses and ranges deliveries may reach. */
  allowPrivateHosts?: readonly string[];
}

interface Outcome {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/**
 * Sends pending deliveries with retries. Several dispatchers (API processes) may run at once: each
 * claims a delivery by moving its next_attempt_at forward (a lease) in one conditional UPDATE, so
 * only one sends it, and a crashed sender's lease simply runs out.
 */
export class WebhookDispatcher {
  private readonly options: Required<Omit<DispatcherOptions, 'allowPrivateHosts'>>;
  private readonly allow: PrivateHostAllowList;
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<unknown> = Promise.resolve();
  private stopped = true;

  constructor(
    private readonly dataSource: DataSource,
    options: DispatcherOptions = {},
  ) {
    this.options = {
      pollMs: options.pollMs ?? 1000,
      batchSize: options.batchSize ?? 20,
      maxAttempts: options.maxAttempts ?? 8,
      timeoutMs: options.timeoutMs ?? 10_000,
      retryDelay: options.retryDelay ?? ((n) => retryDelaySeconds(n)),
    };
    this.allow = new PrivateHostAllowList(options.allowPrivateHosts);
  }

  start(): void {
    this.stopped = false;
    const tick = () => {
      this.round = this.runOnce()
        .catch((error: unknown) => console.error('webhook dispatch failed:', (error as Error).message))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.options.pollMs);
        });
    };
    this.timer = setTimeout(tick, this.options.pollMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.round;
  }

  /** One round: claim what is due and send it. Returns how many were attempted. */
  async runOnce(): Promise<number> {
    const due = (await this.dataSource.query(
      `SELECT CAST(id AS CHAR) AS id, next_attempt_at AS at FROM webhook_deliveries
        WHERE status = ? AND next_attempt_at <= UTC_TIMESTAMP(3) ORDER BY next_attempt_at, id LIMIT ?`,
      [WebhookDeliveryStatus.PENDING, this.options.batchSize],
    )) as Array<{ id: string; at: Date }>;
    const claimed = (await Promise.all(due.map((row) => this.claim(row)))).filter((id) => id !== null);
    await Promise.all(claimed.map((id) => this.deliver(id)));
    return claimed.length;
  }

  private async claim(row: { id: string; at: Date }): Promise<string | null> {
    const leaseSeconds = Math.ceil(this.options.timeoutMs / 1000) + 30;
    const result = (await this.dataSource.query(
      `UPDATE webhook_deliveries SET next_attempt_at = UTC_TIMESTAMP(3) + INTERVAL ? SECOND
        WHERE id = ? AND status = ? AND next_attempt_at = ?`,
      [leaseSeconds, row.id, WebhookDeliveryStatus.PENDING, row.at],
    )) as { affectedRows: number };
    return result.affectedRows === 1 ? row.id : null;
  }

  private async deliver(deliveryId: string): Promise<void> {
    const delivery = await this.dataSource.getRepository(WebhookDelivery).findOneByOrFail({ id: deliveryId });
    const [event, subscription] = await Promise.all([
      this.dataSource.getRepository(WebhookEvent).findOneByOrFail({ id: delivery.eventId }),
      this.dataSource.getRepository(WebhookSubscription).findOneByOrFail({ id: delivery.subscriptionId }),
    ]);
    const outcome = subscription.active
      ? await this.post(subscription, event)
      : { statusCode: null, error: 'subscription inactive', durationMs: 0 };
    await this.record(delivery, outcome);
  }

  private async post(subscription: WebhookSubscription, event: WebhookEvent): Promise<Outcome> {
    const body = JSON.stringify({
      id: event.id,
      type: event.type,
      occurredAt: event.occurredAt.toISOString(),
      data: event.payload,
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const started = Date.now();
    // Checked again here, not only when subscribed: DNS and the allow-list may have changed since.
    const outcome = await postToWebhook(
      new URL(subscription.url),
      {
        'content-type': 'application/json',
        'user-agent': 'Recon-Webhooks/1',
        'recon-event-id': event.id,
        'recon-event-type': event.type,
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signWebhook(subscription.secret, timestamp, body),
      },
      body,
      this.options.timeoutMs,
      this.allow,
    );
    return { ...outcome, durationMs: Date.now() - started };
  }

  private async record(delivery: WebhookDelivery, outcome: Outcome): Promise<void> {
    const attemptNo = delivery.attempts + 1;
    const delivered = outcome.error === null;
    const status = delivered
      ? WebhookDeliveryStatus.DELIVERED
      : attemptNo >= this.options.maxAttempts
        ? WebhookDeliveryStatus.FAILED
        : WebhookDeliveryStatus.PENDING;
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(WebhookAttempt).insert({
        deliveryId: delivery.id,
        attemptNo,
        attemptedAt: new Date(),
        statusCode: outcome.statusCode,
        error: outcome.error,
        durationMs: outcome.durationMs,
      });
      await manager.getRepository(WebhookDelivery).update(
        { id: delivery.id },
        {
          status,
          attempts: attemptNo,
          deliveredAt: delivered ? new Date() : null,
          nextAttemptAt: new Date(Date.now() + (delivered ? 0 : this.options.retryDelay(attemptNo) * 1000)),
        },
      );
    });
  }
}
