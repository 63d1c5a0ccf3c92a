import { CreatedAtColumn, UpdatedAtColumn } from './columns/timestamp-columns';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { MONEY_COLUMN } from './columns/money-transformer';
import type { Money } from '../money/decimal';
import { DifferenceKind, DifferenceStatus } from '../contract/enums';

/** A classified difference between the two sides; one line of the balance bridge. */
@Entity('differences')
@Index('uq_difference_key', ['periodId', 'matchRun', 'differenceKey'], { unique: true })
@Index('ix_difference_period_status', ['periodId', 'status'])
export class Difference {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  periodId: string;

  @Column({ type: 'int' })
  matchRun: number;

  /** The engine's deterministic id for the difference within a run. */
  @Column({ type: 'varchar', length: 96 })
  differenceKey: string;

  @Column({ type: 'varchar', length: 24 })
  kind: DifferenceKind;

  /** Signed, as it enters the bridge: our closing + sum(amounts) = their closing. */
  @Column(MONEY_COLUMN)
  amount: Money;

  @Column({ type: 'json' })
  ourIds: string[];

  @Column({ type: 'json' })
  theirIds: string[];

  @Column({ type: 'varchar', length: 1000 })
  explanation: string;

  @Column({ type: 'varchar', length: 16, default: DifferenceStatus.OPEN })
  status: DifferenceStatus;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  resolution: string | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
