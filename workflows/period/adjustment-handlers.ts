import { patched, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Actor } from '../../contract/actor';
import { ApprovalDecision, PeriodStatus } from '../../contract/enums';
import { AmountError, money } from '../../money/decimal';
import {
  ADJUSTMENT_TEXT_MAX_CHARS,
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
import { PATCHES } from './patches';
import { refusable } from './refusable';
import {
  afterReviewOpens,
  reject,
  requireStatus,
  requireAtMost,
  requireNoClosePending,
  requireNotClosing,
  requireStatusOrReviewOpening,
  requireText,
  requireVersion,
} from './guards';
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
  /**
   * Approvals being recorded (or posted), by adjustment: the state counts an approval only once
   * its row is committed, so these count meanwhile, as the state will: a second approval by the
   * same person is refused, one more completes the count, and nothing else is decided on an
   * adjustment whose count is complete.
   */
  const approving = new Map<string, string[]>();
  const inFlight = (id: string) => approving.get(id) ?? [];
  const countComplete = (adjustment: AdjustmentView) =>
    adjustment.approvals.length + inFlight(adjustment.id).length >= adjustment.requiredApprovals;
  /**
   * The activities that record a decision while its sender waits: since DECISIONS_ANSWER_FAST with
   * the decisions' few quick retries (a refusal found in the data is not retried at all), before it
   * with the workflow's long ones, which left an Update hanging for minutes on a value the database
   * refused. Posting keeps the long retries: it rides out a database that is away.
   */
  const answering = () => (patched(PATCHES.DECISIONS_ANSWER_FAST) ? decisions : activities);
  /** Adjustments being rejected or withdrawn: marked so once their activity has committed. */
  const ending = new Set<string>();
  const notBeingDecided = (adjustment: AdjustmentView | undefined, actor?: Actor) => {
    if (!adjustment) return;
    if (ending.has(adjustment.id))
      reject(PeriodRejection.WRONG_STATE, 'a decision on this adjustment is being recorded; retry');
    if (actor && inFlight(adjustment.id).includes(actor.id))
      reject(PeriodRejection.MAKER_CHECKER, 'each approver counts once');
    if (countComplete(adjustment)) reject(PeriodRejection.WRONG_STATE, 'adjustment is being approved');
  };

  setHandler(
    proposeAdjustment,
    afterReviewOpens(ctx, [PeriodStatus.IN_REVIEW], async (request) => {
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
    }),
    {
      validator: (request) => {
        requireStatusOrReviewOpening(ctx, [PeriodStatus.IN_REVIEW]);
        requireVersion(ctx.state, request.expectedVersion);
        requireText(request.reason, 'reason');
        requireAtMost(request.reason, 'reason', ADJUSTMENT_TEXT_MAX_CHARS);
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
    requireNotClosing(ctx);
    requireNoClosePending(ctx);
    requireStatus(ctx.state, [PeriodStatus.IN_REVIEW, PeriodStatus.AWAITING_APPROVAL]);
    requireVersion(ctx.state, request.expectedVersion);
    const adjustment = find(request.adjustmentId);
    const refusal = approvalRefusal(adjustment, request.actor);
    if (refusal) reject(refusal.type, refusal.message);
    notBeingDecided(adjustment, request.actor);
    requireAtMost(request.comment, 'comment', ADJUSTMENT_TEXT_MAX_CHARS);
  };

  /**
   * The state says what is committed, never ahead of it: the approval counts once its row is
   * stored (meanwhile `approving` counts it), and the adjustment is POSTED once the posting
   * transaction committed (posting retries for minutes while the database is away). A refusal
   * found in the data fails the Update and changes nothing. Completion is counted as before
   * (committed and in-flight approvals), so recorded histories schedule the same activities.
   */
  setHandler(
    approveAdjustment,
    async (request) => {
      const adjustment = find(request.adjustmentId)!;
      const approvers = inFlight(adjustment.id);
      const complete = adjustment.approvals.length + approvers.length + 1 >= adjustment.requiredApprovals;
      approving.set(adjustment.id, [...approvers, request.actor.id]);
      // From here until it is posted (or refused), a close by exception is refused (requireNoPosting).
      if (complete) ctx.completing.add(adjustment.id);
      const settle = () => {
        const left = inFlight(adjustment.id).filter((id) => id !== request.actor.id);
        if (left.length) approving.set(adjustment.id, left);
        else approving.delete(adjustment.id);
      };
      let recorded = false;
      try {
        await refusable(
          answering().decideAdjustment({
            periodId,
            workflowId: workflowInfo().workflowId,
            adjustmentId: adjustment.id,
            actor: request.actor,
            decision: ApprovalDecision.APPROVE,
            comment: request.comment,
            completesApproval: complete,
          }),
        );
        settle();
        adjustment.approvals.push(request.actor.id);
        recorded = true;
        if (complete) {
          adjustment.state = AdjustmentState.APPROVED;
          await activities.postAdjustment({ adjustmentId: adjustment.id });
          adjustment.state = AdjustmentState.POSTED;
        }
      } finally {
        if (complete) ctx.completing.delete(adjustment.id);
        if (!recorded) settle();
        if (recorded) bump(ctx);
      }
      return { state: ctx.state, entityId: adjustment.id };
    },
    { validator: validateDecision },
  );

  /**
   * Rejects or withdraws an adjustment: `mark` changes the state once `record` (its row, tasks and
   * audit, one transaction) has committed, and other decisions on it are refused meanwhile. Periods
   * started before ENDED_AFTER_COMMIT marked it first, and the main loop moved on beside the
   * activity: their histories keep that order.
   */
  const endAdjustment = async (
    adjustment: AdjustmentView,
    mark: () => void,
    record: () => Promise<string>,
  ) => {
    if (!patched(PATCHES.ENDED_AFTER_COMMIT)) {
      mark();
      await record();
    } else {
      ending.add(adjustment.id);
      try {
        await refusable(record());
        mark();
      } finally {
        ending.delete(adjustment.id);
      }
    }
    bump(ctx);
    return { state: ctx.state, entityId: adjustment.id };
  };

  setHandler(
    rejectAdjustment,
    async (request) => {
      const adjustment: AdjustmentView = find(request.adjustmentId)!;
      return endAdjustment(
        adjustment,
        () => {
          adjustment.state = AdjustmentState.REJECTED;
          adjustment.rejectionReason = request.comment;
        },
        () =>
          answering().decideAdjustment({
            periodId,
            workflowId: workflowInfo().workflowId,
            adjustmentId: adjustment.id,
            actor: request.actor,
            decision: ApprovalDecision.REJECT,
            comment: request.comment,
            completesApproval: false,
          }),
      );
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
      return endAdjustment(
        adjustment,
        () => (adjustment.state = AdjustmentState.WITHDRAWN),
        () =>
          answering().withdrawAdjustment({
            periodId,
            adjustmentId: adjustment.id,
            actor: request.actor,
            comment: request.comment,
          }),
      );
    },
    {
      validator: (request) => {
        requireNotClosing(ctx);
        requireStatus(ctx.state, [PeriodStatus.IN_REVIEW, PeriodStatus.AWAITING_APPROVAL]);
        requireVersion(ctx.state, request.expectedVersion);
        const adjustment = find(request.adjustmentId);
        if (!adjustment) reject(PeriodRejection.NOT_FOUND, 'no such adjustment in this period');
        if (adjustment.state !== AdjustmentState.PROPOSED)
          reject(PeriodRejection.WRONG_STATE, `adjustment is ${adjustment.state}`);
        if (adjustment.proposedBy !== request.actor.id)
          reject(PeriodRejection.FORBIDDEN, 'only its proposer withdraws an adjustment');
        notBeingDecided(adjustment);
      },
    },
  );
}
