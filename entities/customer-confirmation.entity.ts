import { CreatedAtColumn, UpdatedAtColumn } from './columns/timestamp-columns';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { MONEY_COLUMN } from './columns/money-transformer';
import type { Money } from '../money/decimal';
import { ConfirmationStatus } from '../contract/enums';

/** A statement sent to the customer and their answer: confirmation or line-level dispute. */
@Entity('customer_confirmations')
@Index('uq_confirmation_round', ['periodId', 'round'], { unique: true })
@Index('uq_confirmation_short_code', ['shortCodeHash'], { unique: true })
export class CustomerConfirmation {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  periodId: string;

  /** 1 for the first statement sent; a dispute and re-send opens round 2, and so on. */
  @Column({ type: 'int', default: 1 })
  round: number;

  @Column({ type: 'varchar', length: 16, default: ConfirmationStatus.PENDING })
  status: ConfirmationStatus;

  /** The balance we asked the customer to confirm. */
  @Column(MONEY_COLUMN)
  balance: Money;

  /** Hash of the signed link's token id; the token itself is never stored. */
  @Column({ type: 'char', length: 64, nullable: true })
  linkTokenHash: string | null;

  /**
   * Hash of the short link's code (`/c/<code>`, printed with a QR code on the letter): it resolves
   * to this round's link, and is refused whenever the link is (expired, or a newer round sent).
   */
  @Column({ type: 'char', length: 64, nullable: true })
  shortCodeHash: string | null;

  /** When the round's link expires (its `exp`): the short link rebuilds exactly that link. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  linkExpiresAt: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  sentAt: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  respondedAt: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  respondedBy: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  comment: string | null;

  @Column({ type: 'int', default: 0 })
  remindersSent: number;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  escalatedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
