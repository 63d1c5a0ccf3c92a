import { CreatedAtColumn } from './columns/timestamp-columns';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { MONEY_COLUMN } from './columns/money-transformer';
import type { Money } from '../money/decimal';
import { CreditRequestKind, CreditRequestStatus } from '../contract/credit/enums';

/** A request to raise a credit limit or release a hold, waiting for a manager (maker ≠ checker). */
@Entity('credit_requests')
@Index('ix_credit_request_status', ['status', 'id'])
@Index('ix_credit_request_customer', ['customerId', 'status'])
export class CreditRequest {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  customerId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: CreditRequestKind;

  /** LIMIT_CHANGE: the currency and the new limit. */
  @Column({ type: 'char', length: 3, nullable: true })
  currency: string | null;

  @Column({ ...MONEY_COLUMN, nullable: true })
  amount: Money | null;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Column({ type: 'varchar', length: 16, default: CreditRequestStatus.PENDING })
  status: CreditRequestStatus;

  @Column({ type: 'varchar', length: 128 })
  requestedBy: string;

  @Column({ type: 'varchar', length: 128, nullable: true })
  decidedBy: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  decisionNote: string | null;

  @CreatedAtColumn()
  createdAt: Date;
}
