import { CreatedAtColumn } from './columns/timestamp-columns';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An integrator's endpoint for events, and the key both sides sign and verify with. */
@Entity('webhook_subscriptions')
export class WebhookSubscription {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 2000 })
  url: string;

  /**
   * HMAC-SHA256 key. Kept in clear because signing needs it (unlike API keys, which are only
   * verified); shown once at creation and never returned by the API.
   */
  @Column({ type: 'varchar', length: 128 })
  secret: string;

  /** Event types delivered here; empty: every type. */
  @Column({ type: 'json' })
  eventTypes: string[];

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'varchar', length: 128 })
  createdBy: string;

  @CreatedAtColumn()
  createdAt: Date;
}
