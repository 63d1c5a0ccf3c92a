import { ApplicationFailure } from '@temporalio/workflow';
import type { Actor } from '../../contract/actor';
import { UserRole, type PeriodStatus } from '../../contract/enums';
import { PeriodRejection, type PeriodState } from '../../contract/period';

// Validator building blocks: each refuses with a typed, non-retryable failure and changes nothing.

export function reject(type: PeriodRejection, message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}

const STAFF: ReadonlyArray<Actor['role']> = [UserRole.CLERK, UserRole.MANAGER, UserRole.ADMIN];
const MANAGERS: ReadonlyArray<Actor['role']> = [UserRole.MANAGER, UserRole.ADMIN];

export const isManager = (actor: Actor) => MANAGERS.includes(actor.role);

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

export function requireStaff(actor: Actor, what: string): void {
  if (!STAFF.includes(actor.role)) reject(PeriodRejection.FORBIDDEN, `only clerks and managers ${what}`);
}

export function requireManager(actor: Actor, what: string): void {
  if (!isManager(actor)) reject(PeriodRejection.FORBIDDEN, `only a manager ${what}`);
}

export function requireCustomerOrManager(actor: Actor, what: string): void {
  if (actor.role !== 'CUSTOMER' && !isManager(actor)) {
    reject(PeriodRejection.FORBIDDEN, `only the customer (or a manager recording their answer) ${what}`);
  }
}

export function requireText(value: string | undefined, field: string): void {
  if (!value || !value.trim()) reject(PeriodRejection.INVALID_REQUEST, `${field} is required`);
}
