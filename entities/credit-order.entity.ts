import { UpdatedAtColumn } from './columns/timestamp-columns';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { MONEY_COLUMN } from './columns/money-transformer';
import type { Money } from '../money/decimal';

/** An open sales order an integrator reported (optional part of the exposure); amount 0 removes it. */
@Entity('credit_open_orders')
@Index('uq_credit_order', ['customerId', 'orderRef'], { unique: true })
@Index('ix_credit_order_currency', ['customerId', 'currency'])
export class CreditOpenOrder {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  customerId: string;

  @Column({ type: 'varchar', length: 64 })
  orderRef: string;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column(MONEY_COLUMN)
  amount: Money;

  @Column({ type: 'varchar', length: 128 })
  reportedBy: string;

  @UpdatedAtColumn()
  updatedAt: Date;
}
