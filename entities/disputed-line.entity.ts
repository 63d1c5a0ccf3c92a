import { CreatedAtColumn } from './columns/timestamp-columns';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MONEY_COLUMN } from './columns/money-transformer';
import type { Money } from '../money/decimal';
import { CustomerConfirmation } from './customer-confirmation.entity';
import { LedgerEntry } from './ledger-entry.entity';
import { StatementLine } from './statement-line.entity';

/**
 * One line the customer disputed, with their comment. The ids are foreign keys: a dispute can only
 * name rows that exist (the API checks they are the period's own before the workflow sees them).
 */
@Entity('disputed_lines')
@Index('ix_disputed_confirmation', ['confirmationId'])
export class DisputedLine {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  confirmationId: string;

  @ManyToOne(() => CustomerConfirmation, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'confirmation_id', foreignKeyConstraintName: 'fk_disputed_confirmation' })
  confirmation?: CustomerConfirmation;

  @Column({ type: 'bigint', nullable: true })
  ledgerEntryId: string | null;

  @ManyToOne(() => LedgerEntry, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'ledger_entry_id', foreignKeyConstraintName: 'fk_disputed_ledger_entry' })
  ledgerEntry?: LedgerEntry;

  @Column({ type: 'bigint', nullable: true })
  statementLineId: string | null;

  @ManyToOne(() => StatementLine, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'statement_line_id', foreignKeyConstraintName: 'fk_disputed_statement_line' })
  statementLine?: StatementLine;

  @Column({ type: 'varchar', length: 2000 })
  comment: string;

  /** What the customer's books show for the line, when they said. */
  @Column({ ...MONEY_COLUMN, nullable: true })
  theirAmount: Money | null;

  @CreatedAtColumn()
  createdAt: Date;
}
