import { DomainError } from '../../common/domain-error';

export enum ReportRequestErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  INVALID_REQUEST = 'INVALID_REQUEST',
}

export class ReportRequestError extends DomainError<ReportRequestErrorCode> {}
