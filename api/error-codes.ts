/**
 * The codes every error leaves Recon's API with: GraphQL's `extensions.code`, and `error.code` of
 * the HTTP routes (`POST /imports/statements`, `GET /reports/:kind`). Clients branch on these,
 * never on messages. docs/errors.md lists them (a test keeps the two equal).
 */
export enum ApiErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  BAD_REQUEST = 'BAD_REQUEST',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  WRONG_STATE = 'WRONG_STATE',
  STALE_VERSION = 'STALE_VERSION',
  MAKER_CHECKER = 'MAKER_CHECKER',
  /** A cookie-authenticated request without the web app's header, or from another site. */
  CSRF_REJECTED = 'CSRF_REJECTED',
  /** The caller's role requires two-factor sign-in and they have not enrolled: enrol first. */
  TWO_FACTOR_ENROLMENT_REQUIRED = 'TWO_FACTOR_ENROLMENT_REQUIRED',
  /** A sensitive action: prove the second factor again (`stepUp`), then repeat it. */
  STEP_UP_REQUIRED = 'STEP_UP_REQUIRED',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  /** Too many uploads at once (the caller's, the process's) or their temporary files too large together. */
  TOO_MANY_UPLOADS = 'TOO_MANY_UPLOADS',
  /** A WebSocket connection already holds as many subscriptions as allowed. */
  TOO_MANY_SUBSCRIPTIONS = 'TOO_MANY_SUBSCRIPTIONS',
  /** An uploaded file was read and refused (422): `problems` names each row and column. */
  FILE_REJECTED = 'FILE_REJECTED',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  GRAPHQL_PARSE_FAILED = 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED = 'GRAPHQL_VALIDATION_FAILED',
  QUERY_TOO_DEEP = 'QUERY_TOO_DEEP',
  QUERY_TOO_COSTLY = 'QUERY_TOO_COSTLY',
  TOO_MANY_ALIASES = 'TOO_MANY_ALIASES',
  INTERNAL = 'INTERNAL_SERVER_ERROR',
}

/** Each code's HTTP status (on the HTTP routes and for refused GraphQL requests) and what it means. */
export const API_ERRORS: Readonly<Record<ApiErrorCode, { status: number; meaning: string }>> = {
  [ApiErrorCode.UNAUTHENTICATED]: {
    status: 401,
    meaning: 'no credentials, or credentials that do not verify (token, API key, customer link)',
  },
  [ApiErrorCode.FORBIDDEN]: { status: 403, meaning: 'authenticated, but the policy does not allow this' },
  [ApiErrorCode.BAD_REQUEST]: {
    status: 400,
    meaning: 'the request itself is malformed (body not JSON, not multipart, a part missing)',
  },
  [ApiErrorCode.BAD_USER_INPUT]: {
    status: 400,
    meaning: 'a value is invalid; `problems` names each field (and item or row) at fault',
  },
  [ApiErrorCode.NOT_FOUND]: { status: 404, meaning: 'no such row (or none the caller may see)' },
  [ApiErrorCode.WRONG_STATE]: {
    status: 409,
    meaning: 'the thing is not in a state that allows this (a closed period, a task claimed by someone else)',
  },
  [ApiErrorCode.STALE_VERSION]: {
    status: 409,
    meaning: 'it changed since the version the caller sent (`expectedVersion`): read it again',
  },
  [ApiErrorCode.MAKER_CHECKER]: {
    status: 403,
    meaning: 'nobody approves their own proposal, and each approver counts once',
  },
  [ApiErrorCode.CSRF_REJECTED]: {
    status: 403,
    meaning: "a request with the session cookie but without the web app's header, or started by another site",
  },
  [ApiErrorCode.TWO_FACTOR_ENROLMENT_REQUIRED]: {
    status: 403,
    meaning: "the user's role requires two-factor sign-in: the session may only enrol an authenticator",
  },
  [ApiErrorCode.STEP_UP_REQUIRED]: {
    status: 403,
    meaning: 'a sensitive action needs the authenticator code again (`stepUp`), then the same request',
  },
  [ApiErrorCode.PAYLOAD_TOO_LARGE]: { status: 413, meaning: 'the body or file is over its size limit' },
  [ApiErrorCode.TOO_MANY_UPLOADS]: {
    status: 429,
    meaning:
      'the caller (or the server) is receiving as many files at once as allowed, or their temporary files as many bytes: `limit` says which; retry after `Retry-After` seconds',
  },
  [ApiErrorCode.TOO_MANY_SUBSCRIPTIONS]: {
    status: 429,
    meaning:
      'the WebSocket connection holds as many subscriptions as allowed (the message says how many): end one, or open another connection',
  },
  [ApiErrorCode.FILE_REJECTED]: {
    status: 422,
    meaning:
      "an uploaded file was read and refused, nothing written: `problems` names each row and column, `issues` keeps the import's own codes",
  },
  [ApiErrorCode.UNSUPPORTED_MEDIA_TYPE]: { status: 415, meaning: 'a body encoding the server does not read' },
  [ApiErrorCode.GRAPHQL_PARSE_FAILED]: { status: 400, meaning: 'the GraphQL document does not parse' },
  [ApiErrorCode.GRAPHQL_VALIDATION_FAILED]: {
    status: 400,
    meaning: 'the document does not fit the schema (unknown field, wrong argument type)',
  },
  [ApiErrorCode.QUERY_TOO_DEEP]: { status: 400, meaning: 'the query nests deeper than allowed' },
  [ApiErrorCode.QUERY_TOO_COSTLY]: { status: 400, meaning: 'the query would read more than allowed' },
  [ApiErrorCode.TOO_MANY_ALIASES]: {
    status: 400,
    meaning: 'the query uses more aliases than allowed (each alias resolves its field again)',
  },
  [ApiErrorCode.INTERNAL]: {
    status: 500,
    meaning: 'anything else: no message, stack or SQL leaves the server',
  },
};
