import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AuthError } from '../auth/principal';
import { InputValidationError } from '../ledger/validation-error';
import { PeriodError } from '../periods/period-error';

/** Stable codes in `extensions.code`; clients branch on these, never on messages. */
export enum ApiErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  WRONG_STATE = 'WRONG_STATE',
  STALE_VERSION = 'STALE_VERSION',
  MAKER_CHECKER = 'MAKER_CHECKER',
  /** A cookie-authenticated request without the web app's header, or from another site. */
  CSRF_REJECTED = 'CSRF_REJECTED',
  INTERNAL = 'INTERNAL_SERVER_ERROR',
}

export class ApiError extends GraphQLError {
  constructor(code: ApiErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}

const WORKFLOW_REJECTIONS: Record<string, ApiErrorCode> = {
  WRONG_STATE: ApiErrorCode.WRONG_STATE,
  FORBIDDEN: ApiErrorCode.FORBIDDEN,
  STALE_VERSION: ApiErrorCode.STALE_VERSION,
  INVALID_REQUEST: ApiErrorCode.BAD_USER_INPUT,
  NOT_FOUND: ApiErrorCode.NOT_FOUND,
  MAKER_CHECKER: ApiErrorCode.MAKER_CHECKER,
};

/** Maps domain errors to API errors; anything unknown becomes a bare INTERNAL error (no stack, no SQL). */
export function toApiError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  if (error instanceof AuthError) return new ApiError(error.code as unknown as ApiErrorCode, error.message);
  if (error instanceof InputValidationError) {
    return new ApiError(ApiErrorCode.BAD_USER_INPUT, error.message, { problems: error.problems });
  }
  if (error instanceof PeriodError) {
    const code = error.code === 'INVALID_RANGE' ? ApiErrorCode.BAD_USER_INPUT : ApiErrorCode.NOT_FOUND;
    return new ApiError(code, error.message, { reason: error.code });
  }
  const rejection = workflowRejection(error);
  if (rejection)
    return new ApiError(
      WORKFLOW_REJECTIONS[rejection.type] ?? ApiErrorCode.BAD_USER_INPUT,
      rejection.message,
    );
  return new ApiError(ApiErrorCode.INTERNAL, 'internal error');
}

/** An Update validator's ApplicationFailure, as the client surfaces it (WorkflowUpdateFailedError.cause). */
function workflowRejection(error: unknown): { type: string; message: string } | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth += 1) {
    const candidate = current as { name?: string; type?: string; message?: string; cause?: unknown };
    if (candidate.name === 'ApplicationFailure' && candidate.type && candidate.type in WORKFLOW_REJECTIONS) {
      return { type: candidate.type, message: candidate.message ?? candidate.type };
    }
    current = candidate.cause;
  }
  return undefined;
}

/**
 * The one place errors leave the server: domain errors get their stable code, validation errors keep
 * ours (e.g. QUERY_TOO_DEEP) over Apollo's generic one, and anything unknown becomes a bare
 * INTERNAL_SERVER_ERROR with no message, stack or SQL.
 */
export function formatApiError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  let original = unwrapResolverError(error);
  // Apollo wraps validation-rule errors; the rule's own GraphQLError carries our code.
  if (original instanceof GraphQLError && original.originalError instanceof GraphQLError)
    original = original.originalError;
  const mapped = original instanceof GraphQLError ? original : toApiError(original);
  const code =
    (mapped.extensions?.code as string | undefined) ?? (formatted.extensions?.code as string | undefined);
  if (!code || code === ApiErrorCode.INTERNAL) {
    return { message: 'internal error', extensions: { code: ApiErrorCode.INTERNAL } };
  }
  const { problems } = mapped.extensions ?? {};
  return {
    message: mapped.message || formatted.message,
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code, ...(problems ? { problems } : {}) },
  };
}
