import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DunningCaseStatus, DunningCloseReason } from '../contract/credit/enums';
import { CreatedAtColumn, UpdatedAtColumn } from './columns/timestamp-columns';

/**
 * One customer's dunning case for one cycle (the due date of its oldest overdue item when the case
 * opened): what the dunning workflow last recorded, for the API, the worklist and the KPIs.
 */
@Entity('dunning_cases')
@Index('uq_dunning_case_cycle', ['customerId', 'cycle'], { unique: true })
@Index('ix_dunning_case_status', ['status', 'customerId'])
export class DunningCase {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  customerId: string;

  @Column({ type: 'date' })
  cycle: string;

  @Column({ type: 'varchar', length: 16, default: DunningCaseStatus.ACTIVE })
  status: DunningCaseStatus;

  @Column({ type: 'varchar', length: 16, nullable: true })
  closeReason: DunningCloseReason | null;

  /** The workflow that runs the case (`dunning-<code>`). */
  @Column({ type: 'varchar', length: 128 })
  workflowId: string;

  /** Set by the last level's escalation (or a promise broken after it): the case is the manager's. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  escalatedAt: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  closedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
