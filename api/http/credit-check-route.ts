// POST /credit/check: the credit check for ERPs' order entry over plain JSON, beside GraphQL's creditCheck.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Permission, requirePermission } from '../../auth/policy';
import { creditCheck, creditCheckView, type CreditCheckView } from '../../credit/credit-check.service';
import { badInput } from '../../credit/credit-error';
import type { DataSource } from 'typeorm';
import { API_ERRORS, ApiErrorCode, refusalOf } from '../api-error';
import { logInternalError } from '../internal-errors';
import type { RequestAuthenticator } from './request-auth';

export const CREDIT_CHECK_PATH = '/credit/check';

/** A check is three short fields; anything larger is not one. */
const MAX_BODY_BYTES = 16 * 1024;
const FIELDS = new Set(['customerCode', 'amount', 'currency']);

export interface CreditCheckRouteDeps {
  dataSource: DataSource;
  requestAuth: RequestAuthenticator;
}

/** The answer as JSON: GraphQL's CreditCheck field for field, amounts as decimal strings as its Decimal scalar writes them. */
export function creditCheckJson(view: CreditCheckView): string {
  const text = (value: { toString(): string } | null) => (value === null ? null : value.toString());
  return JSON.stringify({
    decision: view.decision,
    reasons: view.reasons.map(({ code, message }) => ({ code, message })),
    customerCode: view.customerCode,
    currency: view.currency,
    amount: view.amount,
    limit: text(view.limit),
    exposure: text(view.exposure),
    openReceivables: text(view.openReceivables),
    disputed: text(view.disputed),
    openOrders: text(view.openOrders),
    available: text(view.available),
    onHold: view.onHold,
    riskClass: view.riskClass,
    score: view.score,
  });
}

class RouteRefusal extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The same check, scope rules and answer as GraphQL's `creditCheck`, without GraphQL's pipeline:
 * an ERP's order entry asks it for every order line, so it is the API's hottest read (docs/credit.md,
 * "POST /credit/check"). Body `{"customerCode", "amount", "currency"?}`; a field that is missing,
 * of the wrong type or unknown is refused by name (BAD_USER_INPUT). Authorization as every route:
 * a key with `read`, a staff token, or the web app's session with its CSRF header.
 */
export function creditCheckRoute(deps: CreditCheckRouteDeps) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    void answer(deps, req).then(
      (body) => send(res, 200, body),
      (error: unknown) => {
        if (error instanceof RouteRefusal) return sendRefusal(res, error.code, error.message);
        const { code, message, problems } = refusalOf(error);
        const extra =
          code === ApiErrorCode.INTERNAL
            ? { errorId: logInternalError(`POST ${CREDIT_CHECK_PATH}`, error) }
            : problems
              ? { problems }
              : {};
        sendRefusal(res, code, message, extra);
      },
    );
  };
}

async function answer(deps: CreditCheckRouteDeps, req: IncomingMessage): Promise<string> {
  if (req.method !== 'POST') {
    req.resume();
    throw new RouteRefusal(ApiErrorCode.NOT_FOUND, `${CREDIT_CHECK_PATH} answers POST only`);
  }
  // Who asks is read while the body arrives.
  const principal = deps.requestAuth.principalOf(req, true);
  principal.catch(() => undefined);
  const body = await readBody(req);
  requirePermission(await principal, Permission.READ);
  const input = checkInput(body);
  return creditCheckJson(creditCheckView(await creditCheck(deps.dataSource, input)));
}

function checkInput(body: unknown): { customerCode: string; amount: string; currency: string | null } {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new RouteRefusal(ApiErrorCode.BAD_REQUEST, 'the body is one JSON object');
  const fields = body as Record<string, unknown>;
  const unknown = Object.keys(fields).find((name) => !FIELDS.has(name));
  if (unknown !== undefined) throw badInput(unknown, 'not a field of the credit check');
  const { customerCode, amount, currency } = fields;
  if (typeof customerCode !== 'string' || customerCode === '')
    throw badInput('customerCode', 'a customer code (a non-empty string)');
  if (typeof amount !== 'string')
    throw badInput('amount', 'a decimal amount written as a string, e.g. "1000.00"');
  if (currency !== undefined && currency !== null && typeof currency !== 'string')
    throw badInput('currency', 'an ISO 4217 code such as CNY, or absent');
  return { customerCode, amount, currency: currency ?? null };
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  const encoding = req.headers['content-encoding'];
  if (encoding && encoding !== 'identity') {
    req.resume();
    throw new RouteRefusal(ApiErrorCode.UNSUPPORTED_MEDIA_TYPE, 'request body encoding not supported');
  }
  if (!/^application\/json\b/i.test(type)) {
    req.resume();
    throw new RouteRefusal(ApiErrorCode.UNSUPPORTED_MEDIA_TYPE, 'send the check as application/json');
  }
  if (Number(req.headers['content-length']) > MAX_BODY_BYTES) {
    req.resume();
    throw new RouteRefusal(ApiErrorCode.PAYLOAD_TOO_LARGE, 'request body too large');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES)
      throw new RouteRefusal(ApiErrorCode.PAYLOAD_TOO_LARGE, 'request body too large');
    chunks.push(chunk);
  }
  const bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
  try {
    // A byte sequence that is not UTF-8 would decode to U+FFFD silently: refused with the bad JSON.
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new RouteRefusal(ApiErrorCode.BAD_REQUEST, 'request body is not valid JSON in UTF-8');
  }
}

function sendRefusal(
  res: ServerResponse,
  code: ApiErrorCode,
  message: string,
  extra: Record<string, unknown> = {},
): void {
  const status = API_ERRORS[code].status;
  send(res, status, JSON.stringify({ error: { code, message, ...extra } }), status === 413);
}

function send(res: ServerResponse, status: number, body: string, close = false): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    // The rest of an oversized body is not read: the connection cannot carry another request.
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(body);
}
