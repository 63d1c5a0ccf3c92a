import type { UpdateDefinition } from '@temporalio/common';
import { actorOf, Permission, requirePermission, requireStepUp } from '../../../auth/policy';
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
  type ReviewActionResult,
} from '../../../contract/period';
import { ApiError, ApiErrorCode, toApiError } from '../../api-error';
import type { ApiContext } from '../../context';
import { findPeriod } from './period-query.resolvers';

type Args = { periodId: string; expectedVersion?: number | null } & Record<string, unknown>;

/**
 * One resolver per review Update: check the permission here, let the workflow's validator decide
 * on state, version and maker-checker, and answer with what the workflow says.
 */
function action<Request>(
  update: UpdateDefinition<ReviewActionResult, [Request]>,
  permission: Permission,
  toRequest: (args: Args) => Omit<Request, 'actor' | 'expectedVersion'>,
  sensitive?: (args: Args, ctx: ApiContext) => Promise<boolean>,
) {
  return async (_: unknown, args: Args, ctx: ApiContext) => {
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
      const request = {
        ...toRequest(args),
        actor: actorOf(principal),
        expectedVersion: args.expectedVersion ?? undefined,
      };
      result = await ctx.periods
        .handle(period.workflowId)
        .executeUpdate(update, { args: [request as Request] });
    } catch (error) {
      throw toApiError(error);
    }
    return {
      entityId: result.entityId,
      version: result.state.version,
      adjustments: result.state.adjustments,
      period: await ctx.dataSource.getRepository(ReconciliationPeriod).findOneByOrFail({ id: period.id }),
    };
  };
}

const text = (value: unknown) => String(value ?? '');

/**
 * Above the second (dual-approval) threshold an approval is a sensitive action: step-up. The
 * proposal recorded how many approvals it needs when it was made (adjustments.required_approvals).
 */
async function aboveSecondThreshold(args: Args, ctx: ApiContext): Promise<boolean> {
  const adjustment = await ctx.dataSource
    .getRepository(Adjustment)
    .findOne({
      where: { id: text(args.adjustmentId), periodId: args.periodId },
      select: { requiredApprovals: true },
    });
  return (adjustment?.requiredApprovals ?? 0) >= 2;
}
const ids = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);

export const periodActionResolvers = {
  acceptSuggestion: action(acceptSuggestion, Permission.REVIEW, (a) => ({ groupId: text(a.groupId) })),
  rejectSuggestion: action(rejectSuggestion, Permission.REVIEW, (a) => ({
    groupId: text(a.groupId),
    reason: text(a.reason),
  })),
  matchManually: action(matchManually, Permission.REVIEW, (a) => ({
    ledgerEntryIds: ids(a.ledgerEntryIds),
    statementLineIds: ids(a.statementLineIds),
    note: text(a.note),
  })),
  unmatch: action(unmatch, Permission.REVIEW, (a) => ({ groupId: text(a.groupId), reason: text(a.reason) })),
  markTiming: action(markTiming, Permission.REVIEW, (a) => ({
    differenceId: text(a.differenceId),
    note: text(a.note),
  })),
  askCustomer: action(askCustomer, Permission.REVIEW, (a) => ({
    differenceId: text(a.differenceId),
    question: text(a.question),
  })),
  proposeAdjustment: action(proposeAdjustment, Permission.REVIEW, (a) => ({
    amount: text(a.amount),
    entryDate: text(a.entryDate),
    reason: text(a.reason),
    differenceId: a.differenceId ? text(a.differenceId) : undefined,
  })),
  // Maker ≠ checker is the workflow's rule; above the manager threshold it asks for the
  // APPROVE_ADJUSTMENT grant that actorOf carries from the policy.
  approveAdjustment: action(
    approveAdjustment,
    Permission.REVIEW,
    (a) => ({
      adjustmentId: text(a.adjustmentId),
      comment: a.comment ? text(a.comment) : undefined,
    }),
    aboveSecondThreshold,
  ),
  rejectAdjustment: action(rejectAdjustment, Permission.REVIEW, (a) => ({
    adjustmentId: text(a.adjustmentId),
    comment: text(a.comment),
  })),
  // Only its proposer: the workflow compares the actor with the proposal's maker.
  withdrawAdjustment: action(withdrawAdjustment, Permission.REVIEW, (a) => ({
    adjustmentId: text(a.adjustmentId),
    comment: a.comment ? text(a.comment) : undefined,
  })),
};
