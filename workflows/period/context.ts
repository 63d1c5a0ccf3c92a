import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { PeriodActivities } from '../../activities';
import type { Actor } from '../../contract/actor';
import type { PeriodSettings, PeriodState, PeriodWorkflowInput } from '../../contract/period';

export const activities = proxyActivities<PeriodActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', maximumAttempts: 20 },
});

/**
 * The activities an Update handler waits for while a person waits for its answer. A refusal found
 * in the data is non-retryable already (review-failure.ts); anything else gets a few quick retries
 * (a deadlock, a dropped connection) and then fails the Update, so the request answers
 * INTERNAL_SERVER_ERROR within seconds instead of retrying for minutes behind a hanging request.
 */
export const decisions = proxyActivities<PeriodActivities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '200 milliseconds',
    backoffCoefficient: 2,
    maximumInterval: '1 second',
    maximumAttempts: 3,
  },
});

/**
 * Short, bounded, idempotent steps (status mirror, extraction's two SQL sums, sending the statement,
 * recording the answer, the close) run as local activities: same retries, no server round trip each.
 * Matching stays a regular activity: it can be long, and heartbeats.
 */
export const bookkeeping = proxyLocalActivities<PeriodActivities>({
  startToCloseTimeout: '30 seconds',
  localRetryThreshold: '10 seconds',
  retry: { initialInterval: '200 milliseconds', maximumInterval: '30 seconds', maximumAttempts: 50 },
});

/** A decision the main loop is waiting for; handlers put it here and wait until it is consumed. */
export type Decision =
  | { kind: 'CONFIRMED'; actor: Actor; comment?: string }
  | { kind: 'DISPUTED'; actor: Actor }
  | { kind: 'REVIEWED'; actor: Actor }
  | { kind: 'REMATCH'; actor: Actor }
  | { kind: 'CLOSED_BY_EXCEPTION'; actor: Actor; reason: string };

/** The workflow's mutable state, shared by the main loop and the message handlers. */
export interface PeriodContext {
  readonly input: PeriodWorkflowInput;
  readonly state: PeriodState;
  settings: PeriodSettings;
  pending: Decision | undefined;
  /**
   * The review's tasks are being written: their transaction also marks the period's row IN_REVIEW,
   * so people can see the review a moment before the workflow has taken it (see guards.ts).
   */
  reviewOpening: boolean;
  /**
   * A customer's answer is being applied: a dispute being recorded (its activity writes the answer
   * and the disputed lines before the decision reaches the main loop), or the main loop applying the
   * answer it took. No other decision is taken meanwhile (the validators refuse it): a confirm that
   * slipped in closed the period over a recorded dispute, and the dispute's Update then waited
   * forever, and the workflow with it (#17 probe).
   */
  answering: boolean;
  /**
   * The period is being closed (the close's decision is taken, its transaction not yet seen
   * committed): the state still says IN_REVIEW or AWAITING_APPROVAL, and every validator refuses.
   * Before, a re-match or review completion admitted then waited forever for a main loop that had
   * moved on (and the workflow with it), and a review action wrote into the closing period (#17 probe).
   */
  closing: boolean;
  /**
   * Adjustments whose last approval is being recorded or whose entry is being posted: approved and
   * posted are two transactions, and a close by exception taken between them closed the period and
   * then saw the entry posted into it (#17 probe). The close is refused until they are posted.
   */
  completing: Set<string>;
}

/** Every change bumps the version, so clients holding an older one are refused as stale. */
export function bump(ctx: PeriodContext): void {
  ctx.state.version += 1;
}
