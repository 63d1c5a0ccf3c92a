import { DomainError } from '../common/domain-error';

export enum PeriodErrorCode {
  CUSTOMER_NOT_FOUND = 'CUSTOMER_NOT_FOUND',
  INVALID_RANGE = 'INVALID_RANGE',
  PERIOD_NOT_FOUND = 'PERIOD_NOT_FOUND',
}

export class PeriodError extends DomainError<PeriodErrorCode> {}
