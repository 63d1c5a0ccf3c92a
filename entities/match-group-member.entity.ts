import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MONEY_COLUMN } from './columns/money-transformer';
import type { Money } from '../money/decimal';
import { MatchSide } from '../contract/enums';
// TypeORM relations name each other's entity: the one import cycle allowed (docs/architecture.md).
// eslint-disable-next-line import-x/no-cycle
import { MatchGroup } from './match-group.entity';

/** One line in a match group: a ledger entry (OURS) or a statement line (THEIRS). */
@Entity('match_group_members')
@Index('ix_member_group', ['groupId'])
@Index('ix_member_ledger', ['ledgerEntryId'])
@Index('ix_member_statement_line', ['statementLineId'])
export class MatchGroupMember {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  groupId: string;

  @ManyToOne(() => MatchGroup, (group) => group.members, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: MatchGroup;

  @Column({ type: 'varchar', length: 8 })
  side: MatchSide;

  @Column({ type: 'bigint', nullable: true })
  ledgerEntryId: string | null;

  @Column({ type: 'bigint', nullable: true })
  statementLineId: string | null;

  @Column(MONEY_COLUMN)
  amount: Money;
}
