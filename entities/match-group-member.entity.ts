import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MONEY_COLUMN } from './columns/money-transformer';
import type { Money } from '../money/decimal';
import { MatchSide } from '../contract/enums';

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

  // The inverse TypeORM needs for MatchGroup.members, named by entity name so that a member does
  // not import its group (no import cycle); nothing reads it: groupId is the member's link.
  @ManyToOne('MatchGroup', 'members', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: object;

  @Column({ type: 'varchar', length: 8 })
  side: MatchSide;

  @Column({ type: 'bigint', nullable: true })
  ledgerEntryId: string | null;

  @Column({ type: 'bigint', nullable: true })
  statementLineId: string | null;

  @Column(MONEY_COLUMN)
  amount: Money;
}
