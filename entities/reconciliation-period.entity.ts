import { CreatedAtColumn, UpdatedAtColumn } from './columns/timestamp-columns';
import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { MONEY_COLUMN } from './columns/money-transformer';
import type { Money } from '../money/decimal';
import { periodKey } from '../contract/period';
import { PeriodStatus } from '../contract/enums';

/**
 * One customer, one date range, one workflow. The row mirrors the workflow's state for the API;
 * the workflow is the source of truth for what happens next.
 */
@Entity('reconciliation_periods')
@Index('uq_period_workflow', ['workflowId'], { unique: true })
@Index('uq_period_range', ['customerId', 'periodStart', 'periodEnd'], { unique: true })
@Index('ix_period_status_customer', ['status', 'customerId'])
@Index('ix_period_customer_start', ['customerId', 'periodStart'])
export class ReconciliationPeriod {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  customerId: string;

  @Column({ type: 'date' })
  periodStart: string;

  @Column({ type: 'date' })
  periodEnd: string;

  @Column({ type: 'varchar', length: 128 })
  workflowId: string;

  @Column({ type: 'varchar', length: 24, default: PeriodStatus.OPEN })
  status: PeriodStatus;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ ...MONEY_COLUMN, nullable: true })
  ourOpeningBalance: Money | null;

  @Column({ ...MONEY_COLUMN, nullable: true })
  ourClosingBalance: Money | null;

  @Column({ ...MONEY_COLUMN, nullable: true })
  theirOpeningBalance: Money | null;

  @Column({ ...MONEY_COLUMN, nullable: true })
  theirClosingBalance: Money | null;

  /** What the bridge could not explain; zero when it ties. */
  @Column({ ...MONEY_COLUMN, nullable: true })
  unexplainedAmount: Money | null;

  @Column({ type: 'boolean', default: false })
  bridgeTied: boolean;

  /** The statement this period was reconciled against. */
  @Column({ type: 'bigint', nullable: true })
  statementId: string | null;

  /** Incremented on every (re-)match; match groups and differences carry the run they came from. */
  @Column({ type: 'int', default: 0 })
  matchRun: number;

  /** The full balance bridge of the latest run, as the engine produced it. */
  @Column({ type: 'json', nullable: true })
  bridge: Record<string, unknown> | null;

  @Column({ type: 'json', nullable: true })
  matchStats: Record<string, unknown> | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  closedAt: Date | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  closedBy: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  closeReason: string | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;

  /** "2026-10" for a calendar month, else "2026-10-01_2026-12-31" (see periodKey). */
  get key(): string {
    return periodKey(this.periodStart, this.periodEnd);
  }
}
