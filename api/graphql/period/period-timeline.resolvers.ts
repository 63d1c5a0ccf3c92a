import { Permission, requirePermission } from '../../../auth/policy';
import type { ReconciliationPeriod } from '../../../entities/reconciliation-period.entity';
import { readPeriodTimeline } from '../../../periods/period-timeline';
import type { ApiContext } from '../../context';
import type { PeriodResolvers } from '../resolvers-types.generated';

export const periodTimelineResolvers: PeriodResolvers = {
  // Staff only: the steps name the clerks and managers who took them.
  timeline: (period: ReconciliationPeriod, _: unknown, ctx: ApiContext) => {
    requirePermission(ctx.principal, Permission.READ);
    return readPeriodTimeline(ctx.dataSource.manager, period.id);
  },
};
