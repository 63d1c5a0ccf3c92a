import { DomainError } from '../common/domain-error';

export enum WebhookErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  INVALID_INPUT = 'INVALID_INPUT',
  WRONG_STATE = 'WRONG_STATE',
}

export class WebhookError extends DomainError<WebhookErrorCode> {}
