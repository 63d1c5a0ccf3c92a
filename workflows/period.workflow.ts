import {
  allHandlersFinished,
  condition,
  patched,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Actor } from '../contract/actor';
import { PeriodStatus } from '../contract/enums';
import {
  ConfirmationState,
  DEFAULT_PERIOD_SETTINGS,
  LOCAL_MATCH_LINES,
  periodKey,
  RECON_CUSTOMER,
  RECON_PERIOD,
  RECON_STATUS,
  type MatchSummary,
  type PeriodOutcome,
  type PeriodWorkflow,
  type PeriodWorkflowInput,
} from '../contract/period';
import { hasPendingAdjustments, registerAdjustmentHandlers } from './period/adjustment-handlers';
import { awaitCustomerAnswer } from './period/await-customer';
import { activities, bookkeeping, bump, type Decision, type PeriodContext } from './period/context';
import { registerDecisionHandlers } from './period/decision-handlers';
import { PATCHES } from './period/patches';
import { registerReviewHandlers } from './period/review-handlers';

/**
 * One customer, one range, from open to closed:
 *
 *   [extract → match → review (+ adjustments)]* → customer confirmation → close
 *
 * A period goes to the customer only when its bridge ties and no difference is left open; a
 * dispute sends it back to review. Human decisions arrive as Updates whose validators refuse,
 * with a typed error and no change, anything the current state does not allow.
 */
export const reconciliationPeriodWorkflow: PeriodWorkflow = async function reconciliationPeriodWorkflow(
  input: PeriodWorkflowInput,
): Promise<PeriodOutcome> {
  const ctx: PeriodContext = {
    input,
    settings: DEFAULT_PERIOD_SETTINGS,
    pending: undefined,
    reviewOpening: false,
    answering: false,
    closing: false,
    completing: new Set(),
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

  /**
   * The workflow's own status and its search attribute. The period row follows inside the
   * transaction of the step that causes the move (extraction, review tasks, the statement, the close).
   */
  const moveTo = (status: PeriodStatus, publish = true) => {
    ctx.state.status = status;
    bump(ctx);
    // Each search-attribute update is a visibility write: skip states that last a split second.
    if (publish) upsertSearchAttributes([{ key: RECON_STATUS, value: status }]);
  };
  /** Waits for the next decision and consumes it (the handler that brought it then returns). */
  const takeDecision = async (): Promise<Decision> => {
    await condition(() => ctx.pending !== undefined);
    const decision = ctx.pending!;
    ctx.pending = undefined;
    bump(ctx);
    return decision;
  };

  // PeriodService sets these at start; a workflow started some other way gets them here.
  if (workflowInfo().typedSearchAttributes.get(RECON_CUSTOMER) === undefined) {
    upsertSearchAttributes([
      { key: RECON_CUSTOMER, value: input.customerCode },
      { key: RECON_PERIOD, value: periodKey(input.periodStart, input.periodEnd) },
    ]);
  }

  let closing: { actor: Actor; reason: string | undefined } | undefined;
  let match: MatchSummary;
  let disputed = false;
  /** A clerk asked to match again during review: back to review afterwards, even if it ties. */
  let rematchAsked: Actor | undefined;
  let closedWithAnswer = false;
  for (;;) {
    // Extract again on every round: posted adjustments move our balance, a dispute may bring a new statement.
    moveTo(PeriodStatus.EXTRACTING);
    const matchRun = (ctx.state.match?.matchRun ?? 0) + 1;
    // One step extracts and, for a small period, matches too; a large one comes back unmatched.
    // A rematch is audited as asked by its clerk in extraction's transaction, with the move it causes.
    const extract = { periodId: input.periodId, rematchRequestedBy: rematchAsked };
    const prepared = patched(PATCHES.FEWER_STEPS)
      ? await bookkeeping.extractAndMatch({ ...extract, matchRun })
      : { extracted: await bookkeeping.extractPeriod(extract), match: null };
    const extracted = prepared.extracted;
    ctx.settings = extracted.settings;
    moveTo(PeriodStatus.MATCHING, prepared.match === null);
    // Small periods match in a local activity; large ones in a regular one that heartbeats.
    const matcher =
      extracted.ledgerEntries + extracted.statementLines <= LOCAL_MATCH_LINES ? bookkeeping : activities;
    match = prepared.match ?? (await matcher.matchPeriod({ periodId: input.periodId, matchRun }));
    ctx.state.match = match;

    if (!match.tied || match.openDifferences > 0 || disputed || rematchAsked) {
      ctx.reviewOpening = true;
      await activities.createReviewTasks({
        periodId: input.periodId,
        workflowId: workflowInfo().workflowId,
        matchRun: match.matchRun,
      });
      moveTo(PeriodStatus.IN_REVIEW);
      ctx.reviewOpening = false;
      const decision = await takeDecision();
      if (decision.kind === 'CLOSED_BY_EXCEPTION') {
        closing = { actor: decision.actor, reason: decision.reason };
        break;
      }
      // No patch needed: only a rematch Update takes this path, and no older history holds one.
      rematchAsked = decision.kind === 'REMATCH' ? decision.actor : undefined;
      if (rematchAsked) continue; // pending adjustments stay pending; the dispute's tasks stay open
      if (hasPendingAdjustments(ctx)) {
        moveTo(PeriodStatus.AWAITING_APPROVAL);
        await bookkeeping.recordPeriodStatus({
          periodId: input.periodId,
          status: PeriodStatus.AWAITING_APPROVAL,
        });
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

    // Awaiting the customer from the moment the statement may reach them: a quick answer is never refused.
    ctx.state.confirmationRound += 1;
    ctx.state.confirmation = ConfirmationState.NOT_SENT;
    ctx.state.escalated = false;
    moveTo(PeriodStatus.AWAITING_CUSTOMER);
    await bookkeeping.sendStatement({ periodId: input.periodId, round: ctx.state.confirmationRound });
    ctx.state.confirmation = ConfirmationState.SENT;
    await awaitCustomerAnswer(ctx);
    const answer = await takeDecision();
    // Until the state shows this answer (closed, or back to review) no other answer or close is
    // taken: the confirm's Update returns here, before the close is written, and a dispute admitted
    // then was recorded over the confirmed, closing period (#17 probe).
    ctx.answering = true;
    if (answer.kind === 'CONFIRMED') {
      const answered = {
        periodId: input.periodId,
        round: ctx.state.confirmationRound,
        actor: answer.actor,
        comment: answer.comment,
      };
      // The confirmed answer and the close, in one step (one transaction).
      closedWithAnswer = patched(PATCHES.FEWER_STEPS);
      if (closedWithAnswer) await bookkeeping.confirmAndClose(answered);
      else await bookkeeping.recordCustomerAnswer({ ...answered, outcome: 'CONFIRMED' });
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
    ctx.answering = false; // the loop moves to EXTRACTING next, with no step between
  }

  ctx.closing = true; // from the turn the close was taken: nothing else is admitted now
  if (!closedWithAnswer)
    await bookkeeping.closePeriod({ periodId: input.periodId, actor: closing.actor, reason: closing.reason });
  ctx.state.closedBy = closing.actor.id;
  ctx.state.closeReason = closing.reason;
  moveTo(PeriodStatus.CLOSED);
  // An Update handler still running its activities finishes before the workflow does.
  if (patched(PATCHES.HANDLERS_FINISH)) await condition(allHandlersFinished);
  return { status: PeriodStatus.CLOSED, closedBy: closing.actor.id, closeReason: closing.reason, match };
};
