import { CreatedAtColumn } from './columns/timestamp-columns';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { MONEY_COLUMN } from './columns/money-transformer';
import type { Money } from '../money/decimal';

/**
 * A clerk's application of a receipt or credit note (credit entry) to an invoice (debit entry), by
 * hand; it comes before reference links and oldest-first (credit/open-items.ts). Reversing one sets
 * `reversedAt`; the row stays, for the audit.
 */
@Entity('receivable_applications')
@Index('ix_application_customer', ['customerId', 'reversedAt'])
@Index('ix_application_credit', ['creditEntryId'])
@Index('ix_application_debit', ['debitEntryId'])
export class ReceivableApplication {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  customerId: string;

  @Column({ type: 'bigint' })
  creditEntryId: string;

  @Column({ type: 'bigint' })
  debitEntryId: string;

  @Column(MONEY_COLUMN)
  amount: Money;

  @Column({ type: 'varchar', length: 128 })
  appliedBy: string;

  @CreatedAtColumn()
  createdAt: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  reversedAt: Date | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  reversedBy: string | null;
}
