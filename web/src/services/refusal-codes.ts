import type { MessageKey } from '../i18n/catalog';

/**
 * Every refusal code the server can answer with (GraphQL `extensions.code`, or `error.code` of the
 * REST routes), and the sentence the user reads for it, in the current language. This is the one
 * map: pages never word a refusal themselves (they may pass a more specific sentence for a code
 * where the context says more, e.g. the sign-in form for UNAUTHENTICATED).
 * test/web/refusal-codes.test.ts fails when the server learns a code this map does not know.
 */
export const REFUSAL_MESSAGES = {
  UNAUTHENTICATED: 'errors.unauthenticated',
  FORBIDDEN: 'errors.forbidden',
  BAD_USER_INPUT: 'errors.badUserInput',
  NOT_FOUND: 'errors.notFound',
  WRONG_STATE: 'errors.wrongState',
  STALE_VERSION: 'errors.staleVersion',
  MAKER_CHECKER: 'errors.makerChecker',
  INTERNAL_SERVER_ERROR: 'errors.internal',
  QUERY_TOO_DEEP: 'errors.queryTooDeep',
  QUERY_TOO_COSTLY: 'errors.queryTooCostly',
  TOO_MANY_ALIASES: 'errors.queryTooCostly',
  PAYLOAD_TOO_LARGE: 'errors.payloadTooLarge',
  TOO_MANY_UPLOADS: 'errors.tooManyUploads',
  TOO_MANY_SUBSCRIPTIONS: 'errors.tooManySubscriptions',
  FILE_TOO_LARGE: 'errors.fileTooLarge',
  FILE_REJECTED: 'errors.fileRejected',
  UNSUPPORTED_MEDIA_TYPE: 'errors.unsupportedMediaType',
  BAD_REQUEST: 'errors.badRequest',
  INVALID_REQUEST: 'errors.invalidRequest',
  GRAPHQL_PARSE_FAILED: 'errors.parseFailed',
  GRAPHQL_VALIDATION_FAILED: 'errors.validationFailed',
  OPERATION_RESOLUTION_FAILURE: 'errors.validationFailed',
  PERSISTED_QUERY_NOT_FOUND: 'errors.validationFailed',
  PERSISTED_QUERY_NOT_SUPPORTED: 'errors.validationFailed',
  INTROSPECTION_DISABLED: 'errors.forbidden',
  MAX_RECURSIVE_SELECTIONS_EXCEEDED: 'errors.queryTooDeep',
  CSRF_REJECTED: 'errors.csrfRejected',
  TWO_FACTOR_ENROLMENT_REQUIRED: 'errors.twoFactorEnrolmentRequired',
  STEP_UP_REQUIRED: 'errors.stepUpRequired',
} as const satisfies Record<string, MessageKey>;

export type RefusalCode = keyof typeof REFUSAL_MESSAGES;

/** Not from the server: the request never got an answer. */
export const NETWORK_FAILURE = 'NETWORK';

export const isRefusalCode = (code: string): code is RefusalCode => Object.hasOwn(REFUSAL_MESSAGES, code);
