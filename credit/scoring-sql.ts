// The nightly score's measures, set-based: a few statements over the whole ledger, no per-customer loop.
import type { DataSource } from 'typeorm';
import { PeriodStatus } from '../contract/enums';
import { Money } from '../money/decimal';
import type { CustomerBehaviour } from './score';

/** Days of history the score looks at, and how far back the balance trend compares. */
export const SCORE_WINDOW_DAYS = 365;
export const TREND_DAYS = 90;

/**
 * Invoices and when they were cleared, oldest first (FIFO) per customer in its own currency: each
 * positive entry's running total of debits meets the running total of credits; the first credit
 * whose running total reaches an invoice's clears it (a credit dated before the invoice, a
 * prepayment, clears it on its own date). This is the open-item rule's "oldest first" without the
 * hand applications and reference links (credit/open-items.ts is exact, per customer, and what
 * people see); for a behaviour score over the whole ledger the set-based approximation is what
 * fits in seconds. Due dates follow the terms in force on each invoice's date (net 30 without);
 * instalment terms count their percent-weighted days (month-end parts + 15 days).
 */
const INVOICES_SQL = `
WITH terms_ranges AS (
  SELECT a.customer_id, a.effective_from,
         LEAD(a.effective_from) OVER (PARTITION BY a.customer_id ORDER BY a.effective_from) AS until_date,
         t.kind,
         CASE WHEN t.kind = 'INSTALMENTS' THEN (
           SELECT ROUND(SUM(j.percent * (j.days + IF(j.month_end = 'true', 15, 0))) / 100)
             FROM JSON_TABLE(t.instalments, '$[*]' COLUMNS (percent DECIMAL(9,4) PATH '$.percent',
                  days INT PATH '$.days', month_end VARCHAR(5) PATH '$.monthEnd')) j)
         ELSE t.days END AS days
    FROM customer_payment_terms a JOIN payment_terms t ON t.id = a.terms_id
),
e AS (
  SELECT le.customer_id, le.id, le.entry_date, le.amount,
         SUM(GREATEST(le.amount, 0)) OVER w AS cum_d,
         SUM(GREATEST(-le.amount, 0)) OVER w AS cum_c
    FROM ledger_entries le JOIN customers c ON c.id = le.customer_id AND c.currency = le.currency
   WHERE le.entry_date <= ?
  WINDOW w AS (PARTITION BY le.customer_id ORDER BY le.entry_date, le.id)
),
stream AS (
  SELECT customer_id, entry_date, amount, cum_d AS k, 0 AS typ, CAST(NULL AS DATE) AS c_date FROM e WHERE amount > 0
  UNION ALL
  SELECT customer_id, entry_date, amount, cum_c AS k, 1 AS typ, entry_date AS c_date FROM e WHERE amount < 0
),
cleared AS (
  SELECT customer_id, entry_date, amount, typ,
         MIN(c_date) OVER (PARTITION BY customer_id ORDER BY k, typ
                           ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS clear_date
    FROM stream
),
inv AS (
  SELECT cl.customer_id, cl.amount, GREATEST(cl.clear_date, cl.entry_date) AS clear_date,
         CASE WHEN tr.kind = 'MONTH_END' THEN LAST_DAY(cl.entry_date) + INTERVAL tr.days DAY
              ELSE cl.entry_date + INTERVAL COALESCE(tr.days, 30) DAY END AS due_date
    FROM cleared cl
    LEFT JOIN terms_ranges tr ON tr.customer_id = cl.customer_id AND cl.entry_date >= tr.effective_from
         AND (tr.until_date IS NULL OR cl.entry_date < tr.until_date)
   WHERE cl.typ = 0 AND cl.entry_date > ? - INTERVAL ${SCORE_WINDOW_DAYS} DAY
)
SELECT CAST(customer_id AS CHAR) AS customer_id,
       CAST(SUM(amount) AS CHAR) AS invoiced,
       COUNT(*) AS invoices,
       CAST(COALESCE(SUM(CASE WHEN due_date <= ? THEN amount END), 0) AS CHAR) AS due_amount,
       CAST(COALESCE(SUM(CASE WHEN due_date <= ? AND (clear_date IS NULL OR clear_date > due_date)
                     THEN amount END), 0) AS CHAR) AS late_amount,
       CAST(COALESCE(SUM(CASE WHEN due_date <= ?
                     THEN amount * GREATEST(0, DATEDIFF(COALESCE(clear_date, ?), due_date)) END), 0) AS CHAR) AS late_amount_days
  FROM inv GROUP BY customer_id`;

const BALANCES_SQL = `
SELECT CAST(le.customer_id AS CHAR) AS customer_id,
       CAST(SUM(le.amount) AS CHAR) AS balance_now,
       CAST(SUM(CASE WHEN le.entry_date <= ? - INTERVAL ${TREND_DAYS} DAY THEN le.amount ELSE 0 END) AS CHAR) AS balance_before
  FROM ledger_entries le JOIN customers c ON c.id = le.customer_id AND c.currency = le.currency
 WHERE le.entry_date <= ?
 GROUP BY le.customer_id`;

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

/** Every active customer's behaviour at `asOf` (YYYY-MM-DD), from four statements run side by side. */
export async function measureBehaviour(
  dataSource: Pick<DataSource, 'query'>,
  asOf: string,
  responseCap: number,
): Promise<Map<string, CustomerBehaviour>> {
  const [customers, invoices, balances, disputes, statements] = (await Promise.all([
    dataSource.query(`SELECT CAST(id AS CHAR) AS customer_id FROM customers WHERE status = 'ACTIVE'`),
    dataSource.query(INVOICES_SQL, [asOf, asOf, asOf, asOf, asOf, asOf]),
    dataSource.query(BALANCES_SQL, [asOf, asOf]),
    dataSource.query(DISPUTES_SQL, [asOf, asOf]),
    dataSource.query(STATEMENTS_SQL, [responseCap, asOf, asOf, asOf, PeriodStatus.FAILED]),
  ])) as Row[][];
  const byId = (rows: Row[]) => new Map(rows.map((row) => [row.customer_id, row]));
  const [inv, bal, dis, st] = [byId(invoices), byId(balances), byId(disputes), byId(statements)];
  const money = (value: string | number | null | undefined) => new Money(value == null ? 0 : String(value));
  const result = new Map<string, CustomerBehaviour>();
  for (const { customer_id: id } of customers) {
    const i = inv.get(id);
    const b = bal.get(id);
    const s = st.get(id);
    result.set(id, {
      invoiced: money(i?.invoiced),
      dueAmount: money(i?.due_amount),
      lateAmount: money(i?.late_amount),
      lateAmountDays: money(i?.late_amount_days),
      invoices: Number(i?.invoices ?? 0),
      disputedLines: Number(dis.get(id)?.disputed ?? 0),
      statements: Number(s?.statements ?? 0),
      responseDays: s ? money(s.response_days) : null,
      balanceNow: money(b?.balance_now),
      balanceBefore: money(b?.balance_before),
    });
  }
  return result;
}
