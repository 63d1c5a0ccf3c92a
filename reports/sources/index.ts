import type { DataSource } from 'typeorm';
import type { AgingBasis } from '../../contract/credit/enums';
import type { ReportDataByKind, ReportKind } from '..';
import type { CompanyInfo } from '../types';
import { agingReport } from './aging';
import { creditReview } from './credit-review';
import { kpiReport } from './kpi';
import { balanceBridge, confirmationLetter, differenceReport, statementOfAccount } from './period-reports';
import { ReportRequestError, ReportRequestErrorCode } from './report-error';
import { reconSummary } from './summary';
import { isIsoDate, isMonth, isYear } from '../../formats/date';
import { isKnownCurrency } from '../../formats/currency';
import { collectionKpiReport } from '../../collections/kpis';

export { ReportRequestError, ReportRequestErrorCode } from './report-error';
export { findCustomerPeriod, listPeriods, type PeriodFilter, type PeriodListRow } from './period-list';

/** What to report on: a period's documents, or aging / summary / KPIs / credit standings / collection KPIs. */
export type ReportRequest =
  | {
      kind: 'statement' | 'confirmation' | 'differences' | 'bridge';
      periodId: string;
      /** When the latest statement went to the customer (printed instead of a link). */
      sentOn?: string;
    }
  | { kind: 'aging'; asOf: string; currency: string; customerCode?: string; basis?: AgingBasis }
  | { kind: 'summary'; period: string; currency: string }
  | { kind: 'kpi'; from: string; to: string; currency: string }
  | { kind: 'credit-review'; asOf: string; customerCode?: string; currency?: string }
  | { kind: 'collections'; from: string; to: string; currency: string };

function requireDate(value: string, field: string): void {
  if (!isIsoDate(value)) throw ReportRequestError.invalid(`${field} must be YYYY-MM-DD`, field);
}

function requireCurrency(value: string): void {
  // A well-formed code that is no currency (XYZ) is refused too.
  if (!isKnownCurrency(value))
    throw ReportRequestError.invalid(
      `currency ${JSON.stringify(value)} is not an ISO 4217 currency code such as CNY`,
      'currency',
    );
}

/** A customer named in a request must exist: an unknown code is NOT_FOUND, not an empty report. */
async function requireCustomer(dataSource: DataSource, code: string | undefined): Promise<void> {
  if (code === undefined) return;
  const rows = (await dataSource.query('SELECT 1 AS found FROM customers WHERE code = ? LIMIT 1', [
    code,
  ])) as unknown[];
  if (rows.length === 0)
    throw new ReportRequestError(ReportRequestErrorCode.NOT_FOUND, `no customer ${JSON.stringify(code)}`);
}

function requireOrder(from: string, to: string): void {
  if (from > to)
    throw ReportRequestError.invalid(`the range is reversed: from ${from} is after to ${to}`, 'from');
}

/** Loads a report's data from the database (exact amounts), ready for renderReport(). */
export async function buildReportData(
  dataSource: DataSource,
  company: CompanyInfo,
  request: ReportRequest,
): Promise<{ kind: ReportKind; data: ReportDataByKind[ReportKind] }> {
  switch (request.kind) {
    case 'statement':
      return {
        kind: 'statement',
        data: await statementOfAccount(dataSource, company, request.periodId, { sentOn: request.sentOn }),
      };
    case 'confirmation':
      return {
        kind: 'confirmation',
        data: await confirmationLetter(dataSource, company, request.periodId, { sentOn: request.sentOn }),
      };
    case 'differences':
      return { kind: 'differences', data: await differenceReport(dataSource, company, request.periodId) };
    case 'bridge':
      return { kind: 'bridge', data: await balanceBridge(dataSource, company, request.periodId) };
    case 'aging':
      requireDate(request.asOf, 'asOf');
      requireCurrency(request.currency);
      await requireCustomer(dataSource, request.customerCode);
      return {
        kind: 'aging',
        data: await agingReport(
          dataSource,
          company,
          request.asOf,
          request.currency,
          request.customerCode,
          request.basis,
        ),
      };
    case 'summary':
      requireCurrency(request.currency);
      if (!isMonth(request.period) && !isYear(request.period))
        throw ReportRequestError.invalid('period must be YYYY or YYYY-MM', 'period');
      return {
        kind: 'summary',
        data: await reconSummary(dataSource, company, request.period, request.currency),
      };
    case 'kpi':
      requireDate(request.from, 'from');
      requireDate(request.to, 'to');
      requireOrder(request.from, request.to);
      requireCurrency(request.currency);
      return {
        kind: 'kpi',
        data: await kpiReport(dataSource, company, request.from, request.to, request.currency),
      };
    case 'credit-review':
      requireDate(request.asOf, 'asOf');
      if (request.currency !== undefined) requireCurrency(request.currency);
      await requireCustomer(dataSource, request.customerCode);
      return {
        kind: 'credit-review',
        data: await creditReview(dataSource, company, request.asOf, {
          customerCode: request.customerCode,
          currency: request.currency,
        }),
      };
    case 'collections':
      requireDate(request.from, 'from');
      requireDate(request.to, 'to');
      requireOrder(request.from, request.to);
      requireCurrency(request.currency);
      return {
        kind: 'collections',
        data: {
          company,
          ...(await collectionKpiReport(dataSource, {
            from: request.from,
            to: request.to,
            currency: request.currency,
          })),
        },
      };
  }
}
