import { Permission, requireAccountReader, requirePermission } from '../../../auth/policy';
import { monthRange } from '../../../contract/period';
import { User } from '../../../entities/user.entity';
import { Money } from '../../../money/decimal';
import { readDashboard } from '../../../reports/sources/dashboard';
import { kpiReport } from '../../../reports/sources/kpi';
import { ApiError, ApiErrorCode } from '../../api-error';
import { present } from '../../loaders/primed-loader';
import type {
  DashboardResolvers,
  QueryResolvers,
  UnansweredStatementResolvers,
  WorkloadResolvers,
} from '../resolvers-types.generated';
import { isCurrencyCode } from '../../../formats/currency';

// The data sources take the company for documents; the API's answers carry no letterhead.
const NO_LETTERHEAD = { name: '' };

function currencyArg(currency: string | null | undefined): string {
  const code = currency ?? 'CNY';
  if (!isCurrencyCode(code))
    throw new ApiError(ApiErrorCode.BAD_USER_INPUT, 'currency must be a code like CNY');
  return code;
}

export const dashboardQueryResolvers: QueryResolvers = {
  dashboard: async (_, args, ctx) => {
    requirePermission(ctx.principal, Permission.READ_REPORTS);
    let range: { start: string; end: string };
    try {
      range = monthRange(args.month);
    } catch {
      throw new ApiError(ApiErrorCode.BAD_USER_INPUT, 'month must be YYYY-MM');
    }
    return readDashboard(ctx.dataSource.manager, { key: args.month, ...range }, new Date());
  },

  kpis: async (_, args, ctx) => {
    requirePermission(ctx.principal, Permission.READ_REPORTS);
    if (args.from > args.to) throw new ApiError(ApiErrorCode.BAD_USER_INPUT, 'from must not be after to');
    const currency = currencyArg(args.currency);
    const report = await kpiReport(ctx.dataSource, NO_LETTERHEAD, args.from, args.to, currency);
    return {
      from: args.from,
      to: args.to,
      currency,
      periods: report.periods,
      autoMatchRate: Number(report.autoMatchRate),
      confirmationRate: Number(report.confirmationRate),
      disputeRate: Number(report.disputeRate),
      medianDaysToConfirm: report.medianDaysToConfirm === null ? null : Number(report.medianDaysToConfirm),
      openDifferencesByAge: report.openDifferencesByAge.map((age) => ({
        ...age,
        amount: new Money(age.amount),
      })),
    };
  },
};

export const dashboardResolvers: DashboardResolvers = {
  untiedPeriods: async (data, _, ctx) =>
    (await Promise.all(data.untiedPeriodIds.map(async (id) => ctx.loaders.periodById.load(id)))).filter(
      (period) => period !== undefined,
    ),
  unansweredStatements: (data) => data.unanswered,
};

export const unansweredStatementResolvers: UnansweredStatementResolvers = {
  period: (row, _, ctx) => present(ctx.loaders.periodById.load(row.periodId), `period ${row.periodId}`),
};

export const workloadResolvers: WorkloadResolvers = {
  // The account behind the name: admins' (or the caller's own), as `users` is; FORBIDDEN otherwise.
  user: (row, _, ctx) => {
    if (!row.userId) return null;
    requireAccountReader(ctx.principal, row.userId);
    return ctx.dataSource.getRepository(User).findOneBy({ id: row.userId });
  },
};
