import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DunningLetterStatus, DunningTone } from '../contract/credit/enums';
import type { Money } from '../money/decimal';
import { MONEY_COLUMN } from './columns/money-transformer';
import { CreatedAtColumn } from './columns/timestamp-columns';

/**
 * One dunning level's 催款函. Unique per customer + cycle + level: the row is claimed before the mail
 * goes out, so a level is never sent twice in a cycle, retries and restarted workflows included.
 */
@Entity('dunning_letters')
@Index('uq_dunning_letter_level', ['customerId', 'cycle', 'level'], { unique: true })
@Index('ix_dunning_letter_case', ['caseId', 'level'])
export class DunningLetter {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  caseId: string;

  @Column({ type: 'bigint' })
  customerId: string;

  @Column({ type: 'date' })
  cycle: string;

  @Column({ type: 'smallint' })
  level: number;

  @Column({ type: 'varchar', length: 16 })
  tone: DunningTone;

  @Column({ type: 'varchar', length: 16, default: DunningLetterStatus.PENDING })
  status: DunningLetterStatus;

  /** The transport's message id: stable per letter, so a re-sent mail replaces, never duplicates. */
  @Column({ type: 'varchar', length: 160 })
  messageId: string;

  /** The day the letter speaks for (its amounts are as of it). */
  @Column({ type: 'date' })
  asOf: string;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ ...MONEY_COLUMN })
  totalOverdue: Money;

  /** The letter's data exactly as rendered (DunningLetterData, collections/letter-types.ts): `recon export` prints it again. */
  @Column({ type: 'json' })
  document: Record<string, unknown>;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  sentAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;
}
