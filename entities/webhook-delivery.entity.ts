import { CreatedAtColumn } from './columns/timestamp-columns';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  /** Gave up after the last retry; an admin can send it again. */
  FAILED = 'FAILED',
}

/** One event for one subscription: its state, and when the dispatcher tries it next. */
@Entity('webhook_deliveries')
@Index('uq_webhook_delivery', ['eventId', 'subscriptionId'], { unique: true })
@Index('ix_webhook_delivery_due', ['status', 'nextAttemptAt'])
@Index('ix_webhook_delivery_subscription', ['subscriptionId'])
export class WebhookDelivery {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  eventId: string;

  @Column({ type: 'bigint' })
  subscriptionId: string;

  @Column({ type: 'varchar', length: 16, default: WebhookDeliveryStatus.PENDING })
  status: WebhookDeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** Also the dispatcher's lease: a claimed delivery is pushed into the future while it is sent. */
  @Column({ type: 'datetime', precision: 3 })
  nextAttemptAt: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  deliveredAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;
}
