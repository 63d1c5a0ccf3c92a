import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { MONEY_COLUMN } from './columns/money-transformer';
import type { Money } from '../money/decimal';
import { EntryKind } from '../contract/enums';

/** One line of a customer statement; signed the same way as our ledger. */
@Entity('statement_lines')
@Index('uq_statement_line', ['statementId', 'externalId'], { unique: true })
@Index('ix_statement_line_date', ['statementId', 'txnDate'])
export class StatementLine {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  statementId: string;

  @Column({ type: 'int' })
  lineNo: number;

  @Column({ type: 'varchar', length: 128 })
  externalId: string;

  @Column({ type: 'date' })
  txnDate: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  docNo: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  reference: string | null;

  @Column({ type: 'varchar', length: 512, nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 24 })
  kind: EntryKind;

  @Column(MONEY_COLUMN)
  amount: Money;

  @Column({ type: 'char', length: 3 })
  currency: string;

  /** The file the line came from: a statement may be made of several (a corrected rejects file adds to it). */
  @Column({ type: 'bigint', nullable: true })
  importFileId: string | null;
}
