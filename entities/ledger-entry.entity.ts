import { CreatedAtColumn } from './columns/timestamp-columns';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { MONEY_COLUMN } from './columns/money-transformer';
import type { Money } from '../money/decimal';
import { EntryKind } from '../contract/enums';

/** One document in our receivables ledger. (source, externalId) makes loading idempotent. */
@Entity('ledger_entries')
@Index('uq_ledger_source', ['source', 'externalId'], { unique: true })
@Index('ix_ledger_customer_date', ['customerId', 'entryDate'])
@Index('ix_ledger_customer_doc', ['customerId', 'docNo'])
export class LedgerEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  customerId: string;

  /** The system the entry came from (ERP name, "recon" for posted adjustments). */
  @Column({ type: 'varchar', length: 32 })
  source: string;

  @Column({ type: 'varchar', length: 128 })
  externalId: string;

  @Column({ type: 'date' })
  entryDate: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  docNo: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  reference: string | null;

  @Column({ type: 'varchar', length: 512, nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 24 })
  kind: EntryKind;

  /** Signed: positive increases what the customer owes us. */
  @Column(MONEY_COLUMN)
  amount: Money;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'bigint', nullable: true })
  importFileId: string | null;

  /** Set when the entry was posted by an approved adjustment. */
  @Column({ type: 'bigint', nullable: true })
  adjustmentId: string | null;

  @CreatedAtColumn()
  createdAt: Date;
}
