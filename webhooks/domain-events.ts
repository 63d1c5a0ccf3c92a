import type { EntityManager } from 'typeorm';
import type { PeriodStatus, TaskQueue, TaskType } from '../contract/enums';
import { periodKey } from '../contract/period';
import { publishEvent, someoneSubscribes } from './publish-event';

/**
 * `period.status_changed`, inside the transaction that moved the period; call it after the row's
 * update. The key carries the row's new version: a retried step that moves nothing publishes nothing.
 */
export async function publishPeriodStatus(
  manager: EntityManager,
  periodId: string,
  from: PeriodStatus | null,
  to: PeriodStatus,
): Promise<void> {
  if (from === to || !(await someoneSubscribes(manager, 'period.status_changed'))) return;
  const [row] = (await manager.query(
    `SELECT p.workflow_id, p.period_start, p.period_end, p.version, c.code
       FROM reconciliation_periods p JOIN customers c ON c.id = p.customer_id WHERE p.id = ?`,
    [periodId],
  )) as Array<{
    workflow_id: string;
    period_start: string;
    period_end: string;
    version: number;
    code: string;
  }>;
  if (!row) return;
  await publishEvent(
    manager,
    'period.status_changed',
    {
      periodId,
      workflowId: row.workflow_id,
      customerCode: row.code,
      periodKey: periodKey(row.period_start, row.period_end),
      from,
      to,
    },
    `period:${periodId}:${to}:v${row.version}`,
  );
}

/**
 * `task.created` for the tasks the caller just inserted, found by their idempotency keys; a task
 * that already existed (a retried step) was published then, and its key publishes nothing new.
 */
export async function publishTasksCreated(manager: EntityManager, idempotencyKeys: string[]): Promise<void> {
  if (idempotencyKeys.length === 0 || !(await someoneSubscribes(manager, 'task.created'))) return;
  const tasks = (await manager.query(
    `SELECT CAST(id AS CHAR) AS id, CAST(period_id AS CHAR) AS period_id, workflow_id, queue, type, title, due_at
       FROM tasks WHERE idempotency_key IN (${idempotencyKeys.map(() => '?').join(', ')}) ORDER BY id`,
    idempotencyKeys,
  )) as Array<{
    id: string;
    period_id: string;
    workflow_id: string;
    queue: TaskQueue;
    type: TaskType;
    title: string;
    due_at: Date;
  }>;
  for (const task of tasks) {
    await publishEvent(
      manager,
      'task.created',
      {
        taskId: task.id,
        periodId: task.period_id,
        workflowId: task.workflow_id,
        queue: task.queue,
        type: task.type,
        title: task.title,
        dueAt: task.due_at.toISOString(),
      },
      `task:${task.id}:created`,
    );
  }
}
