import type { EntityManager } from 'typeorm';
import { PeriodStatus } from '../../contract/enums';
import { PeriodRejection } from '../../contract/period';
import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { refuse } from './review-failure';

/**
 * The period's row, locked for a review action's transaction, and refused once the period is
 * closed. The close locks the same row first (closePeriodIn), so an action admitted just before a
 * close by exception either commits before it or finds it committed: nothing is written after
 * the close (#17 probe). Lock it before the action's own rows, as the close does, so the two never
 * wait for each other crosswise.
 */
export async function lockReviewablePeriod(
  manager: EntityManager,
  periodId: string,
): Promise<ReconciliationPeriod> {
  const period = await manager
    .getRepository(ReconciliationPeriod)
    .findOne({ where: { id: periodId }, lock: { mode: 'pessimistic_write' } });
  if (!period) refuse(PeriodRejection.NOT_FOUND, `no period ${periodId}`);
  if (period.closedAt || period.status === PeriodStatus.CLOSED)
    refuse(PeriodRejection.WRONG_STATE, `period ${periodId} is closed; later changes go to the next period`);
  return period;
}
