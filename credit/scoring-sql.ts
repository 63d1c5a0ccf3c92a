// The nightly score's measures: the ledger streamed once, the rest by small grouped statements; no per-customer query.
import type { DataSource } from 'typeorm';
import { PeriodStatus } from '../contract/enums';
import { Money } from '../money/decimal';
import { formatAmount, type TermsRange } from './fifo-clearing';
import { measureAllLedgers } from './ledger-measures';
import type { CustomerBehaviour } from './score';

/** Days of history the score looks at, and how far back the balance trend compares. */
export const SCORE_WINDOW_DAYS = 365;
export const TREND_DAYS = 90;

/**
 * The terms each customer had, as day ranges. Instalment terms count their percent-weighted days
 * (month-end parts + 15 days).
 */
const TERMS_SQL = `
SELECT CAST(a.customer_id AS CHAR) AS customer_id, TO_DAYS(a.effective_from) AS from_day,
       TO_DAYS(LEAD(a.effective_from) OVER (PARTITION BY a.customer_id ORDER BY a.effective_from)) AS until_day,
       t.kind,
       CASE WHEN t.kind = 'INSTALMENTS' THEN (
         SELECT ROUND(SUM(j.percent * (j.days + IF(j.month_end = 'true', 15, 0))) / 100)
           FROM JSON_TABLE(t.instalments, '$[*]' COLUMNS (percent DECIMAL(9,4) PATH '$.percent',
                days INT PATH '$.days', month_end VARCHAR(5) PATH '$.monthEnd')) j)
       ELSE t.days END AS days
  FROM customer_payment_terms a JOIN payment_terms t ON t.id = a.terms_id
 ORDER BY a.customer_id, a.effective_from`;

const DISPUTES_SQL = `
SELECT CAST(rp.customer_id AS CHAR) AS customer_id, COUNT(DISTINCT d.ledger_entry_id) AS disputed
  FROM disputed_lines d
  JOIN customer_confirmations cc ON cc.id = d.confirmation_id
  JOIN reconciliation_periods rp ON rp.id = cc.period_id
 WHERE d.ledger_entry_id IS NOT NULL AND d.created_at <= ? + INTERVAL 1 DAY
   AND d.created_at > ? - INTERVAL ${SCORE_WINDOW_DAYS} DAY
 GROUP BY rp.customer_id`;

/** Days from a statement sent to its answer, capped (unanswered: the days so far, capped). */
const STATEMENTS_SQL = `
SELECT CAST(rp.customer_id AS CHAR) AS customer_id, COUNT(*) AS statements,
       CAST(AVG(LEAST(?, GREATEST(0, DATEDIFF(COALESCE(DATE(cc.responded_at), ?), DATE(cc.sent_at))))) AS CHAR) AS response_days
  FROM customer_confirmations cc JOIN reconciliation_periods rp ON rp.id = cc.period_id
 WHERE cc.sent_at IS NOT NULL AND DATE(cc.sent_at) <= ? AND cc.sent_at > ? - INTERVAL ${SCORE_WINDOW_DAYS} DAY
   AND rp.status <> ?
 GROUP BY rp.customer_id`;

type Row = Record<string, string | number | null> & { customer_id: string };

/** Net days of an invoice without payment terms. */
export const DEFAULT_NET_DAYS = 30;

/** Each customer's terms as day ranges, oldest first. */
export async function termsByCustomer(
  dataSource: Pick<DataSource, 'query'>,
): Promise<Map<string, TermsRange[]>> {
  const rows = (await dataSource.query(TERMS_SQL)) as Array<{
    customer_id: string;
    from_day: number | string;
    until_day: number | string | null;
    kind: string;
    days: number | string | null;
  }>;
  const terms = new Map<string, TermsRange[]>();
  for (const row of rows) {
    const list = terms.get(row.customer_id) ?? [];
    list.push({
      from: Number(row.from_day),
      until: row.until_day === null ? null : Number(row.until_day),
      kind: row.kind,
      days: row.days === null ? null : Number(row.days),
    });
    terms.set(row.customer_id, list);
  }
  return terms;
}

/**
 * Every active customer's behaviour at `asOf` (YYYY-MM-DD): the ledger in one streamed pass (FIFO
 * clearing and balances, credit/ledger-measures.ts), disputes and statement answers by two small
 * grouped statements alongside.
 */
export async function measureBehaviour(
  dataSource: DataSource,
  asOf: string,
  responseCap: number,
): Promise<Map<string, CustomerBehaviour>> {
  const terms = await termsByCustomer(dataSource);
  const [customers, disputes, statements, ledgers] = await Promise.all([
    dataSource.query(
      `SELECT CAST(id AS CHAR) AS customer_id FROM customers WHERE status = 'ACTIVE'`,
    ) as Promise<Row[]>,
    dataSource.query(DISPUTES_SQL, [asOf, asOf]) as Promise<Row[]>,
    dataSource.query(STATEMENTS_SQL, [responseCap, asOf, asOf, asOf, PeriodStatus.FAILED]) as Promise<Row[]>,
    measureAllLedgers(dataSource, asOf, terms, {
      windowDays: SCORE_WINDOW_DAYS,
      trendDays: TREND_DAYS,
      defaultNetDays: DEFAULT_NET_DAYS,
    }),
  ]);
  const byId = (rows: Row[]) => new Map(rows.map((row) => [row.customer_id, row]));
  const [dis, st] = [byId(disputes), byId(statements)];
  const money = (value: string | number | null | undefined) => new Money(value == null ? 0 : String(value));
  const amount = (value: bigint | undefined) => new Money(formatAmount(value ?? 0n));
  const result = new Map<string, CustomerBehaviour>();
  for (const { customer_id: id } of customers) {
    const l = ledgers.get(id);
    const s = st.get(id);
    result.set(id, {
      invoiced: amount(l?.invoiced),
      dueAmount: amount(l?.dueAmount),
      lateAmount: amount(l?.lateAmount),
      lateAmountDays: amount(l?.lateAmountDays),
      invoices: l?.invoices ?? 0,
      disputedLines: Number(dis.get(id)?.disputed ?? 0),
      statements: Number(s?.statements ?? 0),
      responseDays: s ? money(s.response_days) : null,
      balanceNow: amount(l?.balanceNow),
      balanceBefore: amount(l?.balanceBefore),
    });
  }
  return result;
}
