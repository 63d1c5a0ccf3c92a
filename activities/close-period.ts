import { appendAudit } from '../audit/audit-log';
import { ActorType, PeriodStatus } from '../entities/enums';
import { ReconciliationPeriod } from '../entities/reconciliation-period.entity';
import type { Actor } from '../workflows/period.messages';
import type { ActivityDeps } from './activity-deps';

/** Locks the period: who closed it, when and (for an exception) why. Status follows via recordPeriodStatus. */
export function createClosePeriod({ dataSource, now = () => new Date() }: ActivityDeps) {
  return async function closePeriod({
    periodId,
    actor,
    reason,
  }: {
    periodId: string;
    actor: Actor;
    reason?: string;
  }) {
    await dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(ReconciliationPeriod);
      const period = await repository.findOneOrFail({
        where: { id: periodId },
        lock: { mode: 'pessimistic_write' },
      });
      if (period.closedAt) return;
      await repository.update(
        { id: periodId },
        {
          status: PeriodStatus.CLOSED,
          closedAt: now(),
          closedBy: actor.name ?? actor.id,
          closeReason: reason ?? null,
        },
      );
      await appendAudit(manager, {
        actorType:
          actor.role === 'CUSTOMER'
            ? ActorType.CUSTOMER
            : actor.role === 'SYSTEM'
              ? ActorType.SYSTEM
              : ActorType.USER,
        actorId: actor.id,
        action: reason ? 'period.closed_by_exception' : 'period.closed',
        entityType: 'period',
        entityId: periodId,
        periodId,
        before: { status: period.status },
        after: {
          status: PeriodStatus.CLOSED,
          closedBy: actor.name ?? actor.id,
          reason: reason ?? null,
          bridgeTied: period.bridgeTied,
        },
      });
    });
  };
}
