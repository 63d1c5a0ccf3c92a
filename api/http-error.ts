import type { Response } from 'express';
import { API_ERRORS, ApiErrorCode, refusalOf } from './api-error';
import { logInternalError } from './internal-errors';

/** An error answer of the HTTP routes: `{ error: { code, message, …extra } }`, with the code's status. */
export function sendError(
  res: Response,
  code: ApiErrorCode,
  message: string,
  extra: Record<string, unknown> = {},
): Response {
  return res.status(API_ERRORS[code].status).json({ error: { code, message, ...extra } });
}

/** BAD_USER_INPUT naming the field at fault, in the shape GraphQL's `extensions.problems` has. */
export function sendBadInput(res: Response, message: string, field: string): Response {
  return sendError(res, ApiErrorCode.BAD_USER_INPUT, message, {
    problems: [{ index: -1, field, reason: message }],
  });
}

/** A caught error as the answer: a refusal with its code (and problems), anything else a bare internal error. */
export function sendCaught(res: Response, error: unknown, what: string): Response {
  const { code, message, problems } = refusalOf(error);
  if (code === ApiErrorCode.INTERNAL)
    return sendError(res, code, message, { errorId: logInternalError(what, error) });
  return sendError(res, code, message, problems ? { problems } : {});
}
