import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { PromiseStatus } from '../contract/credit/enums';
import type { Money } from '../money/decimal';
import { MONEY_COLUMN } from './columns/money-transformer';
import { CreatedAtColumn } from './columns/timestamp-columns';

/** A customer's promise to pay, recorded by a clerk on a dunning case, and whether it was kept. */
@Entity('dunning_promises')
@Index('ix_dunning_promise_case', ['caseId', 'status'])
@Index('ix_dunning_promise_settled', ['settledOn', 'status'])
export class DunningPromise {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  caseId: string;

  @Column({ type: 'bigint' })
  customerId: string;

  @Column({ type: 'date' })
  promisedDate: string;

  /** What was promised; null: everything overdue at the time (`overdueThen`). */
  @Column({ ...MONEY_COLUMN, nullable: true })
  amount: Money | null;

  @Column({ ...MONEY_COLUMN })
  overdueThen: Money;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note: string | null;

  @Column({ type: 'varchar', length: 16, default: PromiseStatus.OPEN })
  status: PromiseStatus;

  /** The day it was made: receipts from then on count towards it. */
  @Column({ type: 'date' })
  recordedOn: string;

  @Column({ type: 'varchar', length: 128 })
  recordedBy: string;

  /** Receipts booked from `recordedOn` to the promised date, at settlement. */
  @Column({ ...MONEY_COLUMN, nullable: true })
  received: Money | null;

  @Column({ type: 'date', nullable: true })
  settledOn: string | null;

  @CreatedAtColumn()
  createdAt: Date;
}
