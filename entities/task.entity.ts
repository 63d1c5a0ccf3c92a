import { CreatedAtColumn, UpdatedAtColumn } from './columns/timestamp-columns';
import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { TaskQueue, TaskStatus, TaskType } from '../contract/enums';
import type { TaskTitleKind } from '../contract/task-title';

/**
 * A unit of human work, answering to one period's workflow, or (collections: COLLECTION and
 * DUNNING_ESCALATION) to a customer's dunning case, without a period.
 */
@Entity('tasks')
@Index('uq_task_idempotency', ['idempotencyKey'], { unique: true })
@Index('ix_task_queue_status_due', ['queue', 'status', 'dueAt'])
// SLA order (due_at, priority DESC, id); the DESC part is in migration TaskQueueSlaIndexes.
@Index('ix_task_queue_sla', ['queue', 'status', 'dueAt', 'priority', 'id'])
@Index('ix_task_assignee_sla', ['assigneeId', 'status', 'dueAt', 'priority', 'id'])
// Counts per kind and a queue page of one kind (priority DESC in migration TaskQueueKindIndex).
@Index('ix_task_queue_kind_sla', ['queue', 'status', 'type', 'dueAt', 'priority', 'id'])
@Index('ix_task_period', ['periodId'])
@Index('ix_task_dunning_case', ['dunningCaseId', 'status'])
@Index('ix_task_customer', ['customerId'])
export class Task {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  /** Null for a dunning case's tasks (they answer to a customer, not a period). */
  @Column({ type: 'bigint', nullable: true })
  periodId: string | null;

  /** The customer of a task without a period (a dunning case's); null otherwise (its period says). */
  @Column({ type: 'bigint', nullable: true })
  customerId: string | null;

  /** The dunning case a COLLECTION or DUNNING_ESCALATION task is about. */
  @Column({ type: 'bigint', nullable: true })
  dunningCaseId: string | null;

  @Column({ type: 'varchar', length: 128 })
  workflowId: string;

  /** Deterministic per cause (e.g. "diff:<periodId>:<run>:<key>"): retried activities create it once. */
  @Column({ type: 'varchar', length: 160 })
  idempotencyKey: string;

  @Column({ type: 'varchar', length: 16 })
  queue: TaskQueue;

  @Column({ type: 'varchar', length: 24 })
  type: TaskType;

  @Column({ type: 'varchar', length: 16, default: TaskStatus.OPEN })
  status: TaskStatus;

  /** English, for integrators and search; readers word titleKind + titleParams in their language. */
  @Column({ type: 'varchar', length: 300 })
  title: string;

  /** What the title says, as data (contract/task-title.ts); null for tasks written before it. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  titleKind: TaskTitleKind | null;

  @Column({ type: 'json', nullable: true })
  titleParams: Record<string, string | number> | null;

  @Column({ type: 'bigint', nullable: true })
  differenceId: string | null;

  @Column({ type: 'bigint', nullable: true })
  matchGroupId: string | null;

  @Column({ type: 'bigint', nullable: true })
  adjustmentId: string | null;

  @Column({ type: 'bigint', nullable: true })
  assigneeId: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  claimedAt: Date | null;

  /** SLA deadline; queues are worked in this order. */
  @Column({ type: 'datetime', precision: 3 })
  dueAt: Date;

  @Column({ type: 'smallint', default: 0 })
  priority: number;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  outcome: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  completedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
