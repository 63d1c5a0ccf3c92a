import { AuditEvent } from '../../../entities/audit-event.entity';
import type { Customer } from '../../../entities/customer.entity';
import { Difference } from '../../../entities/difference.entity';
import { MatchGroup } from '../../../entities/match-group.entity';
import { ReconciliationPeriod } from '../../../entities/reconciliation-period.entity';
import { Task } from '../../../entities/task.entity';
import { Permission, requirePermission } from '../../../auth/policy';
import type { ApiContext } from '../../context';
import { readOrLoad } from '../../loaders/deferred-columns';
import type { FieldReads } from '../../execution/projection';

/** What Period's fields read of the row beyond their own column (see propertiesSelected). */
export const PERIOD_FIELD_READS: FieldReads = {
  // ReconciliationPeriod#key, a getter over the range.
  key: ['periodStart', 'periodEnd'],
  customer: ['customerId'],
  matchGroups: ['matchRun'],
  differences: ['matchRun'],
  tasks: [],
  auditTrail: [],
  ledgerEntries: ['customerId', 'matchRun', 'periodStart', 'periodEnd'],
  statementLines: ['statementId', 'matchRun'],
  timeline: [],
  workflowVersion: ['workflowId', 'status'],
};

/**
 * A period's details beyond its own row need `read`: a key that may open or review a period gets
 * the period back, not its lines, tasks or customer. (A customer link reaches its own period only;
 * what it may see of it is decided where links are resolved.)
 */
function requireDetail(ctx: ApiContext): void {
  if (ctx.principal?.kind !== 'customer') requirePermission(ctx.principal, Permission.READ);
}

/** Field resolvers: each reads only what was asked for, and only the latest match run. */
export const periodResolvers = {
  bridge: (period: ReconciliationPeriod, _: unknown, ctx: ApiContext) => {
    requireDetail(ctx);
    return readOrLoad(period, 'bridge', ctx.loaders.periodDocuments);
  },
  customer: (period: ReconciliationPeriod, _: unknown, ctx: ApiContext) => {
    requireDetail(ctx);
    return ctx.loaders.customerById.load(period.customerId);
  },
  matchGroups: async (period: ReconciliationPeriod, _: unknown, ctx: ApiContext) => {
    requireDetail(ctx);
    const groups = await ctx.dataSource.getRepository(MatchGroup).find({
      where: { periodId: period.id, matchRun: period.matchRun },
      relations: { members: true },
      order: { id: 'ASC' },
    });
    return groups.map((group) => ({
      ...group,
      confidence: Number(group.confidence),
      ourEntryIds: (group.members ?? []).filter((m) => m.ledgerEntryId).map((m) => m.ledgerEntryId),
      theirLineIds: (group.members ?? []).filter((m) => m.statementLineId).map((m) => m.statementLineId),
    }));
  },
  differences: async (period: ReconciliationPeriod, _: unknown, ctx: ApiContext) => {
    requireDetail(ctx);
    const rows = await ctx.dataSource
      .getRepository(Difference)
      .find({ where: { periodId: period.id, matchRun: period.matchRun }, order: { id: 'ASC' } });
    return rows.map((row) => ({ ...row, ourEntryIds: row.ourIds, theirLineIds: row.theirIds }));
  },
  tasks: (period: ReconciliationPeriod, _: unknown, ctx: ApiContext) => {
    if (ctx.principal?.kind === 'customer') return [];
    requirePermission(ctx.principal, Permission.READ);
    return ctx.dataSource
      .getRepository(Task)
      .find({ where: { periodId: period.id }, order: { dueAt: 'ASC', id: 'ASC' } });
  },
  // The audit log is the auditors' (audit:read), through the period as through auditEvents.
  auditTrail: (period: ReconciliationPeriod, _: unknown, ctx: ApiContext) => {
    if (ctx.principal?.kind === 'customer') return [];
    requirePermission(ctx.principal, Permission.READ);
    requirePermission(ctx.principal, Permission.READ_AUDIT);
    return ctx.dataSource
      .getRepository(AuditEvent)
      .find({ where: { periodId: period.id }, order: { id: 'ASC' } });
  },
};

export const customerResolvers = {
  periods: (customer: Customer, args: { first?: number }, ctx: ApiContext) => {
    requirePermission(ctx.principal, Permission.READ);
    return ctx.dataSource.getRepository(ReconciliationPeriod).find({
      where: { customerId: customer.id },
      order: { periodStart: 'DESC' },
      take: Math.min(Math.max(args.first ?? 12, 1), 120),
    });
  },
};
