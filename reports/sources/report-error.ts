import { DomainError } from '../../common/domain-error';

export enum ReportRequestErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  INVALID_REQUEST = 'INVALID_REQUEST',
}

export class ReportRequestError extends DomainError<ReportRequestErrorCode> {
  /** INVALID_REQUEST naming the parameter at fault (`problems`, as every API error names fields). */
  static invalid(message: string, field: string): ReportRequestError {
    return new ReportRequestError(ReportRequestErrorCode.INVALID_REQUEST, message, [
      { index: -1, field, reason: message },
    ]);
  }
}
