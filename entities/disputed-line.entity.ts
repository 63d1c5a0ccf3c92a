import { CreatedAtColumn } from '../db/timestamp-columns';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One line the customer disputed, with their comment. */
@Entity('disputed_lines')
@Index('ix_disputed_confirmation', ['confirmationId'])
export class DisputedLine {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  confirmationId: string;

  @Column({ type: 'bigint', nullable: true })
  ledgerEntryId: string | null;

  @Column({ type: 'bigint', nullable: true })
  statementLineId: string | null;

  @Column({ type: 'varchar', length: 2000 })
  comment: string;

  @CreatedAtColumn()
  createdAt: Date;
}
