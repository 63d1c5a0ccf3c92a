import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { AdminTaskKind, AdminTaskStatus } from '../contract/enums';
import { CreatedAtColumn } from './columns/timestamp-columns';

/**
 * Work for an administrator that belongs to no period (a failed scheduled backup): the clerks'
 * and managers' tasks each answer to a period's workflow, these to the installation.
 */
@Entity('admin_tasks')
@Index('uq_admin_task_key', ['idempotencyKey'], { unique: true })
@Index('ix_admin_task_status', ['status', 'createdAt'])
export class AdminTask {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  /** Deterministic per cause (e.g. "backup-failed:<scheduled run>"): a retried report raises one task. */
  @Column({ type: 'varchar', length: 160 })
  idempotencyKey: string;

  @Column({ type: 'varchar', length: 32 })
  kind: AdminTaskKind;

  @Column({ type: 'varchar', length: 16, default: AdminTaskStatus.OPEN })
  status: AdminTaskStatus;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  /** What happened, for the admin (an error message; never a secret). */
  @Column({ type: 'text' })
  detail: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  resolvedBy: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  resolvedAt: Date | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  outcome: string | null;

  @CreatedAtColumn()
  createdAt: Date;
}
