import type { FieldProblem } from '../ledger/validation-error';

/** Refusals of the credit and collections modules; each code is also the API's `extensions.code`. */
export enum CreditErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  WRONG_STATE = 'WRONG_STATE',
  STALE_VERSION = 'STALE_VERSION',
  /** The one who asked may not also approve (maker ≠ checker). */
  MAKER_CHECKER = 'MAKER_CHECKER',
}

export class CreditError extends Error {
  constructor(
    readonly code: CreditErrorCode,
    message: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'CreditError';
  }
}

export const badInput = (field: string, reason: string, index = -1) =>
  new CreditError(CreditErrorCode.BAD_USER_INPUT, `${field}: ${reason}`, [{ index, field, reason }]);

export const notFound = (what: string) => new CreditError(CreditErrorCode.NOT_FOUND, `no ${what}`);
