import express, { type Request, type Router } from 'express';
import type { DataSource } from 'typeorm';
import { CustomerConfirmation } from '../../entities/customer-confirmation.entity';
import { can, Permission, refuseEnrolmentOnly } from '../../auth/policy';
import { CUSTOMER_LINK_REPORTS } from '../../auth/customer-link-policy';
import type { Principal } from '../../auth/principal';
import { REPORT_FORMATS, renderReport, type ReportFormat } from '../../reports';
import {
  buildReportData,
  ReportRequestError,
  ReportRequestErrorCode,
  type ReportRequest,
} from '../../reports/sources';
import { ApiErrorCode } from '../error-codes';
import { sendBadInput, sendCaught, sendError } from '../http-error';
import type { Language } from '../../reports/types';
import { AgingBasis } from '../../contract/credit/enums';
import type { RequestAuthenticator } from '../http/request-auth';
import { decodeId } from '../../contract/ids';

export interface ReportExportDeps {
  dataSource: DataSource;
  companyName: string;
  /** Headers or the browser's session cookie. */
  requestAuth: RequestAuthenticator;
}

/**
 * When the period's latest statement went to the customer. Reports never carry a confirmation link:
 * links are credentials, made once when a statement is sent (activities/send-statement.ts).
 */
async function sentOn(deps: ReportExportDeps, periodId: string): Promise<string | undefined> {
  const latest = await deps.dataSource
    .getRepository(CustomerConfirmation)
    .findOne({ where: { periodId }, order: { round: 'DESC' } });
  return latest?.sentAt ? latest.sentAt.toISOString().slice(0, 10) : undefined;
}

const PERIOD_KINDS = new Set(['statement', 'confirmation', 'differences', 'bridge']);
const LANGUAGES = new Set(['bilingual', 'zh', 'en']);

/** The parameters each kind reads (besides format and lang): anything else is refused, never ignored. */
const KIND_PARAMS: Record<string, readonly string[]> = {
  statement: ['periodId'],
  confirmation: ['periodId'],
  differences: ['periodId'],
  bridge: ['periodId'],
  aging: ['asOf', 'currency', 'customerCode', 'basis'],
  summary: ['period', 'currency'],
  kpi: ['from', 'to', 'currency'],
  'credit-review': ['asOf', 'customerCode', 'currency'],
  collections: ['from', 'to', 'currency'],
};

/** The kinds `GET /reports/:kind` serves (the security matrix has a row for each). */
export const SERVED_REPORT_KINDS: readonly string[] = Object.keys(KIND_PARAMS);

/**
 * Kinds that show the month's summary, KPIs, credit standings or collection figures: report readers
 * only, as over GraphQL (`dashboard`, `kpis`, `collectionKpis` need report:read). Aging is `read`, as
 * `receivablesAging` is.
 */
const REPORT_READER_KINDS = new Set(['summary', 'kpi', 'credit-review', 'collections']);

/** A query parameter given once; twice (or as `name[x]=`) is refused, never read as absent. */
function param(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined || typeof value === 'string') return value;
  throw ReportRequestError.invalid(`${name} is given more than once`, name);
}

/** A parameter the kind does not read would be silently ignored (a typo such as asof=): refused, named. */
function refuseUnknown(req: Request, kind: string): void {
  const known = new Set(['format', 'lang', ...(KIND_PARAMS[kind] ?? [])]);
  const unknown = Object.keys(req.query).find((name) => !known.has(name));
  if (unknown !== undefined)
    throw ReportRequestError.invalid(`${kind} takes no parameter ${JSON.stringify(unknown)}`, unknown);
}

function agingBasis(value: string | undefined): AgingBasis {
  if (value === undefined) return AgingBasis.DOCUMENT_DATE;
  const basis = Object.values(AgingBasis).find((b) => b === value);
  if (!basis) throw ReportRequestError.invalid('basis is DUE_DATE or DOCUMENT_DATE', 'basis');
  return basis;
}

function requestOf(req: Request): ReportRequest {
  const kind = String(req.params.kind);
  if (!(kind in KIND_PARAMS))
    throw new ReportRequestError(ReportRequestErrorCode.NOT_FOUND, `no report ${kind}`);
  refuseUnknown(req, kind);
  const currency = (param(req, 'currency') ?? 'CNY').toUpperCase();
  if (PERIOD_KINDS.has(kind)) {
    const periodId = param(req, 'periodId');
    if (!periodId) throw ReportRequestError.invalid('periodId is required', 'periodId');
    return { kind: kind as 'statement', periodId: decodeId(periodId, 'periodId') };
  }
  if (kind === 'aging')
    return {
      kind,
      asOf: param(req, 'asOf') ?? '',
      currency,
      customerCode: param(req, 'customerCode'),
      basis: agingBasis(param(req, 'basis')),
    };
  if (kind === 'summary') return { kind, period: param(req, 'period') ?? '', currency };
  if (kind === 'kpi' || kind === 'collections')
    return { kind, from: param(req, 'from') ?? '', to: param(req, 'to') ?? '', currency };
  // credit-review: exposures are read now, so the date printed is today's unless told; all currencies unless told.
  return {
    kind: 'credit-review',
    asOf: param(req, 'asOf') ?? new Date().toISOString().slice(0, 10),
    customerCode: param(req, 'customerCode'),
    currency: param(req, 'currency')?.toUpperCase(),
  };
}

/**
 * Staff and API keys with read access see the period reports and aging; the summary, KPIs, credit review
 * and collection KPIs need report:read too (clerks are refused); a customer's link reaches its own
 * period's statement and letter only.
 */
function allowed(principal: Principal, request: ReportRequest): boolean {
  if (principal.kind === 'customer') {
    return (
      CUSTOMER_LINK_REPORTS.has(request.kind) &&
      'periodId' in request &&
      request.periodId === principal.periodId
    );
  }
  if (REPORT_READER_KINDS.has(request.kind) && !can(principal, Permission.READ_REPORTS)) return false;
  return can(principal, Permission.READ);
}

/**
 * GET /reports/:kind?format=pdf|xlsx|csv&lang=bilingual|zh|en — statement, confirmation, differences,
 * bridge (?periodId=), aging (?asOf=&customerCode=&basis=DUE_DATE|DOCUMENT_DATE), summary (?period=YYYY[-MM]), kpi (?from=&to=),
 * credit-review (?asOf=&customerCode=&currency=), collections (?from=&to=&currency=).
 */
export function reportExportRouter(deps: ReportExportDeps): Router {
  const router = express.Router();
  router.get('/reports/:kind', async (req, res) => {
    try {
      const principal = await deps.requestAuth.principalOf(req, false);
      if (!principal) return sendError(res, ApiErrorCode.UNAUTHENTICATED, 'authentication required');
      // A credential held to enrolment is told so (403), as on /graphql, before anything else.
      refuseEnrolmentOnly(principal);
      const format = (param(req, 'format') ?? 'pdf') as ReportFormat;
      if (!REPORT_FORMATS.includes(format))
        return sendBadInput(res, `format is one of ${REPORT_FORMATS.join(', ')}`, 'format');
      const language = (param(req, 'lang') ?? 'bilingual') as Language;
      if (!LANGUAGES.has(language)) return sendBadInput(res, 'lang is bilingual, zh or en', 'lang');
      const request = requestOf(req);
      if (!allowed(principal, request))
        return sendError(res, ApiErrorCode.FORBIDDEN, 'not allowed to see this report');
      if (request.kind === 'statement' || request.kind === 'confirmation')
        request.sentOn = await sentOn(deps, request.periodId);
      const { kind, data } = await buildReportData(deps.dataSource, { name: deps.companyName }, request);
      const rendered = await renderReport(kind, data, format, language);
      res.setHeader('Content-Type', rendered.contentType);
      res.setHeader(
        'Content-Disposition',
        `attachment; filename*=UTF-8''${encodeURIComponent(rendered.fileName)}`,
      );
      return res.send(rendered.body);
    } catch (error) {
      return sendCaught(res, error, 'report export');
    }
  });
  return router;
}
