import { DomainError } from '../common/domain-error';

export enum UserErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  INVALID_INPUT = 'INVALID_INPUT',
  /** One generic refusal for unknown email, wrong password or inactive user. */
  LOGIN_FAILED = 'LOGIN_FAILED',
  WRONG_STATE = 'WRONG_STATE',
}

export class UserError extends DomainError<UserErrorCode> {}

export const invalidField = (field: string, reason: string) =>
  new UserError(UserErrorCode.INVALID_INPUT, `${field} ${reason}`, [{ index: -1, field, reason }]);
