import { ApplicationFailure } from '@temporalio/workflow';
import type { PeriodStatus } from '../../contract/enums';
import { PeriodRejection, type PeriodState } from '../../contract/period';

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
