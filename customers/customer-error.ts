import type { FieldProblem } from '../ledger/validation-error';

export enum CustomerErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  INVALID_SETTINGS = 'BAD_USER_INPUT',
  STALE_VERSION = 'STALE_VERSION',
}

export class CustomerError extends Error {
  constructor(
    readonly code: CustomerErrorCode,
    message: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'CustomerError';
  }
}
