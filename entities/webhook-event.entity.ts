import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The outbox: one row per event, written in the transaction of the change it reports. */
@Entity('webhook_events')
@Index('uq_webhook_event_key', ['eventKey'], { unique: true })
export class WebhookEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  type: string;

  /** Deterministic per cause, so a retried activity publishes its event once. */
  @Column({ type: 'varchar', length: 191 })
  eventKey: string;

  @Column({ type: 'json' })
  payload: Record<string, unknown>;

  @Column({ type: 'datetime', precision: 3 })
  occurredAt: Date;
}
