import type { DataSource } from 'typeorm';
import { isYear, monthRange } from '../../formats/date';
import { Money } from '../../money/decimal';
import type { CompanyInfo, ReconSummaryData } from '../types';

/**
 * 月度/年度对账汇总: one row per customer period in the month ("2026-10") or year ("2026"), in one
 * currency (amounts are never added across currencies); the periods of other currencies are counted,
 * so that the document says what it left out.
 */
export async function reconSummary(
  dataSource: DataSource,
  company: CompanyInfo,
  period: string,
  currency: string,
): Promise<ReconSummaryData> {
  const annual = isYear(period);
  const { start: from, end: to } = annual
    ? { start: `${period}-01-01`, end: `${period}-12-31` }
    : monthRange(period);
  const rows = (await dataSource.query(
    `SELECT c.code, c.name, DATE_FORMAT(p.period_start, '%Y-%m') AS month, p.status,
            CAST(p.our_closing_balance AS CHAR) AS ours, CAST(p.their_closing_balance AS CHAR) AS theirs,
            (SELECT COUNT(*) FROM match_groups g WHERE g.period_id = p.id AND g.match_run = p.match_run AND g.state IN ('APPLIED','MANUAL')) AS matched,
            (SELECT COUNT(*) FROM differences d WHERE d.period_id = p.id AND d.match_run = p.match_run) AS differences,
            (SELECT CAST(COALESCE(SUM(d.amount), 0) AS CHAR) FROM differences d WHERE d.period_id = p.id AND d.match_run = p.match_run AND d.status = 'OPEN') AS open_amount,
            (SELECT DATE_FORMAT(MAX(cc.responded_at), '%Y-%m-%d') FROM customer_confirmations cc WHERE cc.period_id = p.id AND cc.status = 'CONFIRMED') AS confirmed_on
       FROM reconciliation_periods p JOIN customers c ON c.id = p.customer_id
      WHERE p.period_start >= ? AND p.period_start <= ? AND p.currency = ?
      ORDER BY c.code, p.period_start`,
    [from, to, currency],
  )) as Array<Record<string, string | null>>;
  const others = (await dataSource.query(
    `SELECT p.currency, COUNT(*) AS periods FROM reconciliation_periods p
      WHERE p.period_start >= ? AND p.period_start <= ? AND p.currency <> ?
      GROUP BY p.currency ORDER BY p.currency`,
    [from, to, currency],
  )) as Array<{ currency: string; periods: string | number }>;
  return {
    company,
    scope: annual ? 'ANNUAL' : 'MONTHLY',
    period,
    currency,
    rows: rows.map((r) => ({
      customerCode: String(r.code),
      customerName: String(r.name),
      period: String(r.month),
      status: String(r.status),
      ourClosingBalance: new Money(r.ours ?? 0).toFixed(),
      theirClosingBalance: r.theirs === null ? null : new Money(r.theirs).toFixed(),
      matchedCount: Number(r.matched),
      differenceCount: Number(r.differences),
      openDifferenceAmount: new Money(r.open_amount ?? 0).toFixed(),
      confirmedOn: r.confirmed_on,
    })),
    otherCurrencies: others.map((o) => ({ currency: o.currency, periods: Number(o.periods) })),
  };
}
