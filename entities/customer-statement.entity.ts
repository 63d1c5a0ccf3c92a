import { CreatedAtColumn } from './columns/timestamp-columns';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { MONEY_COLUMN } from './columns/money-transformer';
import type { Money } from '../money/decimal';
import { StatementSource } from '../contract/enums';

/** The customer's own view of the account for a range, with their balances. */
@Entity('customer_statements')
@Index('uq_statement_source', ['customerId', 'sourceRef'], { unique: true })
@Index('ix_statement_period', ['customerId', 'periodStart'])
export class CustomerStatement {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  customerId: string;

  @Column({ type: 'date' })
  periodStart: string;

  @Column({ type: 'date' })
  periodEnd: string;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column(MONEY_COLUMN)
  openingBalance: Money;

  @Column(MONEY_COLUMN)
  closingBalance: Money;

  @Column({ type: 'varchar', length: 16 })
  source: StatementSource;

  /** File hash or the integrator's idempotency key: the same statement is stored once. */
  @Column({ type: 'varchar', length: 128 })
  sourceRef: string;

  @Column({ type: 'bigint', nullable: true })
  importFileId: string | null;

  @Column({ type: 'int', default: 0 })
  lineCount: number;

  /**
   * Set when a later statement replaced this one explicitly (`recon import --replace`, or
   * `submitStatement` with `replace`): the period reconciles against the one statement of its range
   * that is not replaced. Kept, never deleted, so earlier match runs still name their lines.
   */
  @Column({ type: 'bigint', nullable: true })
  replacedById: string | null;

  @CreatedAtColumn()
  receivedAt: Date;
}
