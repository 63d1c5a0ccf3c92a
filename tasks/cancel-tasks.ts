import type { EntityManager } from 'typeorm';
import { TaskStatus } from '../contract/enums';

/**
 * Tasks that no longer ask anything of anyone are CANCELLED, with why in `outcome`: those about a
 * difference or suggestion of an earlier match run (the re-match made its own), and every open task
 * of a period that closed. A cancelled task cannot be claimed or completed (tasks/task.service.ts).
 */
const STILL_OPEN = [TaskStatus.OPEN, TaskStatus.CLAIMED];

/** Cancels the open tasks about differences and suggestions of runs before `matchRun`; how many. */
export async function cancelSupersededTasks(
  manager: EntityManager,
  periodId: string,
  matchRun: number,
  at: Date,
): Promise<number> {
  const result = (await manager.query(
    `UPDATE tasks t
       LEFT JOIN differences d ON d.id = t.difference_id
       LEFT JOIN match_groups g ON g.id = t.match_group_id
        SET t.status = ?, t.outcome = ?, t.completed_at = ?, t.version = t.version + 1
      WHERE t.period_id = ? AND t.status IN (?, ?) AND (d.match_run < ? OR g.match_run < ?)`,
    [
      TaskStatus.CANCELLED,
      `superseded by match run ${matchRun}: see its own tasks`,
      at,
      periodId,
      ...STILL_OPEN,
      matchRun,
      matchRun,
    ],
  )) as { affectedRows?: number };
  return result.affectedRows ?? 0;
}

/** Cancels every open task of a period that closed; how many. */
export async function cancelTasksOfClosedPeriod(
  manager: EntityManager,
  periodId: string,
  at: Date,
): Promise<number> {
  const result = (await manager.query(
    `UPDATE tasks SET status = ?, outcome = ?, completed_at = ?, version = version + 1
      WHERE period_id = ? AND status IN (?, ?)`,
    [TaskStatus.CANCELLED, 'the period closed', at, periodId, ...STILL_OPEN],
  )) as { affectedRows?: number };
  return result.affectedRows ?? 0;
}
