import { DomainError } from '../common/domain-error';

export enum PeriodErrorCode {
  CUSTOMER_NOT_FOUND = 'CUSTOMER_NOT_FOUND',
  INVALID_RANGE = 'INVALID_RANGE',
  PERIOD_NOT_FOUND = 'PERIOD_NOT_FOUND',
  /** A dispute names a line that is not on the period's statement or the customer's side. */
  INVALID_DISPUTE = 'INVALID_DISPUTE',
  /** A write into a closed period (its statement): a closed period is never rewritten. */
  PERIOD_CLOSED = 'PERIOD_CLOSED',
  /** A customer's link used for something that needs its round to wait for them (it was answered, or moved on). */
  NOT_AWAITING_CUSTOMER = 'NOT_AWAITING_CUSTOMER',
}

export class PeriodError extends DomainError<PeriodErrorCode> {}
