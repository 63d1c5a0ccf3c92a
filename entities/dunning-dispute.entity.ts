import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DisputeStatus } from '../contract/credit/enums';
import type { DisputeOutcome } from '../contract/collections/dunning';
import type { Money } from '../money/decimal';
import { MONEY_COLUMN } from './columns/money-transformer';
import { CreatedAtColumn } from './columns/timestamp-columns';

/** A dispute that pauses a dunning case until it is resolved (REJECTED: dunning resumes; UPHELD: it closes). */
@Entity('dunning_disputes')
@Index('ix_dunning_dispute_case', ['caseId', 'status'])
export class DunningDispute {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  caseId: string;

  @Column({ type: 'bigint' })
  customerId: string;

  @Column({ type: 'varchar', length: 1000 })
  reason: string;

  @Column({ ...MONEY_COLUMN, nullable: true })
  amount: Money | null;

  @Column({ type: 'varchar', length: 16, default: DisputeStatus.OPEN })
  status: DisputeStatus;

  @Column({ type: 'varchar', length: 128 })
  openedBy: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  outcome: DisputeOutcome | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  resolutionNote: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  resolvedBy: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  resolvedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;
}
