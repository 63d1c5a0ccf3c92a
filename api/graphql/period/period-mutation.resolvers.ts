import { actorOf, Permission, requirePermission } from '../../../auth/policy';
import { ConfirmationStatus, PeriodStatus } from '../../../contract/enums';
import type { Principal } from '../../../auth/principal';
import { ReconciliationPeriod } from '../../../entities/reconciliation-period.entity';
import {
  closeByException,
  completeReview,
  confirmStatement,
  rematch,
  disputeStatement,
  monthRange,
  type DisputedLineInput,
} from '../../../contract/period';
import { ApiError, ApiErrorCode, toApiError } from '../../api-error';
import type { ApiContext } from '../../context';
import { findPeriod } from './period-query.resolvers';
import { resolveDisputedLines } from '../../../periods/customer-statement';
import type {
  MutationCompleteReviewArgs,
  MutationRematchPeriodArgs,
  MutationResolvers,
} from '../resolvers-types.generated';

async function periodOrFail(ctx: ApiContext, id: string): Promise<ReconciliationPeriod> {
  const period = await findPeriod(ctx, { id }, 'act');
  if (!period) throw new ApiError(ApiErrorCode.NOT_FOUND, `no period ${id}`);
  return period;
}

/** Sends a decision to the period's workflow and returns the period as stored afterwards. */
async function decide(ctx: ApiContext, period: ReconciliationPeriod, send: () => Promise<unknown>) {
  if (period.status === PeriodStatus.CLOSED) {
    throw new ApiError(ApiErrorCode.WRONG_STATE, 'the period is closed; later changes go to the next period');
  }
  try {
    await send();
  } catch (error) {
    throw toApiError(error);
  }
  return ctx.dataSource.getRepository(ReconciliationPeriod).findOneByOrFail({ id: period.id });
}

type CustomerPrincipal = Extract<Principal, { kind: 'customer' }>;

function customerLink(ctx: ApiContext): CustomerPrincipal {
  const principal = requirePermission(ctx.principal, Permission.RESPOND_AS_CUSTOMER);
  if (principal.kind !== 'customer') throw new ApiError(ApiErrorCode.FORBIDDEN, 'customers only');
  return principal;
}

/** One answer per link: a round already confirmed or disputed takes no second answer. */
async function requireUnansweredLink(ctx: ApiContext, principal: CustomerPrincipal): Promise<void> {
  const rows: Array<{ status: string }> = await ctx.dataSource.query(
    'SELECT status FROM customer_confirmations WHERE id = ?',
    [principal.confirmationId],
  );
  const [row] = rows;
  if (row?.status !== ConfirmationStatus.SENT)
    throw new ApiError(ApiErrorCode.WRONG_STATE, 'this link was already used to answer the statement');
}

/** A clerk's decision that ends or repeats the review: who decided, and the version they saw. */
async function reviewDecision(
  ctx: ApiContext,
  args: MutationCompleteReviewArgs | MutationRematchPeriodArgs,
  update: typeof completeReview | typeof rematch,
) {
  const principal = requirePermission(ctx.principal, Permission.REVIEW);
  const period = await periodOrFail(ctx, args.periodId);
  return decide(ctx, period, () =>
    ctx.periods.handle(period.workflowId).executeUpdate(update, {
      args: [{ actor: actorOf(principal), expectedVersion: args.expectedVersion ?? undefined }],
    }),
  );
}

export const mutationResolvers: MutationResolvers = {
  openPeriod: async (_, args, ctx) => {
    const principal = requirePermission(ctx.principal, Permission.OPEN_PERIOD);
    let range: { start: string; end: string };
    try {
      range = monthRange(args.period);
    } catch {
      throw new ApiError(ApiErrorCode.BAD_USER_INPUT, 'period must be YYYY-MM');
    }
    try {
      const opened = await ctx.periods.openPeriod(
        args.customerCode,
        range.start,
        range.end,
        actorOf(principal),
      );
      return opened.period;
    } catch (error) {
      throw toApiError(error);
    }
  },

  completeReview: (_, args, ctx) => reviewDecision(ctx, args, completeReview),

  // Audited as asked by this actor in the transaction of the extraction it causes (extract-period.ts).
  rematchPeriod: (_, args, ctx) => reviewDecision(ctx, args, rematch),

  closePeriodByException: async (_, args, ctx) => {
    const principal = requirePermission(ctx.principal, Permission.CLOSE_BY_EXCEPTION);
    const period = await periodOrFail(ctx, args.periodId);
    return decide(ctx, period, () =>
      ctx.periods
        .handle(period.workflowId)
        .executeUpdate(closeByException, { args: [{ actor: actorOf(principal), reason: args.reason }] }),
    );
  },

  confirmStatement: async (_, args, ctx) => {
    const principal = customerLink(ctx);
    await requireUnansweredLink(ctx, principal);
    const period = await periodOrFail(ctx, principal.periodId);
    return decide(ctx, period, () =>
      ctx.periods.handle(period.workflowId).executeUpdate(confirmStatement, {
        args: [{ actor: actorOf(principal), comment: args.comment ?? undefined, round: principal.round }],
      }),
    );
  },

  recordCustomerAnswer: async (_, args, ctx) => {
    const principal = requirePermission(ctx.principal, Permission.RECORD_CUSTOMER_ANSWER);
    const period = await periodOrFail(ctx, args.periodId);
    const comment = args.comment.trim();
    if (!comment)
      throw new ApiError(ApiErrorCode.BAD_USER_INPUT, 'comment: say how the customer answered', {
        problems: [{ index: -1, field: 'comment', reason: 'required' }],
      });
    const actor = actorOf(principal);
    if (args.confirmed) {
      return decide(ctx, period, () =>
        ctx.periods.handle(period.workflowId).executeUpdate(confirmStatement, { args: [{ actor, comment }] }),
      );
    }
    let lines: DisputedLineInput[];
    try {
      lines = await resolveDisputedLines(
        ctx.dataSource,
        { name: ctx.companyName ?? '' },
        period.id,
        (args.lines ?? []).map((line) => ({ ...line, comment: line.comment || comment })),
      );
    } catch (error) {
      throw toApiError(error);
    }
    return decide(ctx, period, () =>
      ctx.periods.handle(period.workflowId).executeUpdate(disputeStatement, { args: [{ actor, lines }] }),
    );
  },

  disputeStatement: async (_, args, ctx) => {
    const principal = customerLink(ctx);
    await requireUnansweredLink(ctx, principal);
    const period = await periodOrFail(ctx, principal.periodId);
    let lines: DisputedLineInput[];
    try {
      lines = await resolveDisputedLines(
        ctx.dataSource,
        { name: ctx.companyName ?? '' },
        period.id,
        args.lines,
      );
    } catch (error) {
      throw toApiError(error);
    }
    return decide(ctx, period, () =>
      ctx.periods.handle(period.workflowId).executeUpdate(disputeStatement, {
        args: [{ actor: actorOf(principal), lines, round: principal.round }],
      }),
    );
  },
};
