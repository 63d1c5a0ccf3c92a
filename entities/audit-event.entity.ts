import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ActorType } from '../contract/enums';

/**
 * Append-only, hash-chained: hash = HMAC-SHA256(AUDIT_CHAIN_KEY, prevHash + canonical event). Triggers in the
 * migration refuse UPDATE and DELETE; the chain catches anyone who gets around them.
 */
@Entity('audit_events')
@Index('uq_audit_hash', ['hash'], { unique: true })
@Index('ix_audit_entity', ['entityType', 'entityId'])
@Index('ix_audit_period', ['periodId'])
export class AuditEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'datetime', precision: 3 })
  occurredAt: Date;

  @Column({ type: 'varchar', length: 16 })
  actorType: ActorType;

  @Column({ type: 'varchar', length: 128 })
  actorId: string;

  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ type: 'varchar', length: 40 })
  entityType: string;

  @Column({ type: 'varchar', length: 64 })
  entityId: string;

  @Column({ type: 'bigint', nullable: true })
  periodId: string | null;

  @Column({ type: 'json', nullable: true })
  beforeState: Record<string, unknown> | null;

  @Column({ type: 'json', nullable: true })
  afterState: Record<string, unknown> | null;

  @Column({ type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
