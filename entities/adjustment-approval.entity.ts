import { CreatedAtColumn } from './columns/timestamp-columns';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ApprovalDecision } from '../contract/enums';

/** One approver's decision; unique per approver so nobody counts twice. */
@Entity('adjustment_approvals')
@Index('uq_approval_approver', ['adjustmentId', 'approverId'], { unique: true })
export class AdjustmentApproval {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  adjustmentId: string;

  /** The approver's actor id ("user:<id>"). */
  @Column({ type: 'varchar', length: 128 })
  approverId: string;

  @Column({ type: 'varchar', length: 8 })
  decision: ApprovalDecision;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  comment: string | null;

  @CreatedAtColumn()
  createdAt: Date;
}
