import { condition, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { DEFAULT_SETTINGS } from './period/default-settings';
import { hasPendingAdjustments, registerAdjustmentHandlers } from './period/adjustment-handlers';
import { awaitCustomerAnswer } from './period/await-customer';
import { activities, bump, type Decision, type PeriodContext } from './period/context';
import { registerDecisionHandlers } from './period/decision-handlers';
import { registerReviewHandlers } from './period/review-handlers';
import { periodKey } from './period-id';
import {
  ConfirmationState,
  PeriodStatus,
  type Actor,
  type MatchSummary,
  type PeriodOutcome,
  type PeriodWorkflowInput,
} from './period.messages';
import { RECON_CUSTOMER, RECON_PERIOD, RECON_STATUS } from './search-attributes';

/**
 * One customer, one range, from open to closed:
 *
 *   [extract → match → review (+ adjustments)]* → customer confirmation → close
 *
 * A period goes to the customer only when its bridge ties and no difference is left open; a
 * dispute sends it back to review. Human decisions arrive as Updates whose validators refuse,
 * with a typed error and no change, anything the current state does not allow.
 */
export async function reconciliationPeriodWorkflow(input: PeriodWorkflowInput): Promise<PeriodOutcome> {
  const ctx: PeriodContext = {
    input,
    settings: DEFAULT_SETTINGS,
    pending: undefined,
    changedSinceMatch: false,
    state: {
      status: PeriodStatus.OPEN,
      version: 0,
      match: undefined,
      confirmationRound: 0,
      confirmation: ConfirmationState.NOT_SENT,
      remindersSent: 0,
      escalated: false,
      adjustments: [],
      closedBy: undefined,
      closeReason: undefined,
    },
  };
  registerDecisionHandlers(ctx);
  registerReviewHandlers(ctx);
  registerAdjustmentHandlers(ctx);

  const moveTo = async (status: PeriodStatus) => {
    ctx.state.status = status;
    bump(ctx);
    upsertSearchAttributes([{ key: RECON_STATUS, value: status }]);
    await activities.recordPeriodStatus({ periodId: input.periodId, status });
  };
  /** Waits for the next decision and consumes it (the handler that brought it then returns). */
  const takeDecision = async (): Promise<Decision> => {
    await condition(() => ctx.pending !== undefined);
    const decision = ctx.pending!;
    ctx.pending = undefined;
    bump(ctx);
    return decision;
  };

  upsertSearchAttributes([
    { key: RECON_CUSTOMER, value: input.customerCode },
    { key: RECON_PERIOD, value: periodKey(input.periodStart, input.periodEnd) },
  ]);

  let closing: { actor: Actor; reason: string | undefined } | undefined;
  let match: MatchSummary;
  let disputed = false;
  for (;;) {
    // Extract again on every round: posted adjustments move our balance, a dispute may bring a new statement.
    await moveTo(PeriodStatus.EXTRACTING);
    ctx.settings = (await activities.extractPeriod({ periodId: input.periodId })).settings;
    await moveTo(PeriodStatus.MATCHING);
    match = await activities.matchPeriod({
      periodId: input.periodId,
      matchRun: (ctx.state.match?.matchRun ?? 0) + 1,
    });
    ctx.state.match = match;
    ctx.changedSinceMatch = false;

    if (!match.tied || match.openDifferences > 0 || disputed) {
      await activities.createReviewTasks({
        periodId: input.periodId,
        workflowId: workflowInfo().workflowId,
        matchRun: match.matchRun,
      });
      await moveTo(PeriodStatus.IN_REVIEW);
      const decision = await takeDecision();
      if (decision.kind === 'CLOSED_BY_EXCEPTION') {
        closing = { actor: decision.actor, reason: decision.reason };
        break;
      }
      if (hasPendingAdjustments(ctx)) {
        await moveTo(PeriodStatus.AWAITING_APPROVAL);
        await condition(() => !hasPendingAdjustments(ctx) || ctx.pending?.kind === 'CLOSED_BY_EXCEPTION');
        if (ctx.pending?.kind === 'CLOSED_BY_EXCEPTION') {
          const close = await takeDecision();
          closing = { actor: close.actor, reason: (close as { reason: string }).reason };
          break;
        }
      }
      disputed = false;
      continue; // re-match: picks up hand matches, explanations and posted adjustments
    }

    ctx.state.confirmationRound += 1;
    await activities.sendStatement({ periodId: input.periodId, round: ctx.state.confirmationRound });
    ctx.state.confirmation = ConfirmationState.SENT;
    ctx.state.escalated = false;
    await moveTo(PeriodStatus.AWAITING_CUSTOMER);
    await awaitCustomerAnswer(ctx);
    const answer = await takeDecision();
    if (answer.kind === 'CONFIRMED') {
      await activities.recordCustomerAnswer({
        periodId: input.periodId,
        round: ctx.state.confirmationRound,
        outcome: 'CONFIRMED',
        actor: answer.actor,
        comment: answer.comment,
      });
      ctx.state.confirmation = ConfirmationState.CONFIRMED;
      closing = { actor: answer.actor, reason: undefined };
      break;
    }
    if (answer.kind === 'CLOSED_BY_EXCEPTION') {
      closing = { actor: answer.actor, reason: answer.reason };
      break;
    }
    ctx.state.confirmation = ConfirmationState.DISPUTED;
    disputed = true; // back to review with the disputed lines as tasks
  }

  await activities.closePeriod({ periodId: input.periodId, actor: closing.actor, reason: closing.reason });
  ctx.state.closedBy = closing.actor.id;
  ctx.state.closeReason = closing.reason;
  await moveTo(PeriodStatus.CLOSED);
  return { status: PeriodStatus.CLOSED, closedBy: closing.actor.id, closeReason: closing.reason, match };
}
