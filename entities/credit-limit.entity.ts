import { CreatedAtColumn, UpdatedAtColumn } from './columns/timestamp-columns';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { MONEY_COLUMN } from './columns/money-transformer';
import type { Money } from '../money/decimal';

/** A customer's credit limit in one currency. Raising it goes through an approved request. */
@Entity('credit_limits')
@Index('uq_credit_limit', ['customerId', 'currency'], { unique: true })
export class CreditLimit {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  customerId: string;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column(MONEY_COLUMN)
  amount: Money;

  /** Actor id of who set it (the approving manager for a raise). */
  @Column({ type: 'varchar', length: 128 })
  setBy: string;

  /** Since when the exposure is over the limit (null: within it); set and cleared by the checks, which publish the change. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  overLimitSince: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
