import { appendAudit } from '../audit/audit-log';
import { ActorType, type PeriodStatus } from '../entities/enums';
import { ReconciliationPeriod } from '../entities/reconciliation-period.entity';
import type { ActivityDeps } from './activity-deps';

/** Mirrors the workflow's status onto the period row (for the API) and audits the move. */
export function createRecordPeriodStatus({ dataSource }: ActivityDeps) {
  return async function recordPeriodStatus({ periodId, status }: { periodId: string; status: PeriodStatus }) {
    await dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(ReconciliationPeriod);
      const period = await repository.findOneOrFail({
        where: { id: periodId },
        lock: { mode: 'pessimistic_write' },
      });
      if (period.status === status) return; // a retried activity: already recorded
      const before = period.status;
      await repository.update({ id: periodId }, { status });
      await appendAudit(manager, {
        actorType: ActorType.SYSTEM,
        actorId: 'recon-workflow',
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
