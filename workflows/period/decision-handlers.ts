import { condition, setHandler } from '@temporalio/workflow';
import { actorTypeOf } from '../../contract/actor';
import { ActorType, PeriodStatus } from '../../contract/enums';
import {
  CLOSE_REASON_MAX_CHARS,
  closeByException,
  CUSTOMER_COMMENT_MAX_CHARS,
  completeReview,
  ConfirmationState,
  confirmStatement,
  customerAnswered,
  disputeStatement,
  getPeriodState,
  PeriodRejection,
  rematch,
  type DisputedLineInput,
} from '../../contract/period';
import { activities, type Decision, type PeriodContext } from './context';
import {
  afterReviewOpens,
  reject,
  requireStatus,
  requireNoPosting,
  requireNotClosing,
  requireAtMost,
  withinChars,
  requireStatusOrReviewOpening,
  requireText,
  requireVersion,
} from './guards';

/**
 * Decisions that move the period on: the customer's answer, the end of a review, a re-match asked
 * for during review, a close by exception. The handler hands the decision to the main loop and returns once it has been taken.
 */
export function registerDecisionHandlers(ctx: PeriodContext): void {
  const decide = async (decision: Decision) => {
    ctx.pending = decision;
    await condition(() => ctx.pending === undefined);
    return ctx.state;
  };
  // An answer for an older round (a link of a statement since re-sent) never decides the current one.
  const requireCurrentRound = (round: number | undefined) => {
    if (round !== undefined && round !== ctx.state.confirmationRound)
      reject(
        PeriodRejection.WRONG_STATE,
        `this answer is for statement round ${round}; round ${ctx.state.confirmationRound} was sent since`,
      );
  };
  const noDecisionPending = () => {
    requireNotClosing(ctx);
    if (ctx.pending || ctx.answering)
      reject(PeriodRejection.WRONG_STATE, 'another decision is being applied; retry');
  };

  setHandler(getPeriodState, () => ctx.state);

  setHandler(
    confirmStatement,
    (request) => decide({ kind: 'CONFIRMED', actor: request.actor, comment: request.comment }),
    {
      validator: (request) => {
        requireStatus(ctx.state, [PeriodStatus.AWAITING_CUSTOMER]);
        requireCurrentRound(request.round);
        noDecisionPending();
        requireAtMost(request.comment, 'comment', CUSTOMER_COMMENT_MAX_CHARS);
      },
    },
  );

  // The same answer by signal, for channels that cannot wait for a reply; ignored when it does not
  // apply. A signal cannot be refused: a comment the update would refuse as too long is ignored too.
  setHandler(customerAnswered, (request) => {
    if (ctx.state.status !== PeriodStatus.AWAITING_CUSTOMER || ctx.pending || ctx.answering) return;
    if (actorTypeOf(request.actor) !== ActorType.CUSTOMER) return;
    if (!withinChars(request.comment, CUSTOMER_COMMENT_MAX_CHARS)) return;
    ctx.pending = { kind: 'CONFIRMED', actor: request.actor, comment: request.comment };
  });

  setHandler(
    disputeStatement,
    async (request) => {
      // Taken from the validator's turn on (no await before it): a confirm, a second dispute or a
      // close by exception arriving while this one is written is refused by their validators.
      ctx.answering = true;
      try {
        // A very quick dispute waits until the statement is recorded as sent, so it lands on its round.
        await condition(() => ctx.state.confirmation !== ConfirmationState.NOT_SENT);
        await activities.recordCustomerAnswer({
          periodId: ctx.input.periodId,
          round: ctx.state.confirmationRound,
          outcome: 'DISPUTED',
          actor: request.actor,
          disputedLines: request.lines,
        });
      } finally {
        ctx.answering = false;
      }
      return decide({ kind: 'DISPUTED', actor: request.actor });
    },
    {
      validator: (request) => {
        requireStatus(ctx.state, [PeriodStatus.AWAITING_CUSTOMER]);
        requireCurrentRound(request.round);
        noDecisionPending();
        if (request.lines.length === 0)
          reject(PeriodRejection.INVALID_REQUEST, 'a dispute names at least one line');
        if (request.lines.some((line: DisputedLineInput) => !line.comment.trim())) {
          reject(PeriodRejection.INVALID_REQUEST, 'each disputed line needs a comment');
        }
        for (const line of request.lines as DisputedLineInput[])
          requireAtMost(line.comment, 'comment', CUSTOMER_COMMENT_MAX_CHARS);
      },
    },
  );

  const reviewing = [PeriodStatus.IN_REVIEW];
  setHandler(
    completeReview,
    afterReviewOpens(ctx, reviewing, (request) => decide({ kind: 'REVIEWED', actor: request.actor })),
    {
      validator: (request) => {
        requireStatusOrReviewOpening(ctx, reviewing);
        noDecisionPending();
        requireVersion(ctx.state, request.expectedVersion);
      },
    },
  );

  // Match again and stay in review, whatever the result: the clerk has not said the review is done.
  setHandler(rematch, (request) => decide({ kind: 'REMATCH', actor: request.actor }), {
    validator: (request) => {
      requireStatus(ctx.state, [PeriodStatus.IN_REVIEW]);
      noDecisionPending();
      requireVersion(ctx.state, request.expectedVersion);
    },
  });

  setHandler(
    closeByException,
    (request) => decide({ kind: 'CLOSED_BY_EXCEPTION', actor: request.actor, reason: request.reason.trim() }),
    {
      validator: (request) => {
        requireStatus(ctx.state, [
          PeriodStatus.IN_REVIEW,
          PeriodStatus.AWAITING_CUSTOMER,
          PeriodStatus.AWAITING_APPROVAL,
        ]);
        noDecisionPending();
        requireNoPosting(ctx);
        requireVersion(ctx.state, request.expectedVersion);
        requireText(request.reason, 'reason');
        requireAtMost(request.reason.trim(), 'reason', CLOSE_REASON_MAX_CHARS);
      },
    },
  );
}
