import { CreatedAtColumn } from './columns/timestamp-columns';
import { Column, Entity, Index, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import { MONEY_COLUMN } from './columns/money-transformer';
import type { Money } from '../money/decimal';
import { MatchGroupState } from '../contract/enums';
import { MatchGroupMember } from './match-group-member.entity';

/** Lines of both sides that the engine (or a clerk) says are the same dealings. */
@Entity('match_groups')
@Index('uq_match_group_key', ['periodId', 'matchRun', 'groupKey'], { unique: true })
@Index('ix_match_group_period_state', ['periodId', 'state'])
export class MatchGroup {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  periodId: string;

  @Column({ type: 'int' })
  matchRun: number;

  /** The engine's deterministic group id: re-persisting the same run is idempotent. */
  @Column({ type: 'varchar', length: 96 })
  groupKey: string;

  @Column({ type: 'varchar', length: 40 })
  rule: string;

  /** 0..1, four decimals. */
  @Column({ type: 'decimal', precision: 5, scale: 4 })
  confidence: string;

  @Column({ type: 'varchar', length: 16 })
  state: MatchGroupState;

  @Column(MONEY_COLUMN)
  residual: Money;

  @Column({ type: 'varchar', length: 1000 })
  evidence: string;

  @Column({ type: 'varchar', length: 128, nullable: true })
  decidedBy: string | null;

  @CreatedAtColumn()
  createdAt: Date;

  @OneToMany(() => MatchGroupMember, 'group', { cascade: ['insert'] })
  members?: MatchGroupMember[];
}
