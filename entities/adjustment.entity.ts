import { CreatedAtColumn, UpdatedAtColumn } from './columns/timestamp-columns';
import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { MONEY_COLUMN } from './columns/money-transformer';
import type { Money } from '../money/decimal';
import { AdjustmentStatus, EntryKind } from '../contract/enums';

/** A proposed correction to our ledger; posts only after approval by someone else (maker ≠ checker). */
@Entity('adjustments')
@Index('ix_adjustment_period_status', ['periodId', 'status'])
export class Adjustment {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  periodId: string;

  @Column({ type: 'bigint', nullable: true })
  differenceId: string | null;

  @Column({ type: 'varchar', length: 24, default: EntryKind.ADJUSTMENT })
  kind: EntryKind;

  /** Signed, as it will post to the ledger. */
  @Column(MONEY_COLUMN)
  amount: Money;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'date' })
  entryDate: string;

  @Column({ type: 'varchar', length: 1000 })
  reason: string;

  @Column({ type: 'varchar', length: 16, default: AdjustmentStatus.PROPOSED })
  status: AdjustmentStatus;

  /** The proposer's actor id ("user:<id>", "api-key:<id>"): maker ≠ checker is checked on it. */
  @Column({ type: 'varchar', length: 128 })
  proposedBy: string;

  /** 1, or 2 above the dual-approval threshold. */
  @Column({ type: 'tinyint', default: 1 })
  requiredApprovals: number;

  @Column({ type: 'boolean', default: false })
  requiresManager: boolean;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  rejectionReason: string | null;

  @Column({ type: 'bigint', nullable: true })
  postedLedgerEntryId: string | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
