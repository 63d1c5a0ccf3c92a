import { setHandler, workflowInfo } from '@temporalio/workflow';
import { ApprovalDecision, PeriodStatus } from '../../contract/enums';
import { AmountError, money } from '../../money/decimal';
import {
  AdjustmentState,
  approveAdjustment,
  PeriodRejection,
  proposeAdjustment,
  rejectAdjustment,
  withdrawAdjustment,
  type AdjustmentDecision,
  type AdjustmentView,
} from '../../contract/period';
import { approvalRefusal, approvalsRequired } from './approval-rules';
import { activities, bump, decisions, type PeriodContext } from './context';
import { refusable } from './refusable';
import { reject, requireStatus, requireText, requireVersion } from './guards';
import { isIsoDate } from '../../formats/date';

export const hasPendingAdjustments = (ctx: PeriodContext) =>
  ctx.state.adjustments.some(
    (a) => a.state === AdjustmentState.PROPOSED || a.state === AdjustmentState.APPROVED,
  );

/**
 * Adjustments: proposed by one person, approved by others (maker ≠ checker, checked in the
 * validator, before anything is written). Fully approved, they post to the ledger and the period
 * re-matches; rejected, they return to the clerk with the reason.
 */
export function registerAdjustmentHandlers(ctx: PeriodContext): void {
  const periodId = ctx.input.periodId;
  const find = (id: string) => ctx.state.adjustments.find((a) => a.id === id);

  setHandler(
    proposeAdjustment,
    async (request) => {
      const { required, requiresManager } = approvalsRequired(request.amount, ctx.settings);
      const proposed = await refusable(
        decisions.proposeAdjustment({
          ...request,
          periodId,
          workflowId: workflowInfo().workflowId,
          requiredApprovals: required,
          requiresManager,
        }),
      );
      ctx.state.adjustments.push({
        id: proposed.id,
        amount: proposed.amount,
        proposedBy: request.actor.id,
        requiredApprovals: required,
        requiresManager,
        approvals: [],
        state: AdjustmentState.PROPOSED,
      });
      bump(ctx);
      return { state: ctx.state, entityId: proposed.id };
    },
    {
      validator: (request) => {
        requireStatus(ctx.state, [PeriodStatus.IN_REVIEW]);
        requireVersion(ctx.state, request.expectedVersion);
        requireText(request.reason, 'reason');
        if (!isIsoDate(request.entryDate))
          reject(PeriodRejection.INVALID_REQUEST, 'entryDate must be YYYY-MM-DD');
        try {
          if (money(request.amount).isZero())
            reject(PeriodRejection.INVALID_REQUEST, 'amount must not be zero');
        } catch (error) {
          if (error instanceof AmountError)
            reject(PeriodRejection.INVALID_REQUEST, 'amount must be a decimal string');
          throw error;
        }
      },
    },
  );

  const validateDecision = (request: AdjustmentDecision) => {
    requireStatus(ctx.state, [PeriodStatus.IN_REVIEW, PeriodStatus.AWAITING_APPROVAL]);
    requireVersion(ctx.state, request.expectedVersion);
    const refusal = approvalRefusal(find(request.adjustmentId), request.actor);
    if (refusal) reject(refusal.type, refusal.message);
  };

  setHandler(
    approveAdjustment,
    async (request) => {
      const adjustment = find(request.adjustmentId)!;
      adjustment.approvals.push(request.actor.id); // counted now, so a concurrent duplicate is refused
      const complete = adjustment.approvals.length >= adjustment.requiredApprovals;
      if (complete) adjustment.state = AdjustmentState.APPROVED;
      await activities.decideAdjustment({
        periodId,
        workflowId: workflowInfo().workflowId,
        adjustmentId: adjustment.id,
        actor: request.actor,
        decision: ApprovalDecision.APPROVE,
        comment: request.comment,
        completesApproval: complete,
      });
      if (complete) {
        await activities.postAdjustment({ adjustmentId: adjustment.id });
        adjustment.state = AdjustmentState.POSTED;
      }
      bump(ctx);
      return { state: ctx.state, entityId: adjustment.id };
    },
    { validator: validateDecision },
  );

  setHandler(
    rejectAdjustment,
    async (request) => {
      const adjustment: AdjustmentView = find(request.adjustmentId)!;
      adjustment.state = AdjustmentState.REJECTED;
      adjustment.rejectionReason = request.comment;
      await activities.decideAdjustment({
        periodId,
        workflowId: workflowInfo().workflowId,
        adjustmentId: adjustment.id,
        actor: request.actor,
        decision: ApprovalDecision.REJECT,
        comment: request.comment,
        completesApproval: false,
      });
      bump(ctx);
      return { state: ctx.state, entityId: adjustment.id };
    },
    {
      validator: (request) => {
        validateDecision(request);
        requireText(request.comment, 'comment (the reason for rejecting)');
      },
    },
  );

  setHandler(
    withdrawAdjustment,
    async (request) => {
      const adjustment = find(request.adjustmentId)!;
      adjustment.state = AdjustmentState.WITHDRAWN;
      await activities.withdrawAdjustment({
        periodId,
        adjustmentId: adjustment.id,
        actor: request.actor,
        comment: request.comment,
      });
      bump(ctx);
      return { state: ctx.state, entityId: adjustment.id };
    },
    {
      validator: (request) => {
        requireStatus(ctx.state, [PeriodStatus.IN_REVIEW, PeriodStatus.AWAITING_APPROVAL]);
        requireVersion(ctx.state, request.expectedVersion);
        const adjustment = find(request.adjustmentId);
        if (!adjustment) reject(PeriodRejection.NOT_FOUND, 'no such adjustment in this period');
        if (adjustment.state !== AdjustmentState.PROPOSED)
          reject(PeriodRejection.WRONG_STATE, `adjustment is ${adjustment.state}`);
        if (adjustment.proposedBy !== request.actor.id)
          reject(PeriodRejection.FORBIDDEN, 'only its proposer withdraws an adjustment');
      },
    },
  );
}
