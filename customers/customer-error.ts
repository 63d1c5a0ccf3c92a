import { DomainError } from '../common/domain-error';

export enum CustomerErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  INVALID_SETTINGS = 'INVALID_SETTINGS',
  STALE_VERSION = 'STALE_VERSION',
}

export class CustomerError extends DomainError<CustomerErrorCode> {}
