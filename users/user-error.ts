import type { FieldProblem } from '../ledger/validation-error';

/** Codes are the API's own, so resolvers pass them through. */
export enum UserErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  INVALID_INPUT = 'BAD_USER_INPUT',
  /** One generic refusal for unknown email, wrong password or inactive user. */
  LOGIN_FAILED = 'UNAUTHENTICATED',
  WRONG_STATE = 'WRONG_STATE',
}

export class UserError extends Error {
  constructor(
    readonly code: UserErrorCode,
    message: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export const invalidField = (field: string, reason: string) =>
  new UserError(UserErrorCode.INVALID_INPUT, `${field} ${reason}`, [{ index: -1, field, reason }]);
