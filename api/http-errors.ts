import type { ErrorRequestHandler } from 'express';

const CODES: Record<number, [string, string]> = {
  413: ['PAYLOAD_TOO_LARGE', 'request body too large'],
  415: ['UNSUPPORTED_MEDIA_TYPE', 'request body encoding not supported'],
};

/**
 * Errors before GraphQL runs (a body over the limit, JSON that does not parse) answered in the
 * GraphQL error shape with a stable code, instead of Express's HTML page with a stack trace.
 */
export const graphqlHttpErrors: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  if (res.headersSent) return next(error);
  const status = Number((error as { status?: unknown }).status);
  const clientError = status >= 400 && status < 500;
  const [code, message] = !clientError
    ? ['INTERNAL_SERVER_ERROR', 'internal error']
    : (CODES[status] ?? ['BAD_REQUEST', 'request body is not valid JSON']);
  res.status(clientError ? status : 500).json({ errors: [{ message, extensions: { code } }] });
};
