import type { DataSource } from 'typeorm';
import { isMonth, monthRange } from '../../formats/date';
import { Money } from '../../money/decimal';
import { ReportRequestError, ReportRequestErrorCode } from './report-error';

/** One reconciliation period as `recon periods` lists it: enough to choose one by customer and month. */
export interface PeriodListRow {
  readonly id: string;
  readonly customerCode: string;
  readonly customerName: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly currency: string;
  readonly status: string;
  readonly ourClosingBalance: string | null;
  readonly theirClosingBalance: string | null;
  readonly bridgeTied: boolean;
}

export interface PeriodFilter {
  readonly customerCode?: string;
  /** YYYY-MM: the periods that start in that month. */
  readonly month?: string;
  readonly status?: string;
}

function monthOf(month: string): { start: string; end: string } {
  if (!isMonth(month))
    throw new ReportRequestError(
      ReportRequestErrorCode.INVALID_REQUEST,
      `period ${JSON.stringify(month)} is not a month YYYY-MM`,
    );
  return monthRange(month);
}

async function requireCustomerCode(dataSource: DataSource, code: string): Promise<void> {
  const found = (await dataSource.query('SELECT 1 AS found FROM customers WHERE code = ? LIMIT 1', [
    code,
  ])) as unknown[];
  if (found.length === 0)
    throw new ReportRequestError(
      ReportRequestErrorCode.NOT_FOUND,
      `no customer ${JSON.stringify(code)}; \`recon periods\` lists the customers that have periods`,
    );
}

/** Periods by customer code, month and status, ordered by customer then start. */
export async function listPeriods(dataSource: DataSource, filter: PeriodFilter): Promise<PeriodListRow[]> {
  const where: string[] = [];
  const params: string[] = [];
  if (filter.customerCode) {
    where.push('c.code = ?');
    params.push(filter.customerCode);
  }
  if (filter.month) {
    const { start, end } = monthOf(filter.month);
    where.push('p.period_start BETWEEN ? AND ?');
    params.push(start, end);
  }
  if (filter.status) {
    where.push('p.status = ?');
    params.push(filter.status);
  }
  const rows = (await dataSource.query(
    `SELECT p.id, c.code, c.name, DATE_FORMAT(p.period_start, '%Y-%m-%d') AS start,
            DATE_FORMAT(p.period_end, '%Y-%m-%d') AS end, p.currency, p.status, p.bridge_tied,
            CAST(p.our_closing_balance AS CHAR) AS ours, CAST(p.their_closing_balance AS CHAR) AS theirs
       FROM reconciliation_periods p JOIN customers c ON c.id = p.customer_id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY c.code, p.period_start, p.currency, p.id`,
    params,
  )) as Array<Record<string, string | number | null>>;
  // An unknown customer is said as such, not answered with an empty list (a mistyped code).
  if (filter.customerCode && rows.length === 0) await requireCustomerCode(dataSource, filter.customerCode);
  const money = (value: string | number | null) => (value === null ? null : new Money(value).toFixed());
  return rows.map((r) => ({
    id: String(r.id),
    customerCode: String(r.code),
    customerName: String(r.name),
    periodStart: String(r.start),
    periodEnd: String(r.end),
    currency: String(r.currency),
    status: String(r.status),
    ourClosingBalance: money(r.ours),
    theirClosingBalance: money(r.theirs),
    bridgeTied: Number(r.bridge_tied) === 1,
  }));
}

/**
 * The one period of a customer starting in a month (and currency, when the customer has several):
 * what `recon export … --customer C001 --period 2026-10` reports on, without an internal id.
 */
export async function findCustomerPeriod(
  dataSource: DataSource,
  customerCode: string,
  month: string,
  currency?: string,
): Promise<PeriodListRow> {
  const found = (await listPeriods(dataSource, { customerCode, month })).filter(
    (p) => !currency || p.currency === currency,
  );
  if (found.length === 1) return found[0];
  if (found.length === 0)
    throw new ReportRequestError(
      ReportRequestErrorCode.NOT_FOUND,
      `customer ${customerCode} has no period starting in ${month}${currency ? ` in ${currency}` : ''}; \`recon periods --customer ${customerCode}\` lists its periods`,
    );
  throw new ReportRequestError(
    ReportRequestErrorCode.INVALID_REQUEST,
    `customer ${customerCode} has ${found.length} periods starting in ${month} (${found
      .map((p) => `${p.periodStart}..${p.periodEnd} ${p.currency}, id ${p.id}`)
      .join('; ')}): add --currency, or give --period-id`,
  );
}
