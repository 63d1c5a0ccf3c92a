import {
  canActOnPeriod,
  canSeePeriod,
  Permission,
  refuseEnrolmentOnly,
  requirePermission,
} from '../../../auth/policy';
import { Customer } from '../../../entities/customer.entity';
import { ReconciliationPeriod } from '../../../entities/reconciliation-period.entity';
import { periodWorkflowId } from '../../../contract/period';
import { monthRange } from '../../../formats/date';
import { ApiError, ApiErrorCode } from '../../api-error';
import type { ApiContext } from '../../context';
import { connection, decodeCursor, pageSize, refuseBackward } from '../../pagination';
import type { QueryResolvers } from '../resolvers-types.generated';
import { decodeId } from '../../../contract/ids';

interface PeriodArgs {
  id?: string | null;
  customerCode?: string | null;
  period?: string | null;
}

/**
 * A period by id or by customer and month. `read` (the default) needs the read permission; `act`
 * is for mutations, whose own permission the caller has checked.
 */
export async function findPeriod(
  ctx: ApiContext,
  args: PeriodArgs,
  purpose: 'read' | 'act' = 'read',
): Promise<ReconciliationPeriod | null> {
  const repository = ctx.dataSource.getRepository(ReconciliationPeriod);
  let period: ReconciliationPeriod | null = null;
  if (args.id) {
    period = await repository.findOneBy({ id: decodeId(args.id, 'id') });
  } else if (args.customerCode && args.period) {
    let range: { start: string; end: string };
    try {
      range = monthRange(args.period);
    } catch {
      throw new ApiError(ApiErrorCode.BAD_USER_INPUT, 'period must be YYYY-MM');
    }
    period = await repository.findOneBy({
      workflowId: periodWorkflowId(args.customerCode, range.start, range.end),
    });
  } else {
    throw new ApiError(ApiErrorCode.BAD_USER_INPUT, 'give either id, or customerCode and period');
  }
  // A credential held to enrolment reads no period (canSeePeriod would say FORBIDDEN): told why.
  if (ctx.principal) refuseEnrolmentOnly(ctx.principal);
  const allowed = purpose === 'read' ? canSeePeriod : canActOnPeriod;
  if (period && !allowed(ctx.principal, period.id)) {
    throw new ApiError(ApiErrorCode.FORBIDDEN, 'not allowed to see this period');
  }
  return period;
}

export const queryResolvers: QueryResolvers = {
  health: (_, __, ctx) => ctx.health(),

  me: (_, __, ctx) => {
    const principal = ctx.principal;
    if (!principal) throw new ApiError(ApiErrorCode.UNAUTHENTICATED, 'authentication required');
    if (principal.kind === 'user')
      return {
        kind: 'user',
        name: principal.name,
        role: principal.role,
        twoFactorEnabled: principal.secondFactor?.enrolled ?? false,
        mustEnrol: principal.secondFactor?.enrolmentOnly ?? false,
      };
    if (principal.kind === 'apiKey') return { kind: 'apiKey', name: principal.name, role: null };
    return { kind: 'customer', name: principal.customerCode, role: null };
  },

  customers: async (_, args, ctx) => {
    requirePermission(ctx.principal, Permission.READ);
    refuseBackward('Query.customers', args);
    const size = pageSize(args.first);
    const query = ctx.dataSource
      .getRepository(Customer)
      .createQueryBuilder('c')
      .orderBy('c.id', 'ASC')
      .take(size + 1);
    const after = decodeCursor(args.after);
    if (after) query.andWhere('c.id > :after', { after });
    if (args.search) {
      query.andWhere('(c.code LIKE :search OR c.name LIKE :search)', {
        search: `%${escapeLike(args.search)}%`,
      });
    }
    return connection(await query.getMany(), size, args.after);
  },

  customer: async (_, args, ctx) => {
    requirePermission(ctx.principal, Permission.READ);
    return ctx.dataSource.getRepository(Customer).findOneBy({ code: args.code });
  },

  period: async (_, args, ctx) => {
    if (!ctx.principal) throw new ApiError(ApiErrorCode.UNAUTHENTICATED, 'authentication required');
    return findPeriod(ctx, args);
  },

  periods: async (_, args, ctx) => {
    requirePermission(ctx.principal, Permission.READ);
    refuseBackward('Query.periods', args);
    const size = pageSize(args.first);
    const query = ctx.dataSource
      .getRepository(ReconciliationPeriod)
      .createQueryBuilder('p')
      .orderBy('p.id', 'ASC')
      .take(size + 1);
    const after = decodeCursor(args.after);
    if (after) query.andWhere('p.id > :after', { after });
    const filter = args.filter ?? {};
    if (filter.status) query.andWhere('p.status = :status', { status: filter.status });
    if (filter.from) query.andWhere('p.periodEnd >= :from', { from: filter.from });
    if (filter.to) query.andWhere('p.periodStart <= :to', { to: filter.to });
    if (filter.customerCode) {
      const customer = await ctx.dataSource.getRepository(Customer).findOneBy({ code: filter.customerCode });
      if (!customer) return connection([], size);
      query.andWhere('p.customerId = :customerId', { customerId: customer.id });
    }
    return connection(await query.getMany(), size, args.after);
  },
};

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
