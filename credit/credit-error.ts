import { DomainError } from '../common/domain-error';

/** Refusals of the credit and collections modules (mapped to the API's codes in api/api-error.ts). */
export enum CreditErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  INVALID_INPUT = 'INVALID_INPUT',
  WRONG_STATE = 'WRONG_STATE',
  /** The one who asked may not also approve (maker ≠ checker). */
  MAKER_CHECKER = 'MAKER_CHECKER',
}

export class CreditError extends DomainError<CreditErrorCode> {}

export const badInput = (field: string, reason: string, index = -1) =>
  new CreditError(CreditErrorCode.INVALID_INPUT, `${field}: ${reason}`, [{ index, field, reason }]);

export const notFound = (what: string) => new CreditError(CreditErrorCode.NOT_FOUND, `no ${what}`);
