import { CreatedAtColumn } from './columns/timestamp-columns';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { MONEY_COLUMN } from './columns/money-transformer';
import type { Money } from '../money/decimal';
import { RiskClass } from '../contract/credit/enums';
import type { ScoreComponent } from '../contract/credit/score';

/** One night's credit score of one customer, kept as history (the latest is also in credit_profiles). */
@Entity('credit_scores')
@Index('uq_credit_score_day', ['customerId', 'scoredOn'], { unique: true })
@Index('ix_credit_score_day', ['scoredOn'])
export class CreditScore {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  customerId: string;

  @Column({ type: 'date' })
  scoredOn: string;

  /** 0 (worst) … 100 (best). */
  @Column({ type: 'int' })
  score: number;

  @Column({ type: 'char', length: 1 })
  riskClass: RiskClass;

  /** Each component with its measure, points and weight: the score explains itself. */
  @Column({ type: 'json' })
  components: ScoreComponent[];

  /** The limit this class suggests, in the customer's currency (a manager may accept it: a request). */
  @Column({ ...MONEY_COLUMN, nullable: true })
  suggestedLimit: Money | null;

  @Column({ type: 'char', length: 3, nullable: true })
  suggestedCurrency: string | null;

  @CreatedAtColumn()
  createdAt: Date;
}
