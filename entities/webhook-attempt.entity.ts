import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The delivery log: every HTTP attempt, successful or not. */
@Entity('webhook_attempts')
@Index('ix_webhook_attempt_delivery', ['deliveryId'])
export class WebhookAttempt {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  deliveryId: string;

  @Column({ type: 'int' })
  attemptNo: number;

  @Column({ type: 'datetime', precision: 3 })
  attemptedAt: Date;

  /** Null when no response arrived (refused, timed out). */
  @Column({ type: 'smallint', nullable: true })
  statusCode: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error: string | null;

  @Column({ type: 'int' })
  durationMs: number;
}
