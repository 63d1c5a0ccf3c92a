import type { DataSource, EntityManager } from 'typeorm';
import { appendAudit } from '../audit/audit-log';
import { auditFields, type Actor } from '../contract/actor';
import { AdminTaskStatus, type AdminTaskKind } from '../contract/enums';
import { insertedCount } from '../db/inserted-count';
import { AdminTask } from '../entities/admin-task.entity';
import { TaskError, TaskErrorCode } from './task-error';

export interface NewAdminTask {
  /** Deterministic per cause: raising the same key twice (a retried activity) raises one task. */
  key: string;
  kind: AdminTaskKind;
  title: string;
  detail: string;
}

/**
 * Raises a task for the administrators inside the caller's transaction, audited. Returns it, or
 * null when its key was raised before.
 */
export async function raiseAdminTask(
  manager: EntityManager,
  task: NewAdminTask,
  actor: Actor,
): Promise<AdminTask | null> {
  const result = await manager
    .createQueryBuilder()
    .insert()
    .into(AdminTask)
    .values({
      idempotencyKey: task.key.slice(0, 160),
      kind: task.kind,
      title: task.title.slice(0, 300),
      detail: task.detail.slice(0, 60_000),
    })
    .orIgnore()
    .updateEntity(false)
    .execute();
  if (insertedCount(result) === 0) return null;
  const raised = await manager
    .getRepository(AdminTask)
    .findOneByOrFail({ idempotencyKey: task.key.slice(0, 160) });
  await appendAudit(manager, {
    ...auditFields(actor),
    action: 'admin_task.raised',
    entityType: 'admin_task',
    entityId: raised.id,
    after: { kind: raised.kind, title: raised.title },
  });
  return raised;
}

/** Open tasks first, newest first within each status. */
export const listAdminTasks = (dataSource: DataSource, status?: AdminTaskStatus) =>
  dataSource.getRepository(AdminTask).find({
    where: status ? { status } : {},
    order: { status: 'ASC', createdAt: 'DESC', id: 'DESC' },
    take: 500,
  });

/** Marks an open task resolved with what was done; resolving a resolved task is WRONG_STATE. */
export async function resolveAdminTask(
  dataSource: DataSource,
  id: string,
  outcome: string,
  actor: Actor,
): Promise<AdminTask> {
  const text = outcome.trim();
  if (!text || text.length > 1000)
    throw new TaskError(TaskErrorCode.INVALID_INPUT, 'outcome must be 1 to 1000 characters', [
      { index: -1, field: 'outcome', reason: 'must be 1 to 1000 characters' },
    ]);
  return dataSource.transaction(async (manager) => {
    const repository = manager.getRepository(AdminTask);
    const task = await repository.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!task) throw new TaskError(TaskErrorCode.NOT_FOUND, `no admin task ${id}`);
    if (task.status !== AdminTaskStatus.OPEN)
      throw new TaskError(TaskErrorCode.WRONG_STATE, `admin task ${id} is already ${task.status}`);
    await repository.update(
      { id },
      { status: AdminTaskStatus.RESOLVED, resolvedBy: actor.id, resolvedAt: new Date(), outcome: text },
    );
    await appendAudit(manager, {
      ...auditFields(actor),
      action: 'admin_task.resolved',
      entityType: 'admin_task',
      entityId: id,
      before: { status: task.status },
      after: { status: AdminTaskStatus.RESOLVED, outcome: text },
    });
    return repository.findOneByOrFail({ id });
  });
}
