import { auditFields, SYSTEM_ACTORS } from '../contract/actor';
import { appendAudit } from '../audit/audit-log';
import type { PeriodStatus } from '../contract/enums';
import { setPeriodStatus } from './set-period-status';
import type { ActivityDeps } from './activity-deps';

/** Mirrors the workflow's status onto the period row (for the API) and audits the move. */
export function createRecordPeriodStatus({ dataSource }: ActivityDeps) {
  return async function recordPeriodStatus({ periodId, status }: { periodId: string; status: PeriodStatus }) {
    await dataSource.transaction(async (manager) => {
      const before = await setPeriodStatus(manager, periodId, status);
      if (!before) return; // a retried activity: already recorded
      await appendAudit(manager, {
        ...auditFields(SYSTEM_ACTORS.workflow),
        action: 'period.status_changed',
        entityType: 'period',
        entityId: periodId,
        periodId,
        before: { status: before },
        after: { status },
      });
    });
  };
}
