import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from './columns/timestamp-columns';

/**
 * A dunning case handed to a manager (the final level, a promise broken after it). Keyed per case
 * and cause, so a retried activity escalates once; the collector's worklist shows it to managers.
 */
@Entity('dunning_escalations')
@Index('uq_dunning_escalation_key', ['caseId', 'escalationKey'], { unique: true })
export class DunningEscalation {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  caseId: string;

  @Column({ type: 'bigint' })
  customerId: string;

  @Column({ type: 'smallint' })
  level: number;

  @Column({ type: 'varchar', length: 64 })
  escalationKey: string;

  @Column({ type: 'varchar', length: 300 })
  reason: string;

  @CreatedAtColumn()
  createdAt: Date;
}
