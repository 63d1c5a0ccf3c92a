import type { FieldProblem } from '../ledger/validation-error';

/** Codes are the API's own, so resolvers pass them through. */
export enum WebhookErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  INVALID_INPUT = 'BAD_USER_INPUT',
  WRONG_STATE = 'WRONG_STATE',
}

export class WebhookError extends Error {
  constructor(
    readonly code: WebhookErrorCode,
    message: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'WebhookError';
  }
}
