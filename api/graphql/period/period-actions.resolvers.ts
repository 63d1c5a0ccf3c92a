import type { UpdateDefinition } from '@temporalio/common';
import { actorOf, Permission, requirePermission, requireStepUp } from '../../../auth/policy';
import { committedEventHead } from '../../../audit/committed-head';
import { Adjustment } from '../../../entities/adjustment.entity';
import { PeriodStatus } from '../../../contract/enums';
import { ReconciliationPeriod } from '../../../entities/reconciliation-period.entity';
import {
  acceptSuggestion,
  approveAdjustment,
  askCustomer,
  markTiming,
  matchManually,
  proposeAdjustment,
  rejectAdjustment,
  rejectSuggestion,
  unmatch,
  withdrawAdjustment,
  type Decided,
  type ReviewActionResult,
} from '../../../contract/period';
import { ApiError, ApiErrorCode, toApiError } from '../../api-error';
import type { ApiContext } from '../../context';
import type { MutationResolvers, ResolverFn, ResolversTypes } from '../resolvers-types.generated';
import { findPeriod } from './period-query.resolvers';

/** What every review action's arguments carry besides its own. */
interface ActionArgs {
  periodId: string;
  expectedVersion?: number | null;
}

/**
 * One resolver per review Update: check the permission here, let the workflow's validator decide
 * on state, version and maker-checker, and answer with what the workflow says. `toRequest` adds
 * the action's own fields to who decided and the version they saw.
 */
function action<Args extends ActionArgs, Request extends Decided>(
  update: UpdateDefinition<ReviewActionResult, [Request]>,
  permission: Permission,
  toRequest: (args: Args, decided: Decided) => Request,
  sensitive?: (args: NoInfer<Args>, ctx: ApiContext) => Promise<boolean>,
): ResolverFn<ResolversTypes['ReviewActionResult'], unknown, ApiContext, Args> {
  return async (_, args, ctx) => {
    const principal = requirePermission(ctx.principal, permission);
    if (sensitive && (await sensitive(args, ctx))) requireStepUp(principal);
    const period = await findPeriod(ctx, { id: args.periodId }, 'act');
    if (!period) throw new ApiError(ApiErrorCode.NOT_FOUND, `no period ${args.periodId}`);
    if (period.status === PeriodStatus.CLOSED) {
      throw new ApiError(
        ApiErrorCode.WRONG_STATE,
        'the period is closed; later changes go to the next period',
      );
    }
    let result: ReviewActionResult;
    try {
      const request = toRequest(args, {
        actor: actorOf(principal),
        expectedVersion: args.expectedVersion ?? undefined,
      });
      result = await ctx.periods.handle(period.workflowId).executeUpdate(update, { args: [request] });
    } catch (error) {
      throw toApiError(error);
    }
    // Both read after the Update answered, side by side (two pooled connections, one wait).
    const [eventsThrough, after] = await Promise.all([
      committedEventHead(ctx.dataSource),
      ctx.dataSource.getRepository(ReconciliationPeriod).findOneByOrFail({ id: period.id }),
    ]);
    return {
      eventsThrough,
      entityId: result.entityId,
      version: result.state.version,
      adjustments: result.state.adjustments,
      period: after,
    };
  };
}

// An empty optional text is no text (as it was before the arguments were typed).
const optional = (text: string | null | undefined) => text || undefined;

/**
 * Above the second (dual-approval) threshold an approval is a sensitive action: step-up. The
 * proposal recorded how many approvals it needs when it was made (adjustments.required_approvals).
 */
async function aboveSecondThreshold(
  args: { periodId: string; adjustmentId: string },
  ctx: ApiContext,
): Promise<boolean> {
  const adjustment = await ctx.dataSource.getRepository(Adjustment).findOne({
    where: { id: args.adjustmentId, periodId: args.periodId },
    select: { requiredApprovals: true },
  });
  return (adjustment?.requiredApprovals ?? 0) >= 2;
}

export const periodActionResolvers: MutationResolvers = {
  acceptSuggestion: action(acceptSuggestion, Permission.REVIEW, (a, d) => ({
    ...d,
    groupId: a.groupId,
  })),
  rejectSuggestion: action(rejectSuggestion, Permission.REVIEW, (a, d) => ({
    ...d,
    groupId: a.groupId,
    reason: a.reason,
  })),
  matchManually: action(matchManually, Permission.REVIEW, (a, d) => ({
    ...d,
    ledgerEntryIds: a.ledgerEntryIds,
    statementLineIds: a.statementLineIds,
    note: a.note,
  })),
  unmatch: action(unmatch, Permission.REVIEW, (a, d) => ({
    ...d,
    groupId: a.groupId,
    reason: a.reason,
  })),
  markTiming: action(markTiming, Permission.REVIEW, (a, d) => ({
    ...d,
    differenceId: a.differenceId,
    note: a.note,
  })),
  askCustomer: action(askCustomer, Permission.REVIEW, (a, d) => ({
    ...d,
    differenceId: a.differenceId,
    question: a.question,
  })),
  proposeAdjustment: action(proposeAdjustment, Permission.REVIEW, (a, d) => ({
    ...d,
    amount: a.amount,
    entryDate: a.entryDate,
    reason: a.reason,
    differenceId: optional(a.differenceId),
  })),
  // Maker ≠ checker is the workflow's rule; above the manager threshold it asks for the
  // APPROVE_ADJUSTMENT grant that actorOf carries from the policy.
  approveAdjustment: action(
    approveAdjustment,
    Permission.REVIEW,
    (a, d) => ({
      ...d,
      adjustmentId: a.adjustmentId,
      comment: optional(a.comment),
    }),
    aboveSecondThreshold,
  ),
  rejectAdjustment: action(rejectAdjustment, Permission.REVIEW, (a, d) => ({
    ...d,
    adjustmentId: a.adjustmentId,
    comment: a.comment,
  })),
  // Only its proposer: the workflow compares the actor with the proposal's maker.
  withdrawAdjustment: action(withdrawAdjustment, Permission.REVIEW, (a, d) => ({
    ...d,
    adjustmentId: a.adjustmentId,
    comment: optional(a.comment),
  })),
};
