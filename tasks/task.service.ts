import { In, type DataSource } from 'typeorm';
import { appendAudit } from '../audit/audit-log';
import { ActorType, TaskQueue, TaskStatus, UserRole } from '../entities/enums';
import { hydrate, selectColumns } from '../db/hydrate';
import { Customer } from '../entities/customer.entity';
import { ReconciliationPeriod } from '../entities/reconciliation-period.entity';
import { Task } from '../entities/task.entity';
import { TaskError, TaskErrorCode } from './task-error';

/** Which queues a role works: clerks the clerk queue, managers theirs and the clerks', admins all. */
export function queuesFor(role: UserRole): TaskQueue[] {
  if (role === UserRole.CLERK) return [TaskQueue.CLERK];
  if (role === UserRole.MANAGER || role === UserRole.ADMIN) return [TaskQueue.MANAGER, TaskQueue.CLERK];
  return [];
}

export interface QueuePage {
  tasks: Task[];
  hasNextPage: boolean;
  /** The page's periods and their customers, read in the same query: a queue screen shows them. */
  periods: ReconciliationPeriod[];
  customers: Customer[];
}

/** Keyset position in the SLA order. */
export interface QueueCursor {
  dueAt: Date;
  priority: number;
  id: string;
}

// SLA order: due first, then the more urgent (higher priority), then the older task.
const SLA_ORDER = 'due_at, priority DESC, id';
const AFTER = ' AND (due_at > ? OR (due_at = ? AND (priority < ? OR (priority = ? AND id > ?))))';

/**
 * A person's work: open tasks of their queues and the ones they claimed, in SLA order, with each
 * task's period and customer. The hottest read of the API, so one round trip: each source is read
 * in index order (ix_task_queue_sla, ix_task_assignee_sla) and stops after one page, the merge
 * sorts at most a few pages, and periods and customers join by primary key. Keyset paging stays
 * stable while tasks come and go.
 */
export async function myQueue(
  dataSource: DataSource,
  user: { id: string; role: UserRole },
  first: number,
  after?: QueueCursor,
): Promise<QueuePage> {
  const queues = queuesFor(user.role);
  if (queues.length === 0) return { tasks: [], hasNextPage: false, periods: [], customers: [] };
  const keyset = after ? [after.dueAt, after.dueAt, after.priority, after.priority, after.id] : [];
  const branch = (where: string) =>
    `(SELECT id, due_at, priority FROM tasks WHERE ${where}${after ? AFTER : ''} ORDER BY ${SLA_ORDER} LIMIT ?)`;
  const branches = [
    ...queues.map(() => branch('queue = ? AND status = ?')),
    branch('assignee_id = ? AND status = ?'),
  ];
  const params = [
    ...queues.flatMap((queue) => [queue, TaskStatus.OPEN, ...keyset, first + 1]),
    ...[user.id, TaskStatus.CLAIMED, ...keyset, first + 1],
    first + 1,
  ];
  const rows = (await dataSource.query(
    `SELECT ${queueColumns(dataSource)}
       FROM (${branches.join(' UNION ALL ')}) page
       JOIN tasks t ON t.id = page.id
       JOIN reconciliation_periods p ON p.id = t.period_id
       JOIN customers c ON c.id = p.customer_id
      ORDER BY page.due_at, page.priority DESC, page.id LIMIT ?`,
    params,
  )) as Array<Record<string, unknown>>;
  const page = rows.slice(0, first);
  const periods = new Map<string, ReconciliationPeriod>();
  const customers = new Map<string, Customer>();
  for (const row of page) {
    const periodId = String(row.p_id);
    if (!periods.has(periodId)) periods.set(periodId, hydrate(dataSource, ReconciliationPeriod, row, 'p'));
    const customerId = String(row.c_id);
    if (!customers.has(customerId)) customers.set(customerId, hydrate(dataSource, Customer, row, 'c'));
  }
  return {
    tasks: page.map((row) => hydrate(dataSource, Task, row, 't')),
    hasNextPage: rows.length > first,
    periods: [...periods.values()],
    customers: [...customers.values()],
  };
}

const queueColumns = (dataSource: DataSource) =>
  [
    selectColumns(dataSource, Task, 't'),
    selectColumns(dataSource, ReconciliationPeriod, 'p'),
    selectColumns(dataSource, Customer, 'c'),
  ].join(', ');

/** Open and claimed tasks per queue. */
export async function queueCounts(
  dataSource: DataSource,
): Promise<Array<{ queue: string; status: string; count: number }>> {
  const rows = (await dataSource.query(
    `SELECT queue, status, COUNT(*) AS n FROM tasks WHERE status IN ('OPEN', 'CLAIMED') GROUP BY queue, status ORDER BY queue, status`,
  )) as Array<{ queue: string; status: string; n: string }>;
  return rows.map((r) => ({ queue: r.queue, status: r.status, count: Number(r.n) }));
}

type Transition = { from: TaskStatus[]; to: TaskStatus; mine: boolean; action: string };

const CLAIM: Transition = {
  from: [TaskStatus.OPEN],
  to: TaskStatus.CLAIMED,
  mine: false,
  action: 'task.claimed',
};
const RELEASE: Transition = {
  from: [TaskStatus.CLAIMED],
  to: TaskStatus.OPEN,
  mine: true,
  action: 'task.released',
};
const COMPLETE: Transition = {
  from: [TaskStatus.CLAIMED],
  to: TaskStatus.DONE,
  mine: true,
  action: 'task.completed',
};

/** One conditional UPDATE per transition: two clerks claiming at once, exactly one wins. */
async function move(
  dataSource: DataSource,
  taskId: string,
  user: { id: string; role: UserRole },
  t: Transition,
  outcome?: string,
) {
  return dataSource.transaction(async (manager) => {
    const task = await manager.getRepository(Task).findOneBy({ id: taskId });
    if (!task) throw new TaskError(TaskErrorCode.NOT_FOUND, `no task ${taskId}`);
    if (!queuesFor(user.role).includes(task.queue))
      throw new TaskError(TaskErrorCode.FORBIDDEN, `not your queue (${task.queue})`);
    const result = await manager
      .createQueryBuilder()
      .update(Task)
      .set({
        status: t.to,
        assigneeId: t.to === TaskStatus.OPEN ? null : user.id,
        claimedAt: t.to === TaskStatus.CLAIMED ? new Date() : task.claimedAt,
        ...(t.to === TaskStatus.DONE ? { completedAt: new Date(), outcome: outcome ?? null } : {}),
      })
      .where({ id: taskId, status: In(t.from), ...(t.mine ? { assigneeId: user.id } : {}) })
      .execute();
    if (!result.affected) {
      throw new TaskError(
        TaskErrorCode.WRONG_STATE,
        t.mine
          ? 'the task is not claimed by you'
          : `the task is ${task.status}${task.assigneeId ? ' (taken)' : ''}`,
      );
    }
    await appendAudit(manager, {
      actorType: ActorType.USER,
      actorId: `user:${user.id}`,
      action: t.action,
      entityType: 'task',
      entityId: taskId,
      periodId: task.periodId,
      before: { status: task.status, assigneeId: task.assigneeId },
      after: { status: t.to, outcome: outcome ?? null },
    });
    return manager.getRepository(Task).findOneByOrFail({ id: taskId });
  });
}

export const claimTask = (ds: DataSource, id: string, user: { id: string; role: UserRole }) =>
  move(ds, id, user, CLAIM);
export const releaseTask = (ds: DataSource, id: string, user: { id: string; role: UserRole }) =>
  move(ds, id, user, RELEASE);
export const completeTask = (
  ds: DataSource,
  id: string,
  user: { id: string; role: UserRole },
  outcome: string,
) => move(ds, id, user, COMPLETE, outcome);
