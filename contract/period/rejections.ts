/**
 * Why a period refused a decision: the `type` of the non-retryable ApplicationFailure that update
 * validators and review activities raise, and what the client sees as the failure's cause.
 */
export enum PeriodRejection {
  WRONG_STATE = 'WRONG_STATE',
  FORBIDDEN = 'FORBIDDEN',
  STALE_VERSION = 'STALE_VERSION',
  INVALID_REQUEST = 'INVALID_REQUEST',
  NOT_FOUND = 'NOT_FOUND',
  MAKER_CHECKER = 'MAKER_CHECKER',
}
