import { appendAudit } from '../audit/audit-log';
import { publishPeriodStatus } from '../webhooks/domain-events';
import { PeriodStatus } from '../contract/enums';
import type { EntityManager } from 'typeorm';
import { auditFields, type Actor } from '../contract/actor';
import type { ActivityDeps } from './activity-deps';
import { cancelTasksOfClosedPeriod } from '../tasks/cancel-tasks';

export interface CloseRequest {
  periodId: string;
  actor: Actor;
  reason?: string;
}

/** Locks the period: who closed it, when and (for an exception) why. */
export function createClosePeriod({ dataSource, now = () => new Date() }: ActivityDeps) {
  return async function closePeriod(request: CloseRequest) {
    await dataSource.transaction((manager) => closePeriodIn(manager, request, now()));
  };
}

/** The close, inside the caller's transaction; a period already closed is left as it is. */
export async function closePeriodIn(
  manager: EntityManager,
  { periodId, actor, reason }: CloseRequest,
  at: Date,
): Promise<void> {
  const [period] = (await manager.query(
    'SELECT status, closed_at, bridge_tied FROM reconciliation_periods WHERE id = ? FOR UPDATE',
    [periodId],
  )) as Array<{ status: PeriodStatus; closed_at: Date | null; bridge_tied: number }>;
  if (!period) throw new Error(`no period ${periodId}`);
  if (period.closed_at) return;
  await manager.query(
    `UPDATE reconciliation_periods
            SET status = ?, closed_at = ?, closed_by = ?, close_reason = ?, version = version + 1,
                updated_at = CURRENT_TIMESTAMP(3)
          WHERE id = ?`,
    // The actor's stable id (user:7, customer:C001), as in the audit log; names change, ids do not.
    [PeriodStatus.CLOSED, at, actor.id, reason ?? null, periodId],
  );
  await publishPeriodStatus(manager, periodId, period.status, PeriodStatus.CLOSED);
  // Nothing is done in a closed period: its open tasks end with it.
  const cancelledTasks = await cancelTasksOfClosedPeriod(manager, periodId, at);
  await appendAudit(manager, {
    ...auditFields(actor),
    action: reason ? 'period.closed_by_exception' : 'period.closed',
    entityType: 'period',
    entityId: periodId,
    periodId,
    before: { status: period.status },
    after: {
      status: PeriodStatus.CLOSED,
      closedBy: actor.id,
      reason: reason ?? null,
      bridgeTied: Boolean(period.bridge_tied),
      ...(cancelledTasks ? { cancelledTasks } : {}),
    },
  });
}
