import { ApplicationFailure, condition } from '@temporalio/workflow';
import { PeriodStatus } from '../../contract/enums';
import { PeriodRejection, type PeriodState } from '../../contract/period';
import type { PeriodContext } from './context';

// Validator building blocks: each refuses with a typed, non-retryable failure and changes nothing.
// Who may send which message is decided before it is sent, by auth/policy.ts; validators judge
// the request against the period's state.

export function reject(type: PeriodRejection, message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}

export function requireStatus(state: PeriodState, allowed: PeriodStatus[]): void {
  if (!allowed.includes(state.status)) {
    reject(
      PeriodRejection.WRONG_STATE,
      `period is ${state.status}; allowed only when ${allowed.join(' or ')}`,
    );
  }
}

/** Nothing is admitted once the close is taken, though the state still shows the status it closes from. */
export function requireNotClosing(ctx: PeriodContext): void {
  if (ctx.closing) reject(PeriodRejection.WRONG_STATE, 'the period is being closed');
}

/**
 * Refuses a close while an adjustment is being approved and posted: approving and posting are two
 * transactions, and a close taken between them saw the entry posted after it (#17 probe).
 */
export function requireNoPosting(ctx: PeriodContext): void {
  const [id] = ctx.completing;
  if (id !== undefined)
    reject(
      PeriodRejection.WRONG_STATE,
      `adjustment ${id} is being approved and posted; retry once it is posted`,
    );
}

/** A close by exception is admitted and not yet taken by the main loop: nothing more is decided. */
export function requireNoClosePending(ctx: PeriodContext): void {
  if (ctx.pending?.kind === 'CLOSED_BY_EXCEPTION')
    reject(PeriodRejection.WRONG_STATE, 'the period is being closed');
}

/**
 * requireStatus for actions taken in review, which also lets through an action sent while the
 * review is opening: the tasks (and the row's IN_REVIEW) are committed before the workflow hears
 * that the activity finished, and a clerk who acts on a task that quickly must not be refused.
 * Its handler waits for the review first (afterReviewOpens).
 */
export function requireStatusOrReviewOpening(ctx: PeriodContext, allowed: PeriodStatus[]): void {
  requireNotClosing(ctx);
  if (ctx.reviewOpening && allowed.includes(PeriodStatus.IN_REVIEW)) return;
  requireStatus(ctx.state, allowed);
}

/**
 * Wraps the handler of an action validated by requireStatusOrReviewOpening: while the review is
 * opening it waits for it and checks the status again; otherwise it runs the handler at once
 * (no extra step, so recorded histories replay unchanged).
 */
export function afterReviewOpens<A extends unknown[], R>(
  ctx: PeriodContext,
  allowed: PeriodStatus[],
  handler: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args) => {
    if (ctx.reviewOpening) {
      await condition(() => !ctx.reviewOpening);
      requireStatus(ctx.state, allowed);
    }
    return handler(...args);
  };
}

export function requireVersion(state: PeriodState, expected: number | undefined): void {
  if (expected !== undefined && expected !== state.version) {
    reject(
      PeriodRejection.STALE_VERSION,
      `period changed (now version ${state.version}, you saw ${expected})`,
    );
  }
}

export function requireText(value: string | undefined, field: string): void {
  if (!value || !value.trim()) reject(PeriodRejection.INVALID_REQUEST, `${field} is required`);
}

/** Text stored in a column of `max` characters (MariaDB counts code points, not UTF-16 units). */
export function requireAtMost(value: string | undefined, field: string, max: number): void {
  if (!withinChars(value, max))
    reject(PeriodRejection.INVALID_REQUEST, `${field} is longer than ${max} characters`);
}

/** At most `max` characters (code points; a UTF-16 length within it needs no count). */
export function withinChars(value: string | undefined, max: number): boolean {
  return value === undefined || value.length <= max || [...value].length <= max;
}
