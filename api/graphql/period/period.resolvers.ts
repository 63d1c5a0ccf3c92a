import { AuditEvent } from '../../../entities/audit-event.entity';
import { Difference } from '../../../entities/difference.entity';
import { In } from 'typeorm';
import { MatchGroup } from '../../../entities/match-group.entity';
import { MatchGroupMember } from '../../../entities/match-group-member.entity';
import { ReconciliationPeriod } from '../../../entities/reconciliation-period.entity';
import { Task } from '../../../entities/task.entity';
import { Permission, requirePermission } from '../../../auth/policy';
import type { ApiContext } from '../../context';
import { readOrLoad } from '../../loaders/deferred-columns';
import { present } from '../../loaders/primed-loader';
import { connectionOf, keysetPage, listPage, readPageArgs, type PageArgs } from '../../pagination';
import type { FieldReads } from '../../execution/projection';
import { periodKeyOf } from './period-key';
import type { CustomerResolvers, PeriodResolvers } from '../resolvers-types.generated';

/** What Period's fields read of the row beyond their own column (see propertiesSelected). */
export const PERIOD_FIELD_READS: FieldReads = {
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
export const periodResolvers: PeriodResolvers = {
  key: (period: ReconciliationPeriod) => periodKeyOf(period.periodStart, period.periodEnd),
  bridge: (period: ReconciliationPeriod, _: unknown, ctx: ApiContext) => {
    requireDetail(ctx);
    return readOrLoad(period, 'bridge', ctx.loaders.periodDocuments);
  },
  customer: (period: ReconciliationPeriod, _: unknown, ctx: ApiContext) => {
    requireDetail(ctx);
    return present(ctx.loaders.customerById.load(period.customerId), `customer ${period.customerId}`);
  },
  matchGroups: async (period: ReconciliationPeriod, args: PageArgs, ctx: ApiContext) => {
    requireDetail(ctx);
    const request = readPageArgs('Period.matchGroups', 'mg', args);
    const page = await keysetPage(
      ctx.dataSource
        .getRepository(MatchGroup)
        .createQueryBuilder('g')
        .where('g.periodId = :periodId AND g.matchRun = :matchRun', {
          periodId: period.id,
          matchRun: period.matchRun,
        }),
      'g.id',
      request,
    );
    // The page's members in one statement (a join would make LIMIT count members, not groups).
    const members = page.rows.length
      ? await ctx.dataSource
          .getRepository(MatchGroupMember)
          .find({ where: { groupId: In(page.rows.map((group) => group.id)) }, order: { id: 'ASC' } })
      : [];
    const ids = (group: MatchGroup, side: 'ledgerEntryId' | 'statementLineId') =>
      members.flatMap((m) => {
        const id = m.groupId === group.id ? m[side] : null;
        return id ? [id] : [];
      });
    return connectionOf('mg', {
      ...page,
      rows: page.rows.map((group) => ({
        ...group,
        confidence: Number(group.confidence),
        ourEntryIds: ids(group, 'ledgerEntryId'),
        theirLineIds: ids(group, 'statementLineId'),
      })),
    });
  },
  differences: async (period: ReconciliationPeriod, args: PageArgs, ctx: ApiContext) => {
    requireDetail(ctx);
    const request = readPageArgs('Period.differences', 'df', args);
    const page = await keysetPage(
      ctx.dataSource
        .getRepository(Difference)
        .createQueryBuilder('d')
        .where('d.periodId = :periodId AND d.matchRun = :matchRun', {
          periodId: period.id,
          matchRun: period.matchRun,
        }),
      'd.id',
      request,
    );
    return connectionOf('df', {
      ...page,
      rows: page.rows.map((row) => ({ ...row, ourEntryIds: row.ourIds, theirLineIds: row.theirIds })),
    });
  },
  tasks: async (period: ReconciliationPeriod, args: PageArgs, ctx: ApiContext) => {
    const request = readPageArgs('Period.tasks', 'pt', args);
    if (ctx.principal?.kind === 'customer') return connectionOf('pt', listPage('Period.tasks', [], request));
    requirePermission(ctx.principal, Permission.READ);
    // A period has tens of tasks: read whole, in due order, and paged here.
    const tasks = await ctx.dataSource
      .getRepository(Task)
      .find({ where: { periodId: period.id }, order: { dueAt: 'ASC', id: 'ASC' } });
    return connectionOf('pt', listPage('Period.tasks', tasks, request));
  },
  // The audit log is the auditors' (audit:read), through the period as through auditEvents.
  auditTrail: async (period: ReconciliationPeriod, args: PageArgs, ctx: ApiContext) => {
    const request = readPageArgs('Period.auditTrail', 'at', args);
    if (ctx.principal?.kind === 'customer')
      return connectionOf('at', listPage('Period.auditTrail', [], request));
    requirePermission(ctx.principal, Permission.READ);
    requirePermission(ctx.principal, Permission.READ_AUDIT);
    const query = ctx.dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('a')
      .where('a.periodId = :periodId', { periodId: period.id });
    return connectionOf('at', await keysetPage(query, 'a.id', request));
  },
};

export const customerResolvers: CustomerResolvers = {
  periods: async (customer, args, ctx) => {
    requirePermission(ctx.principal, Permission.READ);
    const request = readPageArgs('Customer.periods', 'cp', args);
    // A customer has a period a month (or a quarter): read whole, newest first, paged here.
    const periods = await ctx.dataSource.getRepository(ReconciliationPeriod).find({
      where: { customerId: customer.id },
      order: { periodStart: 'DESC', id: 'DESC' },
    });
    return connectionOf('cp', listPage('Customer.periods', periods, request));
  },
};
