import { In, type DataSource } from 'typeorm';
import { appendAudit } from '../audit/audit-log';
import { ActorType, TaskStatus } from '../contract/enums';
import { readQueuePages, type QueuePage, type QueueWorker } from './queue-pages';
import type { QueueCursor } from './queue-order';
import { Task } from '../entities/task.entity';
import { TaskError, TaskErrorCode } from './task-error';

export type { QueuePage, QueueWorker } from './queue-pages';
export type { QueueCursor } from './queue-order';

/**
 * A person's work: open tasks of their queues and the ones they claimed, in SLA order, with each
 * task's period and customer (see readQueuePages; the API batches concurrent reads through a
 * QueueReader). Keyset paging stays stable while tasks come and go.
 */
export async function myQueue(
  dataSource: DataSource,
  user: QueueWorker,
  first: number,
  after?: QueueCursor,
): Promise<QueuePage> {
  const [page] = await readQueuePages(dataSource, [{ user, first, after }]);
  return page;
}

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
  user: QueueWorker,
  t: Transition,
  outcome?: string,
) {
  return dataSource.transaction(async (manager) => {
    const task = await manager.getRepository(Task).findOneBy({ id: taskId });
    if (!task) throw new TaskError(TaskErrorCode.NOT_FOUND, `no task ${taskId}`);
    if (!user.queues.includes(task.queue))
      throw new TaskError(TaskErrorCode.FORBIDDEN, `not your queue (${task.queue})`);
    if (task.status === TaskStatus.CANCELLED)
      throw new TaskError(
        TaskErrorCode.WRONG_STATE,
        `task ${taskId} was cancelled (${task.outcome ?? 'no longer needed'}): it cannot be ${t.to === TaskStatus.DONE ? 'completed' : t.to === TaskStatus.CLAIMED ? 'claimed' : 'released'}`,
      );
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
      // The first read may predate a rival's commit (the snapshot still said OPEN): a locking read
      // sees the row as it is now, so the loser of a race is told what happened.
      const now = await manager
        .getRepository(Task)
        .findOne({ where: { id: taskId }, lock: { mode: 'pessimistic_read' } });
      throw new TaskError(TaskErrorCode.WRONG_STATE, refusal(taskId, now ?? task, user, t));
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

/** Why a transition did not apply, from the task as it is now. */
function refusal(taskId: string, task: Task, user: QueueWorker, t: Transition): string {
  const heldByMe = task.status === TaskStatus.CLAIMED && task.assigneeId === user.id;
  if (t.to === TaskStatus.CLAIMED) {
    if (heldByMe) return `you already hold task ${taskId}`;
    if (task.status === TaskStatus.CLAIMED) return `task ${taskId} was claimed by someone else first`;
  }
  if (t.mine && !heldByMe) return `task ${taskId} is not claimed by you`;
  return `task ${taskId} is ${task.status}`;
}

export const claimTask = (ds: DataSource, id: string, user: QueueWorker) => move(ds, id, user, CLAIM);
export const releaseTask = (ds: DataSource, id: string, user: QueueWorker) => move(ds, id, user, RELEASE);
export const completeTask = (ds: DataSource, id: string, user: QueueWorker, outcome: string) =>
  move(ds, id, user, COMPLETE, outcome);
