import { Permission, requirePermission } from '../../../auth/policy';
import { PeriodStatus } from '../../../contract/enums';
import { getPeriodState } from '../../../contract/period';
import type { ReconciliationPeriod } from '../../../entities/reconciliation-period.entity';
import { toApiError } from '../../api-error';
import type { ApiContext } from '../../context';
import type { PeriodResolvers } from '../resolvers-types.generated';

export const periodVersionResolvers: PeriodResolvers = {
  // The version lives in the workflow (every change bumps it); a query reads it without changing it.
  workflowVersion: async (period: ReconciliationPeriod, _: unknown, ctx: ApiContext) => {
    requirePermission(ctx.principal, Permission.READ);
    if (period.status === PeriodStatus.CLOSED) return null;
    try {
      const state = await ctx.periods.handle(period.workflowId).query(getPeriodState);
      return state.version;
    } catch (error) {
      throw toApiError(error);
    }
  },
};
