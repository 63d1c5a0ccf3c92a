import { UpdatedAtColumn } from './columns/timestamp-columns';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { RiskClass } from '../contract/credit/enums';

/**
 * A customer's credit standing now: the hold flag and the latest score's risk class. One row per
 * customer (primary key), so the credit check and the collectors' worklist read it by key; the
 * scores' history is in `credit_scores`.
 */
@Entity('credit_profiles')
@Index('ix_credit_profile_class', ['riskClass'])
export class CreditProfile {
  @PrimaryColumn({ type: 'bigint' })
  customerId: string;

  @Column({ type: 'boolean', default: false })
  onHold: boolean;

  @Column({ type: 'varchar', length: 500, nullable: true })
  holdReason: string | null;

  /** Actor id of who set the hold (or of the manager who approved its release). */
  @Column({ type: 'varchar', length: 128, nullable: true })
  holdChangedBy: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  holdChangedAt: Date | null;

  /** null until the first nightly score. */
  @Column({ type: 'char', length: 1, nullable: true })
  riskClass: RiskClass | null;

  @Column({ type: 'int', nullable: true })
  score: number | null;

  @Column({ type: 'date', nullable: true })
  scoredOn: string | null;

  @UpdatedAtColumn()
  updatedAt: Date;
}
