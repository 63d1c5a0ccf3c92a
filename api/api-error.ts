import { currentRequestId } from '../observability/request-context';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AuthError, AuthErrorCode } from '../auth/principal';
import type { FieldProblem } from '../common/domain-error';
import { IdError, IdErrorCode } from '../contract/ids';
import { PeriodRejection } from '../contract/period';
import { CreditError, CreditErrorCode } from '../credit/credit-error';
import { CustomerError, CustomerErrorCode } from '../customers/customer-error';
import { ImportErrorCode, ImportFileError, TemplateError } from '../imports/errors';
import { InputErrorCode, InputValidationError } from '../ledger/validation-error';
import { PeriodError, PeriodErrorCode } from '../periods/period-error';
import { ReportRequestError, ReportRequestErrorCode } from '../reports/sources/report-error';
import { TaskError, TaskErrorCode } from '../tasks/task-error';
import { UserError, UserErrorCode } from '../users/user-error';
import { WebhookError, WebhookErrorCode } from '../webhooks/webhook-error';
import { API_ERRORS, ApiErrorCode } from './error-codes';
import { logInternalError } from './internal-errors';
import { CsrfErrorCode, CsrfRefused } from './http/request-auth';

export { API_ERRORS, ApiErrorCode };

export class ApiError extends GraphQLError {
  constructor(code: ApiErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}

/**
 * A value of the request refused: BAD_USER_INPUT whose `problems` name the field (an argument,
 * a form field, a variable), the one shape every path names what is at fault in.
 */
export function badUserInput(message: string, field: string, index = -1): ApiError {
  return new ApiError(ApiErrorCode.BAD_USER_INPUT, message, {
    problems: [{ index, field, reason: message }],
  });
}

/** The domain modules' errors the API answers with their own code; each module that refuses is listed. */
const REFUSALS = [
  AuthError,
  InputValidationError,
  CustomerError,
  PeriodError,
  TaskError,
  UserError,
  WebhookError,
  ReportRequestError,
  ImportFileError,
  TemplateError,
  CsrfRefused,
  CreditError,
  IdError,
] as const;
type Refusal = InstanceType<(typeof REFUSALS)[number]>;
const isRefusal = (error: unknown): error is Refusal => REFUSALS.some((type) => error instanceof type);

/** Every code a domain module or a period workflow refuses with. */
type RefusalCode = Refusal['code'] | PeriodRejection;

/** The one mapping from a refusal's code to the API's: a new code does not compile until it is placed here. */
export function apiCodeOf(code: RefusalCode): ApiErrorCode {
  switch (code) {
    case AuthErrorCode.UNAUTHENTICATED:
    case UserErrorCode.LOGIN_FAILED:
      return ApiErrorCode.UNAUTHENTICATED;
    case AuthErrorCode.FORBIDDEN:
    case TaskErrorCode.FORBIDDEN:
    case PeriodRejection.FORBIDDEN:
      return ApiErrorCode.FORBIDDEN;
    case InputErrorCode.INVALID_INPUT:
    case IdErrorCode.NOT_AN_ID:
    case CustomerErrorCode.INVALID_SETTINGS:
    case PeriodErrorCode.INVALID_RANGE:
    case PeriodErrorCode.INVALID_DISPUTE:
    case UserErrorCode.INVALID_INPUT:
    case TaskErrorCode.INVALID_INPUT:
    case WebhookErrorCode.INVALID_INPUT:
    case ReportRequestErrorCode.INVALID_REQUEST:
    case PeriodRejection.INVALID_REQUEST:
    case CreditErrorCode.INVALID_INPUT:
      return ApiErrorCode.BAD_USER_INPUT;
    case CustomerErrorCode.NOT_FOUND:
    case PeriodErrorCode.CUSTOMER_NOT_FOUND:
    case PeriodErrorCode.PERIOD_NOT_FOUND:
    case TaskErrorCode.NOT_FOUND:
    case UserErrorCode.NOT_FOUND:
    case WebhookErrorCode.NOT_FOUND:
    case ReportRequestErrorCode.NOT_FOUND:
    case PeriodRejection.NOT_FOUND:
    case CreditErrorCode.NOT_FOUND:
      return ApiErrorCode.NOT_FOUND;
    case TaskErrorCode.WRONG_STATE:
    case UserErrorCode.WRONG_STATE:
    case WebhookErrorCode.WRONG_STATE:
    case PeriodRejection.WRONG_STATE:
    case CreditErrorCode.WRONG_STATE:
    case PeriodErrorCode.PERIOD_CLOSED:
    case PeriodErrorCode.NOT_AWAITING_CUSTOMER:
      return ApiErrorCode.WRONG_STATE;
    case CustomerErrorCode.STALE_VERSION:
    case PeriodRejection.STALE_VERSION:
      return ApiErrorCode.STALE_VERSION;
    case PeriodRejection.MAKER_CHECKER:
    case CreditErrorCode.MAKER_CHECKER:
      return ApiErrorCode.MAKER_CHECKER;
    case CsrfErrorCode.CSRF_REJECTED:
      return ApiErrorCode.CSRF_REJECTED;
    case AuthErrorCode.TWO_FACTOR_ENROLMENT_REQUIRED:
      return ApiErrorCode.TWO_FACTOR_ENROLMENT_REQUIRED;
    case AuthErrorCode.STEP_UP_REQUIRED:
      return ApiErrorCode.STEP_UP_REQUIRED;
    // A file that cannot be imported: the file's fault, named in the message (rows come back in the result).
    case ImportErrorCode.UNSUPPORTED_FORMAT:
    case ImportErrorCode.ENCODING_ERROR:
    case ImportErrorCode.EMPTY_FILE:
    case ImportErrorCode.SHEET_NOT_FOUND:
    case ImportErrorCode.HEADER_NOT_FOUND:
    case ImportErrorCode.COLUMN_NOT_FOUND:
    case ImportErrorCode.AMBIGUOUS_COLUMN:
    case ImportErrorCode.INVALID_TEMPLATE:
    case ImportErrorCode.INVALID_OPTIONS:
    case ImportErrorCode.NO_LINES:
    case ImportErrorCode.UNTERMINATED_QUOTE:
    case ImportErrorCode.WRONG_FIELD_COUNT:
    case ImportErrorCode.MISSING_VALUE:
    case ImportErrorCode.INVALID_DATE:
    case ImportErrorCode.AMBIGUOUS_DATE:
    case ImportErrorCode.DATE_OUT_OF_PERIOD:
    case ImportErrorCode.INVALID_AMOUNT:
    case ImportErrorCode.AMOUNT_TOO_PRECISE:
    case ImportErrorCode.AMOUNT_OUT_OF_RANGE:
    case ImportErrorCode.BOTH_DEBIT_AND_CREDIT:
    case ImportErrorCode.UNKNOWN_KIND:
    case ImportErrorCode.INVALID_CURRENCY:
    case ImportErrorCode.CURRENCY_MISMATCH:
    case ImportErrorCode.VALUE_TOO_LONG:
    case ImportErrorCode.DUPLICATE_EXTERNAL_ID:
    case ImportErrorCode.PERIOD_UNCLEAR:
    case ImportErrorCode.CONFLICTING_BALANCE_ROWS:
    case ImportErrorCode.OPENING_CONFLICT:
    case ImportErrorCode.ALREADY_ON_STATEMENT:
      return ApiErrorCode.BAD_USER_INPUT;
    case ImportErrorCode.PERIOD_CLOSED:
      return ApiErrorCode.WRONG_STATE;
    case ImportErrorCode.FILE_TOO_LARGE:
      return ApiErrorCode.PAYLOAD_TOO_LARGE;
    default:
      return unreachable(code);
  }
}

function unreachable(code: never): never {
  throw new Error(`refusal code without an API code: ${String(code)}`);
}

/** What the caller is told about an error: a refusal keeps its code, message and problems; anything else is INTERNAL. */
export interface ApiRefusal {
  code: ApiErrorCode;
  message: string;
  problems?: readonly FieldProblem[];
}

export function refusalOf(error: unknown): ApiRefusal {
  if (isRefusal(error)) {
    return {
      code: apiCodeOf(error.code),
      message: error.message,
      ...(error.problems.length ? { problems: error.problems } : {}),
    };
  }
  const rejection = workflowRejection(error);
  if (rejection) return { code: apiCodeOf(rejection.type), message: rejection.message };
  if (endedMeanwhile(error))
    return {
      code: ApiErrorCode.WRONG_STATE,
      message: 'it ended meanwhile (e.g. the period closed, or the answer was given): reload it',
    };
  return { code: ApiErrorCode.INTERNAL, message: 'internal error' };
}

/**
 * An Update or signal sent to a workflow that completed after the caller's checks read it as
 * running: two answers to one statement at once (the first closes the period), a review action
 * racing a close. The caller lost a race on the state, it is no fault of the server's (#17 probe:
 * the losing answer was INTERNAL_SERVER_ERROR). "Aborted by closing workflow" is an Update that
 * reached the server as the workflow closed, before any validator took it (an accepted one is waited
 * for: the period workflow returns once its handlers finished). A workflow that never existed stays
 * internal.
 */
function endedMeanwhile(error: unknown): boolean {
  const candidate = error as { name?: string; message?: string } | null;
  return (
    candidate?.name === 'WorkflowNotFoundError' &&
    /already completed|aborted by closing workflow/i.test(candidate.message ?? '')
  );
}

/** Maps any error to the GraphQL error the client sees (GraphQL errors are already the API's). */
export function toApiError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  const { code, message, problems } = refusalOf(error);
  // An internal error keeps its cause, for the log line formatApiError writes (the caller sees none of it).
  if (code === ApiErrorCode.INTERNAL)
    return new GraphQLError(message, {
      extensions: { code },
      ...(error instanceof Error ? { originalError: error } : {}),
    });
  return new ApiError(code, message, problems ? { problems } : {});
}

const REJECTIONS: ReadonlySet<string> = new Set(Object.values(PeriodRejection));
const isRejection = (type: string | undefined): type is PeriodRejection => !!type && REJECTIONS.has(type);

/** An Update validator's ApplicationFailure, as the client surfaces it (WorkflowUpdateFailedError.cause). */
function workflowRejection(error: unknown): { type: PeriodRejection; message: string } | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth += 1) {
    const candidate = current as { name?: string; type?: string; message?: string; cause?: unknown };
    if (candidate.name === 'ApplicationFailure' && isRejection(candidate.type)) {
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
    // What went wrong, not where it was wrapped: the cause toApiError kept, when there is one.
    const cause =
      original instanceof GraphQLError && original.originalError ? original.originalError : original;
    const errorId = logInternalError('graphql', cause);
    const requestId = currentRequestId();
    return {
      message: 'internal error',
      extensions: { code: ApiErrorCode.INTERNAL, errorId, ...(requestId ? { requestId } : {}) },
    };
  }
  const { problems } = mapped.extensions ?? {};
  return {
    message: mapped.message || formatted.message,
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code, ...(problems ? { problems } : {}) },
  };
}
